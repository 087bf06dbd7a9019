using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Weir.Wasm.Tests.Sandbox.Hostile;

/// <summary>How a guest run by <see cref="GuestRun"/> ended and what it cost the process.</summary>
internal sealed record GuestOutcome<T>(T? Result, Exception? Failure, TimeSpan Elapsed, long PeakGrowthBytes)
{
    /// <summary>The trap the guest ended with (fails the test when it ended otherwise).</summary>
    public WasmTrapException Trap => Failure as WasmTrapException
        ?? throw new Xunit.Sdk.XunitException($"expected a trap, got {(Failure is null ? $"the result {Result}" : Failure.ToString())}");

    /// <summary>The guest's result (fails the test when it failed).</summary>
    public T Value => Failure is null ? Result! : throw new Xunit.Sdk.XunitException("expected a result, got " + Failure);

    /// <summary>One line for the test output: time, peak memory growth, how it ended.</summary>
    public override string ToString()
    {
        var ending = Failure switch
        {
            null => "returned " + Describe(Result),
            WasmTrapException trap => "trapped: " + trap.Code,
            _ => Failure.GetType().Name + ": " + Failure.Message.Split('\n')[0],
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Elapsed.TotalMilliseconds:0} ms, peak resident memory +{PeakGrowthBytes >> 20} MiB, {ending}");
    }

    /// <summary>Results are tuples and collections; their default ToString names only the type.</summary>
    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        string text => text,
        ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Describe(tuple[i]))) + ")",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Take(10).Select(Describe)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
