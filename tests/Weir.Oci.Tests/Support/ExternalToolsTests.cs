namespace Weir.Oci.Tests.Support;

[Collection(EnvironmentCollection.Name)]
public sealed class ExternalToolsTests
{
    [Fact]
    public void SkipReason_MissingToolOutsideCi_SkipsWithInstallHint()
    {
        using var environment = new EnvironmentScope(("CI", null));

        ExternalTools.SkipReason(["weir-test-no-such-tool"]).Should().Contain("weir-test-no-such-tool").And.Contain("apt-get install");
    }

    [Fact]
    public void SkipReason_MissingToolInCi_DoesNotSkipSoTheTestFails()
    {
        using var environment = new EnvironmentScope(("CI", "true"));

        ExternalTools.SkipReason(["weir-test-no-such-tool"]).Should().BeNull();
        var require = () => ExternalTools.Require("weir-test-no-such-tool");
        require.Should().Throw<InvalidOperationException>().WithMessage("*not installed*");
    }

    [Fact]
    public void SkipReason_PresentTool_DoesNotSkip()
    {
        ExternalTools.SkipReason(["dotnet"]).Should().BeNull();
    }
}
