namespace Weir.Fuzz.Differential;

/// <summary>
/// What both engines do with a module after instantiating it: call <see cref="ResetExport"/>
/// (binaryen's hang-limit initializer) before each call, make the calls in order, and after each
/// fingerprint the memory exported as <see cref="MemoryExport"/> and read the <see cref="Globals"/>.
/// The module's shape (<see cref="Shape"/>) tells the V8 harness what its imports must look like.
/// </summary>
internal sealed record CallPlan(string MemoryExport, string ResetExport, IReadOnlyList<PlannedCall> Calls)
{
    public static CallPlan Empty { get; } = new(CallPlanner.MemoryExportName, CallPlanner.ResetExportName, []);

    /// <summary>Exported globals (any type but v128) whose values are compared after each call.</summary>
    public IReadOnlyList<ObservedGlobal> Globals { get; init; } = [];

    /// <summary>What the V8 harness needs to know of the module to provide its imports.</summary>
    public ModuleShape Shape { get; init; } = ModuleShape.Empty;
}
