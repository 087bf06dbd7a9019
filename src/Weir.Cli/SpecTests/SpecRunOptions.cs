namespace Weir.Cli.SpecTests;

/// <summary>How scripts are run.</summary>
internal sealed record SpecRunOptions
{
    /// <summary>The most one instantiation or call may take before it traps with a deadline and fails its command.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most one script may take. A hang outside guest code (in the compiler, say) cannot be
    /// interrupted by a store deadline; past this the script is reported failed and left behind.
    /// </summary>
    public TimeSpan ScriptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many scripts run at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public static SpecRunOptions Default { get; } = new();
}
