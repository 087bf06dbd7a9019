using System.Text;
using Weir.Oci.Content;
using Weir.Oci.Formats;

namespace Weir.Oci.Tests.Formats;

public sealed class RuntimeConfigTests
{
    private const string ExampleA = """{"type":"envoy_proxy","abiVersions":["v0-4689a30309abf31aee9ae36e73d34b1bb182685f","v0.2.1"],"config":{"rootIds":["add_header"]}}""";

    [Fact]
    public void ToJsonBytes_ExampleA_IsByteIdenticalToReference()
    {
        var config = new RuntimeConfig("envoy_proxy", ["v0-4689a30309abf31aee9ae36e73d34b1bb182685f", "v0.2.1"], ["add_header"]);
        var bytes = config.ToJsonBytes();

        Encoding.UTF8.GetString(bytes).Should().Be(ExampleA);
        bytes.Should().HaveCount(129);
        Digest.Compute(bytes).Value.Should().Be("sha256:3910b1646f0d8b897e95d189210ee98b234cdd1c1dd1a1781cb2e0a7fff59690");
    }

    [Theory]
    [InlineData("""{"type":"envoy_proxy","abi_versions":["v0.2.1"],"config":{"root_ids":["a"]}}""")]
    [InlineData("""{"type":"envoy_proxy","abi_version":"v0.2.1","config":{"root_ids":"a"}}""")]
    [InlineData("""{"type":"envoy_proxy","abiVersion":"v0.2.1","config":{"rootIds":["a"]},"unknown":1}""")]
    public void Parse_AlternativeSpellings_AreAccepted(string json)
    {
        var config = RuntimeConfig.Parse(Encoding.UTF8.GetBytes(json));

        config.Type.Should().Be("envoy_proxy");
        config.AbiVersions.Should().Equal("v0.2.1");
        config.RootIds.Should().Equal("a");
    }

    [Fact]
    public void Parse_CommaJoinedString_SplitsIntoVersions()
    {
        RuntimeConfig.Parse("""{"type":"envoy_proxy","abi_version":"v0.1.0, v0.2.1"}"""u8).AbiVersions.Should().Equal("v0.1.0", "v0.2.1");
    }

    [Fact]
    public void Parse_NotJson_FailsClearly()
    {
        var parse = () => RuntimeConfig.Parse("abi"u8);
        parse.Should().Throw<FormatException>().WithMessage("Invalid runtime config*");
    }
}
