namespace Weir.Fuzz.Differential;

/// <summary>
/// What both engines do with a module after instantiating it: call <see cref="ResetExport"/>
/// (binaryen's hang-limit initializer) before each call, make the calls in order, and fingerprint
/// the memory exported as <see cref="MemoryExport"/> after each.
/// </summary>
internal sealed record CallPlan(string MemoryExport, string ResetExport, IReadOnlyList<PlannedCall> Calls)
{
    public static CallPlan Empty { get; } = new(CallPlanner.MemoryExportName, CallPlanner.ResetExportName, []);
}
