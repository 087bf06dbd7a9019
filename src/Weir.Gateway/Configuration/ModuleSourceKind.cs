namespace Weir.Gateway.Configuration;

/// <summary>The kind of a <see cref="ModuleSource"/>.</summary>
internal enum ModuleSourceKind
{
    /// <summary>A <c>.wasm</c> file.</summary>
    File,

    /// <summary>An OCI reference.</summary>
    Oci,
}
