namespace Weir.Oci.Modules;

/// <summary>The two kinds of Wasm binaries, told apart by the version field of the header.</summary>
public enum WasmBinaryKind
{
    /// <summary>A core module (version <c>01 00 00 00</c>).</summary>
    CoreModule,

    /// <summary>A component (version <c>0d 00</c>, layer <c>01 00</c>).</summary>
    Component,
}
