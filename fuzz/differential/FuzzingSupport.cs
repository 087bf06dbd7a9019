using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Fuzz.Differential;

/// <summary>
/// Weir's side of binaryen's fuzzing-support imports, doing exactly what v8-harness.js does: log
/// calls are recorded; calls the host makes itself (call-export, call-ref) pass zeros and either
/// rethrow or swallow a failure; table-get/table-set use the exported "table"; sleep returns its id.
/// Where V8's JavaScript would throw a TypeError, this throws <see cref="HostBoundaryException"/>.
/// </summary>
internal sealed class FuzzingSupport
{
    /// <summary>
    /// Calls the host may make into the guest during one planned call (or instantiation). binaryen
    /// 132 resets the hang limit before it traps on it, so a loop calling call-export-catch on a
    /// function that runs out of steps never ends: the host catches the trap and the loop goes on.
    /// Both hosts stop such a call at the same count with <see cref="HostCallBudgetException"/>,
    /// which keeps the module comparable instead of leaving it to Weir's deadline and V8's watchdog.
    /// </summary>
    public const int HostCallsPerCall = 1000;

    private List<string> _logs = [];
    private int _hostCalls;
    private bool _exportsVisible;

    /// <summary>Whether a host catch swallowed an exhausted stack since the instantiation or call started.</summary>
    public bool CaughtStackExhaustion { get; private set; }

    /// <summary>
    /// Starts an instantiation: the host-call budget is full again, and the exports are not visible
    /// yet. JavaScript gets the instance only when instantiation returns, so a start function that
    /// asks the host to call an export or use the exported table meets a host failure in V8; Weir's
    /// <see cref="Caller.Instance"/> exists during the start function, so this side hides it.
    /// </summary>
    public void StartInstantiation()
    {
        _hostCalls = 0;
        _exportsVisible = false;
        CaughtStackExhaustion = false;
    }

    /// <summary>Starts a planned call: the host-call budget is full again and the exports are visible.</summary>
    public void StartCall()
    {
        _hostCalls = 0;
        _exportsVisible = true;
        CaughtStackExhaustion = false;
    }

    /// <summary>Takes the log lines recorded since the last call.</summary>
    public List<string> TakeLogs()
    {
        var logs = _logs;
        _logs = [];
        return logs;
    }

    /// <summary>A linker with every fuzzing-support import and the module's imported globals.</summary>
    public Linker CreateLinker(Engine engine, Module module)
    {
        var linker = new Linker(engine);
        linker.DefineFunction(CallPlanner.HostModule, "log-i32", (int value) => _logs.Add("i32 " + ValueText.Format(Value.FromInt32(value))));
        linker.DefineFunction(CallPlanner.HostModule, "log-i64", (long value) => _logs.Add("i64 " + ValueText.Format(Value.FromInt64(value))));
        linker.DefineFunction(CallPlanner.HostModule, "log-f32", (float value) => _logs.Add("f32 " + ValueText.FormatSingle(value)));
        linker.DefineFunction(CallPlanner.HostModule, "log-f64", (double value) => _logs.Add("f64 " + ValueText.FormatDouble(value)));
        linker.DefineFunction(
            CallPlanner.HostModule,
            "log-v128",
            new FunctionType([ValueKind.V128], []),
            (caller, arguments, results) => throw new HostBoundaryException("a v128 cannot cross to the host"));
        linker.DefineFunction(CallPlanner.HostModule, "call-export", (Caller caller, int index, int flags) => Attempt(() => Call(ExportedFunction(caller, index)), (flags & 1) != 0));
        linker.DefineFunction(CallPlanner.HostModule, "call-export-catch", (Caller caller, int index) => AttemptCatching(() => Call(ExportedFunction(caller, index))));
        linker.DefineFunction(CallPlanner.HostModule, "call-ref", (Function? function, int flags) => Attempt(() => Call(function), (flags & 1) != 0));
        linker.DefineFunction(CallPlanner.HostModule, "call-ref-catch", (Function? function) => AttemptCatching(() => Call(function)));
        linker.DefineFunction(CallPlanner.HostModule, "sleep", (int milliseconds, int id) => id);
        linker.DefineFunction(CallPlanner.HostModule, "table-get", (Caller caller, int index) => (Function?)ExportedTable(caller, index).GetElement((uint)index));
        linker.DefineFunction(CallPlanner.HostModule, "table-set", (Caller caller, int index, Function? value) => ExportedTable(caller, index).SetElement((uint)index, value));
        // JavaScript cannot provide a v128 global (V8 fails the link), so neither side defines one.
        foreach (var import in module.Imports.Where(import => import.Kind == ExternalKind.Global && import.Global!.Kind != ValueKind.V128))
        {
            var type = import.Global!;
            var value = type.Kind == ValueKind.ExternRef ? Value.FromExtern("extern") : Value.Default(type.Kind);
            linker.Define(import.Module, import.Name, new Global(type, value));
        }

        return linker;
    }

    private void Call(Function? function)
    {
        if (++_hostCalls > HostCallsPerCall)
        {
            throw new HostCallBudgetException();
        }

        if (function is null)
        {
            throw new HostBoundaryException("not a function");
        }

        if (function.Type.Parameters.Contains(ValueKind.V128) || function.Type.Results.Contains(ValueKind.V128))
        {
            throw new HostBoundaryException("a v128 cannot cross to the host");
        }

        function.Invoke([.. function.Type.Parameters.Select(Value.Default)]);
    }

    private Function ExportedFunction(Caller caller, int index)
    {
        var instance = (_exportsVisible ? caller.Instance : null) ?? throw new HostBoundaryException("no instance yet");
        var functions = instance.Exports.Where(export => export.Item.Kind == ExternalKind.Function).ToList();
        return (uint)index < (uint)functions.Count ? (Function)functions[index].Item : throw new HostBoundaryException("no such export");
    }

    private Table ExportedTable(Caller caller, int index)
    {
        var table = (_exportsVisible ? caller.GetExport("table") : null) as Table ?? throw new HostBoundaryException("no table");
        return (uint)index < table.Size ? table : throw new HostBoundaryException("table index out of range");
    }

    private void Attempt(Action call, bool rethrow)
    {
        try
        {
            call();
        }
        catch (Exception exception) when (!rethrow && IsGuestFailure(exception))
        {
            // Swallowed, as the JavaScript host does without the rethrow flag.
            NoteStackExhaustion(exception);
        }
    }

    private int AttemptCatching(Action call)
    {
        try
        {
            call();
            return 0;
        }
        catch (Exception exception) when (IsGuestFailure(exception))
        {
            NoteStackExhaustion(exception);
            return 1;
        }
    }

    private void NoteStackExhaustion(Exception exception)
    {
        if (exception is WasmTrapException { Code: TrapCode.StackExhausted })
        {
            CaughtStackExhaustion = true;
        }
    }

    /// <summary>
    /// Whether a failure of a call the host made is one the JavaScript host catches too: a trap, an
    /// exhausted stack, a refusal at the host boundary. Fuel and deadline traps and an exhausted
    /// host-call budget are the harness's own limits and anything else is a Weir bug; catching
    /// those would hide them, so they go on.
    /// </summary>
    private static bool IsGuestFailure(Exception exception) => exception switch
    {
        HostBoundaryException => true,
        WasmTrapException { Code: TrapCode.OutOfFuel or TrapCode.Deadline } => false,
        WasmTrapException { Code: TrapCode.HostError } trap => trap.InnerException is HostBoundaryException,
        WasmTrapException => true,
        _ => false,
    };
}
