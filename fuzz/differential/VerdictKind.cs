namespace Weir.Fuzz.Differential;

/// <summary>The outcome of comparing two engines on one module.</summary>
internal enum VerdictKind
{
    /// <summary>Everything observable agreed.</summary>
    Same,

    /// <summary>They diverged for a reason the comparison accepts: the module never ends (both engines were stopped by the harness's limits) or the engines' stack depths differ.</summary>
    Explained,

    /// <summary>An unexplained difference: a finding.</summary>
    Different,
}
