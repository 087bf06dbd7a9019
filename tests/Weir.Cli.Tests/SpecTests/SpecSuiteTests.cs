using System.Text;
using Weir.Cli.SpecTests;

namespace Weir.Cli.Tests.SpecTests;

public sealed class SpecSuiteTests
{
    private const int FailuresShownPerScript = 5;

    [SpecSuiteFact]
    public void OfficialSpecSuite_EveryScript_PassesWithOnlyTextFormatModulesSkipped()
    {
        var directory = SpecSuiteLocation.Find();
        directory.Should().NotBeNull(SpecSuiteLocation.MissingReason);
        SpecScriptDiscovery.TryFind(directory!, filter: null, out var scripts, out var problem).Should().BeTrue(problem);

        var result = SpecSuiteRunner.Run(scripts, SpecRunOptions.Default);

        result.Scripts.Should().HaveCount(scripts.Count);
        result.Passed.Should().BePositive();
        result.Failed.Should().Be(0, "the suite must pass, but {0}", DescribeFailures(result));
        var otherSkips = result.Scripts
            .SelectMany(script => script.Skips.Where(skip => skip.Kind != SpecCommandKind.AssertMalformed).Select(skip => $"{script.Name} {skip}"))
            .ToList();
        otherSkips.Should().BeEmpty("only text-format assert_malformed modules may be skipped");
    }

    private static string DescribeFailures(SpecSuiteResult result)
    {
        var failing = result.Scripts.Where(script => script.Failed > 0).ToList();
        var text = new StringBuilder()
            .Append(result.Failed).Append(" commands failed in ").Append(failing.Count).Append(" scripts (").Append(result.Summary).AppendLine("):");
        foreach (var script in failing)
        {
            text.Append("  ").AppendLine(script.Summary);
            foreach (var failure in script.Failures.Take(FailuresShownPerScript))
            {
                text.Append("    ").AppendLine(failure.ToString());
            }

            if (script.Failures.Count > FailuresShownPerScript)
            {
                text.Append("    … and ").Append(script.Failures.Count - FailuresShownPerScript).AppendLine(" more");
            }
        }

        return text.ToString();
    }
}
