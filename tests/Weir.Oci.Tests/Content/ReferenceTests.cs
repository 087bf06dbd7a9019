using Weir.Oci.Content;

namespace Weir.Oci.Tests.Content;

public sealed class ReferenceTests
{
    [Fact]
    public void Parse_FullReferenceWithSchemeAndPort_SplitsParts()
    {
        var reference = Reference.Parse("oci://127.0.0.1:5000/filters/add-header:v1");

        reference.Registry.Should().Be("127.0.0.1:5000");
        reference.Repository.Should().Be("filters/add-header");
        reference.Tag.Should().Be("v1");
        reference.Digest.Should().BeNull();
        reference.Identifier.Should().Be("v1");
        reference.ToString().Should().Be("127.0.0.1:5000/filters/add-header:v1");
    }

    [Fact]
    public void Parse_NoTag_DefaultsToLatest()
    {
        Reference.Parse("localhost/team/filter").Tag.Should().Be("latest");
    }

    [Fact]
    public void Parse_DigestOnly_HasNoTagAndUsesDigestAsIdentifier()
    {
        const string digest = "sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476";
        var reference = Reference.Parse($"hub.example/team/filter@{digest}");

        reference.Tag.Should().BeNull();
        reference.Digest!.Value.Should().Be(digest);
        reference.Identifier.Should().Be(digest);
    }

    [Fact]
    public void Parse_TagAndDigest_KeepsBoth()
    {
        var digest = Digest.Compute("x"u8);
        var reference = Reference.Parse($"hub.example:443/a/b:1.0@{digest}");

        reference.Tag.Should().Be("1.0");
        reference.Digest.Should().Be(digest);
        reference.Identifier.Should().Be(digest.Value);
    }

    [Fact]
    public void Parse_NoRegistry_UsesDefaultRegistryAndLibraryPrefix()
    {
        var reference = Reference.Parse("filter:1");
        reference.Registry.Should().Be("docker.io");
        reference.Repository.Should().Be("library/filter");

        Reference.Parse("team/filter", defaultRegistry: "hub.example").ToString().Should().Be("hub.example/team/filter:latest");
    }

    [Fact]
    public void Parse_FirstComponentWithoutDotOrPort_IsPartOfRepository()
    {
        var reference = Reference.Parse("team/sub/filter:v2", defaultRegistry: "hub.example");
        reference.Registry.Should().Be("hub.example");
        reference.Repository.Should().Be("team/sub/filter");
    }

    [Theory]
    [InlineData("127.0.0.1:5000/Team/filter", "must be lowercase")]
    [InlineData("127.0.0.1:5000/team/../filter", "'..'")]
    [InlineData("127.0.0.1:5000/team//filter", "empty path component")]
    [InlineData("127.0.0.1:5000/-team/filter", "component '-team' is invalid")]
    [InlineData("127.0.0.1:5000/team/filter:-bad", "tag '-bad' is invalid")]
    [InlineData("127.0.0.1:5000/team/filter@sha256:abc", "64 hex characters")]
    [InlineData("https://127.0.0.1:5000/team/filter", "only the 'oci://' scheme")]
    [InlineData("", "cannot be empty")]
    [InlineData("127.0.0.1:5000/", "repository name is missing")]
    [InlineData("bad_host.example/team/filter", "not a valid registry host")]
    public void Parse_InvalidReference_ThrowsWithReason(string text, string reason)
    {
        var parse = () => Reference.Parse(text);
        parse.Should().Throw<FormatException>().WithMessage($"*{reason}*");
        Reference.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Parse_TooLongName_Throws()
    {
        var parse = () => Reference.Parse("hub.example/" + new string('a', 250));
        parse.Should().Throw<FormatException>().WithMessage("*longer than 255*");
    }

    [Fact]
    public void WithTag_ReplacesTagAndDropsDigest()
    {
        var reference = Reference.Parse("hub.example/a/b:1@" + Digest.Compute("x"u8)).WithTag("2");
        reference.ToString().Should().Be("hub.example/a/b:2");
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("a.b_c__d--e/f", true)]
    [InlineData("a___b", false)]
    [InlineData("a.", false)]
    [InlineData("A", false)]
    public void IsValidRepository_FollowsDistributionGrammar(string name, bool valid)
    {
        Reference.IsValidRepository(name).Should().Be(valid);
    }
}
