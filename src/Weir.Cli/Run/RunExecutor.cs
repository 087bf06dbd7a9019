using System.Text;
using Weir.Wasi;
using Weir.Wasm;

namespace Weir.Cli.Run;

/// <summary>
/// Runs a module for <c>weir run</c>: as a WASI command (<c>_start</c>), or one export with
/// --invoke. Returns the exit code: the program's own, <see cref="RunExitCodes.Trap"/> after a
/// trap (the trap and its Wasm stack trace go to standard error), or
/// <see cref="RunExitCodes.CouldNotRun"/> when the module could not be started.
/// </summary>
internal sealed class RunExecutor
{
    private readonly RunConsole _console;
    private readonly TextWriter _diagnostics;

    public RunExecutor(RunConsole console)
    {
        _console = console;
        _diagnostics = new StreamWriter(console.Error, new UTF8Encoding(false), bufferSize: 1024, leaveOpen: true) { AutoFlush = true };
    }

    public int Execute(RunSettings settings)
    {
        using var cancellation = new CancellationTokenSource();
        try
        {
            var engine = new Engine(new EngineOptions { ConsumeFuel = settings.Fuel is not null });
            var module = LoadModule(engine, settings.ModulePath);
            if (module is null)
            {
                return RunExitCodes.CouldNotRun;
            }

            if (settings.Invoke is null && !WasiProgram.IsCommand(module))
            {
                return Refuse(NotACommandMessage(settings.ModulePath, module));
            }

            var limits = settings.MaxMemoryBytes is { } maxMemory ? StoreLimits.Default with { MaxMemoryBytes = maxMemory } : StoreLimits.Default;
            using var store = new Store(engine, limits);
            if (settings.Fuel is { } fuel)
            {
                store.SetFuel(fuel);
            }

            var configuration = CreateConfiguration(settings, cancellation.Token);
            if (settings.Timeout is { } timeout)
            {
                store.SetDeadline(timeout);
                cancellation.CancelAfter(timeout);
            }

            var exitCode = settings.Invoke is { } export
                ? Invoke(store, module, configuration, export, settings.Arguments)
                : WasiProgram.Run(store, module, configuration);
            _console.Output.Flush();
            return AsProcessExitCode(exitCode);
        }
        catch (WasmTrapException trap) when (WasiExitException.Find(trap) is null)
        {
            _console.Output.Flush();
            _diagnostics.WriteLine($"error: {Path.GetFileName(settings.ModulePath)} trapped");
            _diagnostics.WriteLine(trap.FormatWithWasmStackTrace());
            return RunExitCodes.Trap;
        }
        catch (WasmLinkException exception)
        {
            return Refuse($"cannot instantiate {settings.ModulePath}: {exception.Message}. weir run provides only wasi_snapshot_preview1 and wasi_unstable.");
        }
        catch (DirectoryNotFoundException exception)
        {
            return Refuse(exception.Message);
        }
        catch (InvocationException exception)
        {
            return Refuse(exception.Message);
        }
    }

    private Module? LoadModule(Engine engine, string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Refuse($"cannot read {path}: {exception.Message}");
            return null;
        }

        try
        {
            return Module.FromBytes(engine, bytes, Path.GetFileNameWithoutExtension(path));
        }
        catch (WasmMalformedException exception)
        {
            Refuse($"{path} is not a valid WebAssembly binary: {exception.Message}");
        }
        catch (WasmValidationException exception)
        {
            Refuse($"{path} is not a valid WebAssembly module: {exception.Message}");
        }

        return null;
    }

    private WasiConfiguration CreateConfiguration(RunSettings settings, CancellationToken cancellation)
    {
        var configuration = new WasiConfiguration { Cancellation = cancellation }
            .WithArguments([Path.GetFileName(settings.ModulePath), .. settings.Invoke is null ? settings.Arguments : []]);
        foreach (var (name, value) in settings.Environment)
        {
            configuration.WithEnvironmentVariable(name, value);
        }

        foreach (var directory in settings.Directories)
        {
            configuration.WithPreopenedDirectory(directory.HostPath, directory.GuestPath, directory.ReadOnly ? WasiDirectoryAccess.ReadOnly : WasiDirectoryAccess.ReadWrite);
        }

        if (_console.IsProcessConsole)
        {
            configuration.InheritStandardStreams();
        }
        else
        {
            configuration.WithStandardInput(WasiInput.FromStream(_console.Input))
                .WithStandardOutput(WasiOutput.ToStream(_console.Output))
                .WithStandardError(WasiOutput.ToStream(_console.Error));
        }

        return configuration;
    }

    /// <summary>Calls one export with arguments parsed by its parameter types and prints each result on its own line.</summary>
    private int Invoke(Store store, Module module, WasiConfiguration configuration, string exportName, IReadOnlyList<string> arguments)
    {
        var linker = new Linker(store.Engine);
        using var context = WasiHost.Define(linker, configuration);
        try
        {
            var instance = linker.Instantiate(store, module);
            var function = instance.GetFunction(exportName) ?? throw new InvocationException(
                $"the module has no exported function '{exportName}'; its exported functions are: {ExportedFunctions(module)}");
            var parameters = function.Type.Parameters;
            if (arguments.Count != parameters.Length)
            {
                throw new InvocationException($"'{exportName}' has type {function.Type} and takes {parameters.Length} argument(s), but {arguments.Count} were given");
            }

            var values = new Value[parameters.Length];
            for (var i = 0; i < values.Length; i++)
            {
                try
                {
                    values[i] = InvokeValues.Parse(arguments[i], parameters[i]);
                }
                catch (FormatException exception)
                {
                    throw new InvocationException($"argument {i + 1} of '{exportName}': {exception.Message}");
                }
            }

            // A reactor initialises itself (constructors, preopens) in _initialize before any other export runs.
            instance.GetFunction("_initialize")?.Invoke();
            var results = function.Invoke(values);
            using var output = new StreamWriter(_console.Output, new UTF8Encoding(false), bufferSize: 1024, leaveOpen: true);
            foreach (var result in results)
            {
                output.Write(InvokeValues.Format(result));
                output.Write('\n');
            }

            return 0;
        }
        catch (WasmTrapException trap) when (WasiExitException.Find(trap) is { } exit)
        {
            return exit.ExitCode;
        }
    }

    /// <summary>What the operating system makes of an exit code: Unix keeps the low 8 bits (so proc_exit(300) exits with 44), Windows all 32.</summary>
    private static int AsProcessExitCode(int exitCode) => OperatingSystem.IsWindows() ? exitCode : exitCode & 0xFF;

    private int Refuse(string message)
    {
        _diagnostics.WriteLine($"error: {message}");
        return RunExitCodes.CouldNotRun;
    }

    private static string NotACommandMessage(string path, Module module)
    {
        var exports = ExportedFunctions(module);
        return $"{path} is not a WASI command: it does not export a '{WasiProgram.StartFunctionName}' function. "
            + (exports.Length == 0 ? "It exports no functions either." : $"Call one of its exported functions with --invoke NAME: {exports}.");
    }

    private static string ExportedFunctions(Module module) =>
        string.Join(", ", module.Exports.Where(export => export.Kind == Weir.Wasm.Model.ExternalKind.Function).Select(export => export.Name));

    /// <summary>--invoke could not call the export as asked.</summary>
    private sealed class InvocationException(string message) : Exception(message);
}
