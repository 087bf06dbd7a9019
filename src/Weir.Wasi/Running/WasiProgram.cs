using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Wasi;

/// <summary>Runs WASI command modules: instantiate with WASI, call <c>_start</c>, report the exit code.</summary>
public static class WasiProgram
{
    /// <summary>The export a WASI command runs.</summary>
    public const string StartFunctionName = "_start";

    /// <summary>Whether <paramref name="module"/> is a WASI command: it exports a <c>_start</c> function.</summary>
    public static bool IsCommand(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.Exports.Any(export => export.Name == StartFunctionName && export.Kind == ExternalKind.Function);
    }

    /// <summary>
    /// Runs a command module in <paramref name="store"/> and returns its exit code: the code given to
    /// proc_exit, or 0 when <c>_start</c> returns. Open files are closed and output flushed before
    /// returning.
    /// </summary>
    /// <exception cref="InvalidOperationException">The module does not export <c>_start</c>, or it takes parameters or returns results.</exception>
    /// <exception cref="WasmLinkException">The module imports something that is neither WASI nor defined.</exception>
    /// <exception cref="WasmTrapException">The program trapped (including running out of fuel or time).</exception>
    public static int Run(Store store, Module module, WasiConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsCommand(module))
        {
            throw new InvalidOperationException($"module {module.Name ?? "(unnamed)"} does not export a '{StartFunctionName}' function, so it is not a WASI command");
        }

        var linker = new Linker(store.Engine);
        using var context = WasiHost.Define(linker, configuration);
        try
        {
            var instance = linker.Instantiate(store, module);
            var start = instance.GetFunction(StartFunctionName)!;
            if (start.Type.Parameters.Length != 0 || start.Type.Results.Length != 0)
            {
                throw new InvalidOperationException($"'{StartFunctionName}' has type {start.Type}; a WASI command's takes no parameters and returns nothing");
            }

            start.Invoke();
            return 0;
        }
        catch (WasmTrapException trap) when (WasiExitException.Find(trap) is { } exit)
        {
            return exit.ExitCode;
        }
    }
}
