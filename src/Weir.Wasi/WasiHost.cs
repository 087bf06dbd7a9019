using Weir.Wasi.Abi;
using Weir.Wasi.Functions;
using Weir.Wasm;

namespace Weir.Wasi;

/// <summary>
/// Adds WASI to a <see cref="Linker"/>: every function of <c>wasi_snapshot_preview1</c> (46), and
/// the same set under <c>wasi_unstable</c> with that version's layouts, for older toolchains.
/// </summary>
/// <example>
/// <code>
/// var linker = new Linker(engine);
/// using var wasi = WasiHost.Define(linker, new WasiConfiguration()
///     .WithArguments("app", "--verbose")
///     .WithPreopenedDirectory("./data", "/data", WasiDirectoryAccess.ReadOnly)
///     .InheritStandardStreams());
/// var instance = linker.Instantiate(new Store(engine), module);
/// </code>
/// </example>
public static class WasiHost
{
    /// <summary>The import module name of WASI preview 1.</summary>
    public const string Preview1ModuleName = "wasi_snapshot_preview1";

    /// <summary>The import module name of WASI snapshot 0 ("preview 0").</summary>
    public const string UnstableModuleName = "wasi_unstable";

    /// <summary>
    /// Defines the WASI functions on <paramref name="linker"/> for one program, under both module
    /// names. The returned context holds that program's descriptors, so instantiate only one
    /// module with this linker (or call this on a fresh linker per program), and dispose the context
    /// when the program has finished.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">A preopened directory does not exist.</exception>
    public static WasiContext Define(Linker linker, WasiConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(configuration);
        var context = new WasiContext(configuration);
        WasiImports.Define(linker, Preview1ModuleName, new WasiFunctions(context, AbiVersion.Preview1));
        WasiImports.Define(linker, UnstableModuleName, new WasiFunctions(context, AbiVersion.Preview0));
        return context;
    }
}
