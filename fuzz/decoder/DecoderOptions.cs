namespace Weir.Fuzz.Decoder;

/// <summary>What a decoder campaign does.</summary>
internal sealed record DecoderOptions
{
    /// <summary>How many inputs to try; null to run until <see cref="Duration"/> passes.</summary>
    public int? Inputs { get; init; }

    public TimeSpan? Duration { get; init; }

    /// <summary>Input <c>i</c> is derived from <c>Seed + i</c> alone, so any input can be made again.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The seed modules.</summary>
    public required IReadOnlyList<byte[]> Corpus { get; init; }

    /// <summary>Where findings go, or null to keep none.</summary>
    public string? FindingsDirectory { get; init; }

    /// <summary>An input still running after this long is a hang: the campaign stops with it as a finding.</summary>
    public TimeSpan HangTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An input taking longer than this is reported as slow (a finding).</summary>
    public TimeSpan SlowInput { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Managed bytes one input may allocate: a fixed allowance plus a multiple of its size.</summary>
    public long AllocationAllowance { get; init; } = 256L << 20;

    public int AllocationPerInputByte { get; init; } = 1024;
}
