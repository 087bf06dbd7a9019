using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Fuzz.Differential;

/// <summary>
/// Runs modules and their call plans under Weir, in this process, producing the same observations
/// v8-harness.js produces under V8. One executor (one engine, one linker) serves a whole campaign;
/// each module gets a fresh store.
/// </summary>
internal sealed class WeirExecutor
{
    private readonly Engine _engine = new(new EngineOptions { ConsumeFuel = true });
    private readonly FuzzingSupport _support = new();
    private readonly ExecutionBudget _budget;

    public WeirExecutor(ExecutionBudget? budget = null)
    {
        _budget = budget ?? ExecutionBudget.Default;
    }

    /// <summary>Fuel consumed by all calls so far: function entries plus loop iterations executed.</summary>
    public long FuelConsumed { get; private set; }

    /// <summary>Calls made so far (the plan's calls, not the resets between them).</summary>
    public long CallsMade { get; private set; }

    /// <summary>Decodes, validates and compiles <paramref name="binary"/>, or returns the definition's failure.</summary>
    public static ModuleDefinition? TryDecode(ReadOnlyMemory<byte> binary)
    {
        try
        {
            return Module.Validate(binary);
        }
        catch (WasmMalformedException)
        {
            return null;
        }
        catch (WasmValidationException)
        {
            return null;
        }
    }

    public ModuleObservation Run(ReadOnlyMemory<byte> binary, CallPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _support.TakeLogs();
        _support.StartInstantiation();
        Module module;
        try
        {
            module = Module.FromBytes(_engine, binary);
        }
        catch (Exception exception) when (exception is WasmMalformedException or WasmValidationException)
        {
            return new ModuleObservation { Phase = ObservationPhase.CompileError, Message = exception.Message };
        }
        catch (Exception exception)
        {
            return new ModuleObservation { Phase = ObservationPhase.Crash, Message = "compiling: " + exception };
        }

        using var store = new Store(_engine, _budget.StoreLimits);
        Instance instance;
        try
        {
            store.SetFuel(_budget.FuelPerCall);
            store.SetDeadline(_budget.DeadlinePerCall);
            instance = _support.CreateLinker(_engine, module).Instantiate(store, module);
        }
        catch (WasmLinkException exception)
        {
            return new ModuleObservation { Phase = ObservationPhase.LinkError, Message = exception.Message };
        }
        catch (WasmTrapException trap)
        {
            return new ModuleObservation
            {
                Phase = ObservationPhase.InstantiateFailure,
                Kind = Classify(trap),
                Code = trap.Code.ToString(),
                Message = Describe(trap),
                Logs = TakeLogs(),
                CaughtStackExhaustion = _support.CaughtStackExhaustion,
            };
        }
        catch (Exception exception)
        {
            return new ModuleObservation { Phase = ObservationPhase.Crash, Message = "instantiating: " + exception };
        }

        var memory = instance.GetMemory(plan.MemoryExport);
        try
        {
            var observation = new ModuleObservation
            {
                Phase = ObservationPhase.Instantiated,
                Logs = TakeLogs(),
                Memory = Digest(memory),
                Globals = ReadGlobals(instance, plan),
                CaughtStackExhaustion = _support.CaughtStackExhaustion,
            };
            var reset = instance.GetFunction(plan.ResetExport);
            foreach (var call in plan.Calls)
            {
                var result = Call(store, instance, reset, call);
                result.Memory = Digest(memory);
                result.Globals = ReadGlobals(instance, plan);
                result.CaughtStackExhaustion = _support.CaughtStackExhaustion;
                observation.Calls.Add(result);
                if (result.Outcome is CallOutcome.Limit or CallOutcome.Other)
                {
                    break;
                }
            }

            return observation;
        }
        finally
        {
            store.ClearDeadline();
            memory?.Dispose();
        }
    }

    private CallObservation Call(Store store, Instance instance, Function? reset, PlannedCall call)
    {
        var function = instance.GetFunction(call.Name);
        if (function is null)
        {
            return new CallObservation { Outcome = CallOutcome.Other, Message = $"export {call.Name} is missing" };
        }

        var arguments = call.Parameters.Select((kind, i) => ValueText.ParseArgument(kind, call.Arguments[i])).ToArray();
        store.SetFuel(_budget.FuelPerCall);
        store.SetDeadline(_budget.DeadlinePerCall);
        try
        {
            reset?.Invoke();
            _support.StartCall();
            CallsMade++;
            var results = function.Invoke(arguments);
            return new CallObservation { Outcome = CallOutcome.Return, Values = [.. results.Select(ValueText.Format)], Logs = TakeLogs() };
        }
        catch (WasmTrapException trap)
        {
            return new CallObservation { Outcome = Classify(trap), Code = trap.Code.ToString(), Message = Describe(trap), Logs = TakeLogs() };
        }
        catch (Exception exception)
        {
            return new CallObservation { Outcome = CallOutcome.Other, Message = exception.ToString(), Logs = TakeLogs() };
        }
        finally
        {
            FuelConsumed += _budget.FuelPerCall - Math.Max(store.Fuel, 0);
        }
    }

    private List<string> TakeLogs() => _support.TakeLogs();

    private static List<string> ReadGlobals(Instance instance, CallPlan plan) =>
        [.. plan.Globals.Select(global => global.Name + "=" + ValueText.Format(instance.GetGlobal(global.Name)!.Value))];

    private static string? Digest(Memory? memory) => memory is null ? null : MemoryDigest.Compute(memory.Span);

    private static string Classify(WasmTrapException trap) => trap.Code switch
    {
        TrapCode.StackExhausted => CallOutcome.Stack,
        TrapCode.OutOfFuel or TrapCode.Deadline => CallOutcome.Limit,
        TrapCode.HostError when trap.InnerException is HostBoundaryException => CallOutcome.Host,
        TrapCode.HostError when trap.InnerException is HostCallBudgetException => CallOutcome.HostCallBudget,
        TrapCode.HostError => CallOutcome.Other,
        _ => CallOutcome.Trap,
    };

    private static string Describe(WasmTrapException trap) =>
        trap.Code == TrapCode.HostError && trap.InnerException is not (HostBoundaryException or HostCallBudgetException)
            ? trap.FormatWithWasmStackTrace() + Environment.NewLine + trap.InnerException
            : trap.Message;
}
