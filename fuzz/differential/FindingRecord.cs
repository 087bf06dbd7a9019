namespace Weir.Fuzz.Differential;

/// <summary>
/// What is kept of a module beside its .wasm (as NAME.json): how to run it and what V8 did. Findings
/// hold both observations; regression fixtures need only V8's, which Weir must then reproduce.
/// </summary>
internal sealed class FindingRecord
{
    /// <summary>What the module shows, for a reader of a regression fixture.</summary>
    public string? Note { get; set; }

    public long Seed { get; set; }

    public string Profile { get; set; } = string.Empty;

    public string Verdict { get; set; } = string.Empty;

    public CallPlan Plan { get; set; } = CallPlan.Empty;

    public ModuleObservation V8 { get; set; } = new();

    public ModuleObservation? Weir { get; set; }
}
