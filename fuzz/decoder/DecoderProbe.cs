using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Fuzz.Decoder;

/// <summary>
/// Feeds one input to Weir: decode, validate, compile (with every function forced through the JIT),
/// and, when it validates, instantiate it against inert imports and call each export with zero
/// arguments under fuel, a deadline and small store limits. Only the documented exceptions may come
/// out of each stage; anything else is <see cref="ProbeResult.Unexpected"/>.
/// </summary>
internal sealed class DecoderProbe
{
    private static readonly StoreLimits Limits = new() { MaxMemoryBytes = 64UL << 20, MaxTableElements = 100_000, MaxStackBytes = 512 * 1024 };

    private readonly Engine _engine = new(new EngineOptions { ConsumeFuel = true });

    /// <summary>Fuel per call of an export.</summary>
    public long FuelPerCall { get; init; } = 1_000_000;

    /// <summary>Deadline per call of an export.</summary>
    public TimeSpan DeadlinePerCall { get; init; } = TimeSpan.FromSeconds(1);

    public ProbeOutcome Run(byte[] input)
    {
        Module module;
        try
        {
            module = Module.FromBytes(_engine, input);
        }
        catch (WasmMalformedException)
        {
            return ProbeOutcome.Malformed;
        }
        catch (WasmValidationException)
        {
            return ProbeOutcome.Invalid;
        }
        catch (Exception exception)
        {
            return ProbeOutcome.Unexpected("decode, validate or compile", exception);
        }

        try
        {
            module.CompileAllFunctionsNow();
        }
        catch (Exception exception)
        {
            return ProbeOutcome.Unexpected("JIT", exception);
        }

        return Execute(module);
    }

    private ProbeOutcome Execute(Module module)
    {
        using var store = new Store(_engine, Limits);
        Instance instance;
        try
        {
            store.SetFuel(FuelPerCall);
            store.SetDeadline(DeadlinePerCall);
            instance = ImportStubs.Create(_engine, store, module).Instantiate(store, module);
        }
        catch (WasmLinkException)
        {
            return new ProbeOutcome(ProbeResult.NotInstantiated);
        }
        catch (WasmTrapException trap) when (trap.Code != TrapCode.HostError)
        {
            return new ProbeOutcome(ProbeResult.NotInstantiated);
        }
        catch (Exception exception)
        {
            return ProbeOutcome.Unexpected("instantiate", exception);
        }

        var calls = 0;
        var traps = 0;
        try
        {
            foreach (var export in module.Exports.Where(e => e.Kind == ExternalKind.Function))
            {
                var function = instance.GetFunction(export.Name)!;
                var arguments = function.Type.Parameters.Select(Value.Default).ToArray();
                store.SetFuel(FuelPerCall);
                store.SetDeadline(DeadlinePerCall);
                calls++;
                try
                {
                    function.Invoke(arguments);
                }
                catch (WasmTrapException trap) when (trap.Code != TrapCode.HostError)
                {
                    traps++;
                }
                catch (Exception exception)
                {
                    return ProbeOutcome.Unexpected($"call {export.Name}", exception);
                }
            }
        }
        finally
        {
            store.ClearDeadline();
            foreach (var (_, item) in instance.Exports)
            {
                (item as Memory)?.Dispose();
            }
        }

        return new ProbeOutcome(ProbeResult.Ran, Calls: calls, Traps: traps);
    }
}
