using System.Text.Json;

namespace Weir.Wasm.Tests.Numerics.SpecSuite;

/// <summary>
/// Plays a wast2json script against <see cref="HelperInterpreter"/>: every assert_return and
/// assert_trap whose function is straight-line helper code is checked, the rest counted as skipped.
/// </summary>
internal sealed class HelperScriptRunner
{
    private static readonly Dictionary<string, TrapCode> TrapTexts = new(StringComparer.Ordinal)
    {
        ["integer divide by zero"] = TrapCode.IntegerDivideByZero,
        ["integer overflow"] = TrapCode.IntegerOverflow,
        ["invalid conversion to integer"] = TrapCode.InvalidConversionToInteger,
        ["out of bounds memory access"] = TrapCode.MemoryOutOfBounds,
    };

    private readonly string _directory;
    private readonly Dictionary<string, (BinaryModule Module, HelperInterpreter Interpreter)> _named = new(StringComparer.Ordinal);
    private (BinaryModule Module, HelperInterpreter Interpreter)? _current;

    private HelperScriptRunner(string directory)
    {
        _directory = directory;
    }

    public int Checked { get; private set; }

    public int Skipped { get; private set; }

    public List<string> Failures { get; } = [];

    public static HelperScriptRunner Run(string scriptPath)
    {
        var runner = new HelperScriptRunner(Path.GetDirectoryName(scriptPath)!);
        using var document = JsonDocument.Parse(File.ReadAllBytes(scriptPath));
        foreach (var command in document.RootElement.GetProperty("commands").EnumerateArray())
        {
            runner.Execute(command);
        }

        return runner;
    }

    private void Execute(JsonElement command)
    {
        var line = command.GetProperty("line").GetInt32();
        switch (command.GetProperty("type").GetString())
        {
            case "module":
                var binary = File.ReadAllBytes(Path.Combine(_directory, command.GetProperty("filename").GetString()!));
                var module = BinaryModule.Parse(binary);
                _current = (module, new HelperInterpreter(module));
                if (command.TryGetProperty("name", out var name))
                {
                    _named[name.GetString()!] = _current.Value;
                }

                break;
            case "register":
                var registered = command.TryGetProperty("name", out var registeredName) ? _named.GetValueOrDefault(registeredName.GetString()!) : _current;
                registered?.Interpreter.ForgetState();
                break;
            case "action":
                Invoke(command.GetProperty("action"), out _, out _);
                break;
            case "assert_return":
                CheckReturn(line, command);
                break;
            case "assert_trap":
                CheckTrap(line, command);
                break;
            default:
                break;
        }
    }

    private void CheckReturn(int line, JsonElement command)
    {
        var action = command.GetProperty("action");
        if (!Invoke(action, out var results, out var trap))
        {
            Skipped++;
            return;
        }

        Checked++;
        var field = action.GetProperty("field").GetString();
        if (trap is not null)
        {
            Failures.Add($"line {line} {field}: trapped with {trap.Code}, expected a result");
            return;
        }

        var expected = command.GetProperty("expected").EnumerateArray().ToList();
        if (expected.Count != results!.Count)
        {
            Failures.Add($"line {line} {field}: {results.Count} results, expected {expected.Count}");
            return;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var mismatch = WastValue.Mismatch(expected[i], results[i]);
            if (mismatch is not null)
            {
                Failures.Add($"line {line} {field}: {mismatch}");
            }
        }
    }

    private void CheckTrap(int line, JsonElement command)
    {
        var action = command.GetProperty("action");
        var text = command.GetProperty("text").GetString()!;
        if (!TrapTexts.TryGetValue(text, out var expectedCode) || !Invoke(action, out _, out var trap))
        {
            Skipped++;
            return;
        }

        Checked++;
        var field = action.GetProperty("field").GetString();
        if (trap is null)
        {
            Failures.Add($"line {line} {field}: returned, expected trap \"{text}\"");
        }
        else if (trap.Code != expectedCode)
        {
            Failures.Add($"line {line} {field}: trapped with {trap.Code}, expected {expectedCode}");
        }
    }

    /// <summary>False when the call cannot be run by the helper interpreter.</summary>
    private bool Invoke(JsonElement action, out IReadOnlyList<object>? results, out WasmTrapException? trap)
    {
        results = null;
        trap = null;
        var target = action.TryGetProperty("module", out var moduleName) ? _named.GetValueOrDefault(moduleName.GetString()!) : _current;
        if (action.GetProperty("type").GetString() != "invoke" || target is not var (module, interpreter))
        {
            return false;
        }

        if (!module.TryGetExport(action.GetProperty("field").GetString()!, out var function, out _) || !interpreter.CanRun(function))
        {
            return false;
        }

        var arguments = new List<object>();
        foreach (var argument in action.GetProperty("args").EnumerateArray())
        {
            if (!WastValue.TryParse(argument, out var value))
            {
                return false;
            }

            arguments.Add(value);
        }

        try
        {
            results = interpreter.Run(function, arguments);
        }
        catch (WasmTrapException exception)
        {
            trap = exception;
        }

        return true;
    }
}
