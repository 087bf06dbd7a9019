using Weir.Hub.Web.Layout;
using Weir.Hub.Web.Modules;

namespace Weir.Hub.Tests.Web.Rendering;

public sealed class HtmlAndSnippetTests
{
    [Fact]
    public void HtmlBuilder_InterpolatedValues_AreEncodedButHtmlStringsAreNot()
    {
        var name = "<b>\"x\" & 'y'</b>";
        var trusted = new HtmlString("<em>ok</em>");
        var html = new HtmlBuilder();

        html.Append($"<p title=\"{name}\">{name} {trusted} {42}</p>");

        html.ToString().Should().Be("<p title=\"&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;\">&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt; <em>ok</em> 42</p>");
    }

    [Theory]
    [InlineData("/r/alice/filter", "/r/alice/filter")]
    [InlineData("/search?q=x", "/search?q=x")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void SafeReturnPath_KeepsOnlyPathsOnThisSite(string? path, string expected) =>
        WebPaths.SafeReturnPath(path).Should().Be(expected);

    [Theory]
    [InlineData("alice/add-header", "add-header")]
    [InlineData("team/sub/auth_jwt", "auth-jwt")]
    [InlineData("filter", "filter")]
    [InlineData("alice/__", "module")]
    public void FilterName_IsTheLastComponentAsAValidName(string repository, string expected) =>
        UsageSnippets.FilterName(repository).Should().Be(expected);

    [Fact]
    public void Quote_EscapesQuotesBackslashesAndControlCharacters() =>
        UsageSnippets.Quote("a\"b\\c\nd").Should().Be("\"a\\\"b\\\\c\\x0ad\"");

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(5 * 1024 * 1024, "5 MiB")]
    public void Size_ReadsInBinaryUnits(long bytes, string expected) => Display.Size(bytes).Should().Be(expected);

    [Fact]
    public void Relative_ReadsLikeSpeech()
    {
        var now = new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

        Display.Relative(now.AddSeconds(-5), now).Should().Be("just now");
        Display.Relative(now.AddMinutes(-1), now).Should().Be("1 minute ago");
        Display.Relative(now.AddHours(-3), now).Should().Be("3 hours ago");
        Display.Relative(now.AddDays(-2), now).Should().Be("2 days ago");
        Display.Relative(now.AddDays(-100), now).Should().Be("2 Oct 2025");
    }
}
