namespace Weir.Fuzz.Decoder;

/// <summary>What happened to one input: the result, and for <see cref="ProbeResult.Unexpected"/> where and what.</summary>
internal sealed record ProbeOutcome(ProbeResult Result, string? Stage = null, Exception? Exception = null, int Calls = 0, int Traps = 0)
{
    public static ProbeOutcome Malformed { get; } = new(ProbeResult.Malformed);

    public static ProbeOutcome Invalid { get; } = new(ProbeResult.Invalid);

    public static ProbeOutcome Unexpected(string stage, Exception exception) => new(ProbeResult.Unexpected, stage, exception);
}
