using System.Text;
using Weir.Oci.Content;

namespace Weir.Oci.Tests.Content;

public sealed class DigestTests
{
    private const string EmptyModuleSha256 = "sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476";

    [Fact]
    public void Compute_EmptyModule_MatchesReferenceDigest()
    {
        Digest.Compute("\0asm\u0001\0\0\0"u8).Value.Should().Be(EmptyModuleSha256);
    }

    [Fact]
    public async Task ComputeAsync_Stream_EqualsSpanDigest()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', 300_000));
        using var stream = new MemoryStream(bytes);
        (await Digest.ComputeAsync(stream)).Should().Be(Digest.Compute(bytes));
        stream.Position = 0;
        (await Digest.ComputeAsync(stream, Digest.Sha512)).Should().Be(Digest.Compute(bytes, Digest.Sha512));
    }

    [Fact]
    public void Parse_Sha512_RoundTrips()
    {
        var digest = Digest.Compute("abc"u8, Digest.Sha512);
        digest.Encoded.Should().HaveLength(128);
        Digest.Parse(digest.Value).Should().Be(digest);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476", "algorithm:hex")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e", "unsupported algorithm 'md5'")]
    [InlineData("sha256:93a44bbb", "64 hex characters, found 8")]
    [InlineData("sha256:93A44BBB96C751218E4C00D479E4C14358122A389ACCA16205B1E4D0DC5F9476", "lowercase")]
    [InlineData("sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f947g", "'g' is not a hexadecimal")]
    [InlineData(":abc", "algorithm before ':' is missing")]
    public void Parse_MalformedDigest_ThrowsWithReason(string text, string reason)
    {
        var parse = () => Digest.Parse(text);
        parse.Should().Throw<FormatException>().WithMessage($"*{reason}*");
        Digest.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Verify_OtherContent_ThrowsMismatchNamingBothDigests()
    {
        var expected = Digest.Parse(EmptyModuleSha256);
        var verify = () => expected.Verify("not wasm"u8);
        verify.Should().Throw<DigestMismatchException>()
            .Which.Message.Should().Contain(EmptyModuleSha256).And.Contain(Digest.Compute("not wasm"u8).Value);
        expected.Matches("\0asm\u0001\0\0\0"u8).Should().BeTrue();
    }

    [Fact]
    public void DigestCalculator_Chunks_EqualWholeContent()
    {
        using var calculator = new DigestCalculator();
        calculator.Append("\0asm"u8);
        calculator.Append("\u0001\0\0\0"u8);
        calculator.Length.Should().Be(8);
        calculator.Finish().Value.Should().Be(EmptyModuleSha256);
    }
}
