using Weir.Wasm;

namespace Weir.Cli.SpecTests;

/// <summary>
/// Runs the commands of one script against one engine, store and linker, so that registered
/// instances share their memories, tables and globals with the modules that import them. Every
/// command gets exactly one outcome; whatever a command throws fails that command only.
/// </summary>
internal sealed class SpecScriptRunner
{
    private readonly SpecScript _script;
    private readonly SpecRunOptions _options;
    private readonly Lock _resultsLock = new();
    private readonly List<SpecFailure> _failures = [];
    private readonly List<SpecSkip> _skips = [];
    private readonly List<SpecNote> _notes = [];
    private readonly Dictionary<string, Instance?> _namedInstances = new(StringComparer.Ordinal);
    private int _passed;
    private int _currentLine;
    private Engine? _engine;
    private Store? _store;
    private Linker? _linker;
    private Instance? _currentInstance;
    private string? _currentInstanceProblem = "no module has been defined yet";

    public SpecScriptRunner(SpecScript script, SpecRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(options);
        _script = script;
        _options = options;
    }

    /// <summary>The script's line the runner is at, for reports about a script that does not finish.</summary>
    public int CurrentLine => Volatile.Read(ref _currentLine);

    /// <summary>Runs every command and returns the outcome.</summary>
    public ScriptResult Run()
    {
        try
        {
            _engine = new Engine();
            _store = new Store(_engine);
            _linker = new Linker(_engine) { AllowShadowing = true };
            SpectestHostModule.Define(_linker, _store);
        }
        catch (Exception exception)
        {
            _store?.Dispose();
            return ScriptResult.Broken(_script.Name, "cannot set up the engine, store and spectest module: " + ExceptionText.Describe(exception));
        }

        using (_store)
        {
            foreach (var command in _script.Commands)
            {
                Volatile.Write(ref _currentLine, command.Line);
                RunCommand(command);
            }
        }

        return Snapshot();
    }

    /// <summary>The outcome so far, with an extra failure when given (used when a script overruns its time).</summary>
    public ScriptResult Snapshot(SpecFailure? extraFailure = null)
    {
        lock (_resultsLock)
        {
            var failures = extraFailure is null ? _failures.ToArray() : [.. _failures, extraFailure];
            return new ScriptResult(_script.Name, _passed, failures.Length, _skips.Count, failures, _skips.ToArray(), _notes.ToArray());
        }
    }

    private void RunCommand(SpecCommand command)
    {
        Outcome outcome;
        try
        {
            outcome = Execute(command);
        }
        catch (Exception exception)
        {
            outcome = Outcome.Fail(ExpectedText(command), ExceptionText.Describe(exception));
        }

        lock (_resultsLock)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Passed:
                    _passed++;
                    break;
                case OutcomeKind.Skipped:
                    _skips.Add(new SpecSkip(command.Line, command.Kind, outcome.Detail));
                    break;
                default:
                    _failures.Add(new SpecFailure(command.Line, command.Describe(), outcome.Expected, outcome.Detail));
                    break;
            }

