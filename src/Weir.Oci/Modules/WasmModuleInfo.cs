namespace Weir.Oci.Modules;

/// <summary>What Weir.Oci learns from a module's bytes without compiling it: kind, sections, imports and exports.</summary>
public sealed class WasmModuleInfo
{
    internal WasmModuleInfo(WasmBinaryKind kind, IReadOnlyList<WasmSection> sections, IReadOnlyList<WasmImport> imports, IReadOnlyList<WasmExport> exports)
    {
        Kind = kind;
        Sections = sections;
        Imports = imports;
        Exports = exports;
        ProxyAbiVersions = ProxyWasmAbi.DetectVersions(exports);
    }

    /// <summary>Core module or component.</summary>
    public WasmBinaryKind Kind { get; }

    /// <summary>Every section in file order (empty for components, whose sections are not decoded).</summary>
    public IReadOnlyList<WasmSection> Sections { get; }

    /// <summary>The import section's entries.</summary>
    public IReadOnlyList<WasmImport> Imports { get; }

    /// <summary>The export section's entries.</summary>
    public IReadOnlyList<WasmExport> Exports { get; }

    /// <summary>
    /// proxy-wasm ABI versions announced by marker exports (<c>proxy_abi_version_0_2_1</c> → <c>v0.2.1</c>),
    /// in export order; empty when the module is not a proxy-wasm filter.
    /// </summary>
    public IReadOnlyList<string> ProxyAbiVersions { get; }
}
