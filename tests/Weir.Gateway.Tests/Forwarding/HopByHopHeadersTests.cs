using Microsoft.Extensions.Primitives;
using Weir.Gateway.Forwarding;

namespace Weir.Gateway.Tests.Forwarding;

public sealed class HopByHopHeadersTests
{
    [Fact]
    public void ConnectionListed_TokensBesideStandardOnes_ReturnsOnlyTheExtraNames()
    {
        var listed = HopByHopHeaders.ConnectionListed(new StringValues(["x-hop, close", "Upgrade,x-other"]));

        listed.Should().Equal("x-hop", "x-other");
        HopByHopHeaders.IsListed(listed, "X-Hop").Should().BeTrue();
        HopByHopHeaders.IsListed(listed, "x-kept").Should().BeFalse();
    }

    [Fact]
    public void ConnectionListed_OnlyStandardTokens_ReturnsNull()
    {
        HopByHopHeaders.ConnectionListed(new StringValues("keep-alive")).Should().BeNull();
        HopByHopHeaders.ConnectionListed(StringValues.Empty).Should().BeNull();
    }
}
