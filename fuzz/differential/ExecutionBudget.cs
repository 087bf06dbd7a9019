namespace Weir.Fuzz.Differential;

/// <summary>
/// The limits each call runs under. binaryen's hang limit keeps generated code short, so these
/// only catch what slips through; hitting one makes the module "explained by limits", not a finding.
/// </summary>
internal sealed record ExecutionBudget
{
    /// <summary>Weir fuel per call (one unit per function entry and loop iteration).</summary>
    public long FuelPerCall { get; init; } = 50_000_000;

    /// <summary>Weir's wall-clock deadline per call.</summary>
    public TimeSpan DeadlinePerCall { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the V8 harness may take for a whole module before it is killed and restarted.</summary>
    public TimeSpan V8Watchdog { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Store limits for Weir; generous, since binaryen declares at most a few pages and table elements.</summary>
    public Weir.Wasm.StoreLimits StoreLimits { get; init; } = new() { MaxMemoryBytes = 256UL << 20, MaxTableElements = 1_000_000 };

    public static ExecutionBudget Default { get; } = new();
}
