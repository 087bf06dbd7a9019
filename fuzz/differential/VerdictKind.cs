namespace Weir.Fuzz.Differential;

/// <summary>The outcome of comparing two engines on one module.</summary>
internal enum VerdictKind
{
    /// <summary>Everything observable agreed.</summary>
    Same,

    /// <summary>They diverged for a reason the comparison accepts: a limit of the harness (fuel, deadline, watchdog) or of the engines (stack depth).</summary>
    Explained,

    /// <summary>An unexplained difference: a finding.</summary>
    Different,
}
