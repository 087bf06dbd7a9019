using Weir.Fuzz.Tools;
using Weir.Wasm.Tests.SpecTests;

namespace Weir.Wasm.Tests.Sandbox;

/// <summary>
/// A fact that drives node (V8) and binaryen's wasm-opt (and, when asked, npm's newer binaryen):
/// skipped with the reason when one is missing, except on CI (<c>CI=true</c>), where it runs and
/// fails so missing tools cannot go unnoticed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FuzzToolsFactAttribute : FactAttribute
{
    public FuzzToolsFactAttribute(bool newerBinaryen = false)
    {
        var missing = new[] { ("node", "nodejs"), ("wasm-opt", "binaryen") }
            .Where(tool => ExternalTool.Find(tool.Item1) is null)
            .Select(tool => $"{tool.Item1} (apt-get install -y {tool.Item2})")
            .ToList();
        if (newerBinaryen && ExternalTool.FindNewerBinaryen() is null)
        {
            missing.Add("npm's binaryen (npm ci --prefix fuzz/differential)");
        }

        if (missing.Count > 0 && !SpecSuiteLocation.IsContinuousIntegration)
        {
            Skip = "not installed: " + string.Join(", ", missing);
        }
    }
}