            if (outcome.Note is not null)
            {
                _notes.Add(new SpecNote(command.Line, command.Describe(), outcome.Note));
            }
        }
    }

    private Outcome Execute(SpecCommand command) => command.Kind switch
    {
        SpecCommandKind.Module => DefineModule(command),
        SpecCommandKind.Register => Register(command),
        SpecCommandKind.Action => PerformAction(command),
        SpecCommandKind.AssertReturn => AssertReturn(command),
        SpecCommandKind.AssertTrap when command.Action is null => AssertUninstantiable(command),
        SpecCommandKind.AssertTrap => AssertTrap(command),
        SpecCommandKind.AssertExhaustion => AssertExhaustion(command),
        SpecCommandKind.AssertInvalid => AssertRejected<WasmValidationException>(command, exception => exception.Reason),
        SpecCommandKind.AssertMalformed => AssertRejected<WasmMalformedException>(command, exception => exception.Reason),
        SpecCommandKind.AssertUnlinkable => AssertUnlinkable(command),
        SpecCommandKind.AssertUninstantiable => AssertUninstantiable(command),
        _ => Outcome.Fail(ExpectedText(command), "an unreadable command: " + command.Error),
    };

    private Outcome DefineModule(SpecCommand command)
    {
        // Until this module is up, later commands must not silently run against the previous one.
        _currentInstance = null;
        _currentInstanceProblem = $"the module of line {command.Line} did not load or instantiate";
        if (command.ModuleName is not null)
        {
            _namedInstances[command.ModuleName] = null;
        }

        var instance = Instantiate(LoadModule(command));
        _currentInstance = instance;
        _currentInstanceProblem = null;
        if (command.ModuleName is not null)
        {
            _namedInstances[command.ModuleName] = instance;
        }

        return Outcome.Pass();
    }

    private Outcome Register(SpecCommand command)
    {
        _linker!.DefineInstance(command.RegisterAs!, ResolveInstance(command.ModuleName));
        return Outcome.Pass();
    }

    private Outcome PerformAction(SpecCommand command)
    {
        Perform(command.Action!);
        return Outcome.Pass();
    }

    private Outcome AssertReturn(SpecCommand command)
    {
        var results = Perform(command.Action!);
        var expected = command.Expected;
        var matches = results.Length == expected.Length
            && results.Select((result, i) => expected[i].Matches(result)).All(match => match);
        return matches ? Outcome.Pass() : Outcome.Fail(ExpectedText(command), DescribeResults(results, command));
    }

    private Outcome AssertTrap(SpecCommand command)
    {
        Value[] results;
        try
        {
            results = Perform(command.Action!);
        }
        catch (WasmTrapException trap) when (IsGuestTrap(trap))
        {
            return Outcome.Pass(CompareWording(command.Text, trap.Message));
        }

        return Outcome.Fail(ExpectedText(command), "no trap, results " + DescribeResults(results, command));
    }

    private Outcome AssertExhaustion(SpecCommand command)
    {
        Value[] results;
        try
        {
            results = Perform(command.Action!);
        }
        catch (WasmTrapException trap) when (trap.Code == TrapCode.StackExhausted)
        {
            return Outcome.Pass();
        }

        return Outcome.Fail(ExpectedText(command), "no trap, results " + DescribeResults(results, command));
    }

    private Outcome AssertRejected<TException>(SpecCommand command, Func<TException, string> reason)
        where TException : Exception
    {
        if (command.IsTextModule)
        {
            return Outcome.Skip($"{command.TypeName} of a text-format module (weir has no .wat parser)");
        }

        try
        {
            _ = LoadModule(command);
        }
        catch (TException exception)
        {
            return Outcome.Pass(CompareWording(command.Text, reason(exception)));
        }

        return Outcome.Fail(ExpectedText(command), "the module was accepted");
    }

    private Outcome AssertUnlinkable(SpecCommand command)
    {
        var module = LoadModule(command);
        try
        {
            _ = Instantiate(module);
        }
        catch (WasmLinkException exception)
        {
            return Outcome.Pass(CompareWording(command.Text, exception.Message));
        }

        return Outcome.Fail(ExpectedText(command), "the module was instantiated");
    }

    private Outcome AssertUninstantiable(SpecCommand command)
    {
        var module = LoadModule(command);
        try
        {
            _ = Instantiate(module);
        }
        catch (WasmTrapException trap) when (IsGuestTrap(trap))
        {
            return Outcome.Pass(CompareWording(command.Text, trap.Message));
        }

        return Outcome.Fail(ExpectedText(command), "the module was instantiated");
    }

    private Module LoadModule(SpecCommand command)
    {
        if (command.IsTextModule)
        {
            throw new SpecRunException($"{command.FileName} is a text-format module, which weir cannot load");
        }

        var bytes = File.ReadAllBytes(Path.Combine(_script.Directory, command.FileName!));
        return Module.FromBytes(_engine!, bytes, Path.GetFileNameWithoutExtension(command.FileName));
    }

    private Instance Instantiate(Module module) => WithDeadline(() => _linker!.Instantiate(_store!, module));

    private Value[] Perform(SpecAction action)
    {
        var instance = ResolveInstance(action.ModuleName);
        if (action.Kind == SpecActionKind.Get)
        {
            var global = instance.GetGlobal(action.Field) ?? throw new SpecRunException($"the module exports no global \"{action.Field}\"");
            return [global.Value];
        }

        var function = instance.GetFunction(action.Field) ?? throw new SpecRunException($"the module exports no function \"{action.Field}\"");
        var arguments = action.Arguments;
        return WithDeadline(() => function.Invoke(arguments.AsSpan()));
    }

    private Instance ResolveInstance(string? moduleName)
    {
        if (moduleName is null)
        {
            return _currentInstance ?? throw new SpecRunException(_currentInstanceProblem ?? "no module has been defined yet");
        }

        if (!_namedInstances.TryGetValue(moduleName, out var instance))
        {
            throw new SpecRunException($"no module is named {moduleName}");
        }

        return instance ?? throw new SpecRunException($"module {moduleName} did not load or instantiate");
    }

    private T WithDeadline<T>(Func<T> body)
    {
        _store!.SetDeadline(_options.CommandTimeout);
        try
        {
            return body();
        }
        finally
        {
            _store.ClearDeadline();
        }
    }

    // A deadline is the runner stopping a hang, and a host error is a runtime exception that leaked
    // out of guest code (the spectest functions never fail): neither is the trap a script expects.
    private static bool IsGuestTrap(WasmTrapException trap) => trap.Code is not (TrapCode.Deadline or TrapCode.HostError);

    private static string? CompareWording(string? expected, string actual) =>
        expected is null || actual.Contains(expected, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"expected \"{expected}\", got \"{actual}\"";

    private static string DescribeResults(Value[] results, SpecCommand command) =>
        "(" + string.Join(", ", results.Select((result, i) =>
            i < command.Expected.Length ? command.Expected[i].Describe(result) : SpecValueText.Format(result))) + ")";

    private static string ExpectedText(SpecCommand command) => command.Kind switch
    {
        SpecCommandKind.Module => "the module to instantiate",
        SpecCommandKind.Register => "the module to register",
        SpecCommandKind.Action => "the action to complete",
        SpecCommandKind.AssertReturn => "(" + string.Join(", ", command.Expected.Select(value => value.ToString())) + ")",
        SpecCommandKind.AssertTrap when command.Action is null => $"trap \"{command.Text}\" during instantiation",
        SpecCommandKind.AssertTrap => $"trap \"{command.Text}\"",
        SpecCommandKind.AssertExhaustion => $"trap ({TrapCode.StackExhausted}) \"{command.Text}\"",
        SpecCommandKind.AssertInvalid => $"validation error \"{command.Text}\"",
        SpecCommandKind.AssertMalformed => $"malformed-module error \"{command.Text}\"",
        SpecCommandKind.AssertUnlinkable => $"link error \"{command.Text}\"",
        SpecCommandKind.AssertUninstantiable => $"trap \"{command.Text}\" during instantiation",
        _ => "a readable command",
    };

    private enum OutcomeKind
    {
        Passed,
        Failed,
        Skipped,
    }

    /// <summary>What one command came to: <see cref="Detail"/> is what happened (failures) or why it was skipped.</summary>
    private readonly record struct Outcome(OutcomeKind Kind, string Expected, string Detail, string? Note)
    {
        public static Outcome Pass(string? note = null) => new(OutcomeKind.Passed, string.Empty, string.Empty, note);

        public static Outcome Fail(string expected, string actual) => new(OutcomeKind.Failed, expected, actual, null);

        public static Outcome Skip(string reason) => new(OutcomeKind.Skipped, string.Empty, reason, null);
    }
}
