namespace Weir.Fuzz.Differential;

/// <summary>What a differential campaign does: how many modules (or for how long), from which seed, where its files go.</summary>
internal sealed record DifferentialOptions
{
    /// <summary>How many modules to generate; null to run until <see cref="Duration"/> passes.</summary>
    public int? Modules { get; init; }

    /// <summary>How long to run when <see cref="Modules"/> is null.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The first module's seed; module <c>i</c> uses <c>Seed + i</c>, so any module can be generated again alone.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Only this profile, or null for <see cref="FeatureProfile.Rotation"/>.</summary>
    public FeatureProfile? Profile { get; init; }

    /// <summary>Where generated modules and findings go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Whether findings are reduced with wasm-reduce as they are found.</summary>
    public bool Reduce { get; init; }

    /// <summary>Limits for each call.</summary>
    public ExecutionBudget Budget { get; init; } = ExecutionBudget.Default;
}
