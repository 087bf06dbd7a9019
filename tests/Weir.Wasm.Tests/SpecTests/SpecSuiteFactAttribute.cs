namespace Weir.Wasm.Tests.SpecTests;

/// <summary>
/// A fact that needs the official spec test suite: skipped with the reason when the suite is missing,
/// except on CI (<c>CI=true</c>), where it runs and fails so a missing suite cannot go unnoticed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SpecSuiteFactAttribute : FactAttribute
{
    public SpecSuiteFactAttribute()
    {
        if (SpecSuiteLocation.Find() is null && !SpecSuiteLocation.IsContinuousIntegration)
        {
            Skip = SpecSuiteLocation.MissingReason;
        }
    }
}
