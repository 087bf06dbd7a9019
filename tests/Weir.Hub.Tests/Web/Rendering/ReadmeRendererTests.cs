using Weir.Hub.Web.Repositories;

namespace Weir.Hub.Tests.Web.Rendering;

public sealed class ReadmeRendererTests
{
    [Fact]
    public void Render_Markdown_BecomesHeadingsTablesCodeAndTaskLists()
    {
        var html = ReadmeRenderer.Render("# Title\n\nSome *text* and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n```yaml\nkey: value\n```\n").Value;

        html.Should().Contain("<h1>Title</h1>").And.Contain("<em>text</em>").And.Contain("<code>code</code>");
        html.Should().Contain("<table>").And.Contain("<td>1</td>");
        html.Should().Contain("type=\"checkbox\"").And.Contain("<pre><code class=\"language-yaml\">key: value");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("text <a href=\"javascript:alert(1)\">inline</a> html")]
    [InlineData("<div onclick=\"alert(1)\">block</div>")]
    public void Render_RawHtml_IsShownAsTextNeverAsMarkup(string markdown)
    {
        var html = ReadmeRenderer.Render(markdown).Value;

        html.Should().NotContain("<script").And.NotContain("<img").And.NotContain("<iframe").And.NotContain("<div").And.NotContain("<a href=\"javascript");
        html.Should().Contain("&lt;");
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JavaScript:alert(1))")]
    [InlineData("[x](java\tscript:alert(1))")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[x][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("![x](javascript:alert(1))")]
    public void Render_LinksWithScriptingSchemes_LoseTheirAddress(string markdown)
    {
        var html = ReadmeRenderer.Render(markdown).Value;

        var addresses = System.Text.RegularExpressions.Regex.Matches(html, "(?:href|src)=\"([^\"]*)\"").Select(match => match.Groups[1].Value);
        addresses.Where(address => address != "#" && address.Length > 0).Should().BeEmpty($"no link may keep a scripting address: {html}");
    }

    [Fact]
    public void Render_SafeLinks_KeepTheirAddressAndGetNofollow()
    {
        var html = ReadmeRenderer.Render("[docs](https://example.com/docs) [mail](mailto:a@example.com) [anchor](#usage) [relative](docs/usage.md) ![logo](https://example.com/logo.png)").Value;

        html.Should().Contain("href=\"https://example.com/docs\"").And.Contain("href=\"mailto:a@example.com\"").And.Contain("href=\"#usage\"").And.Contain("href=\"docs/usage.md\"");
        html.Should().Contain("rel=\"nofollow noopener\"");
        html.Should().Contain("<img src=\"https://example.com/logo.png\" alt=\"logo\"");
    }

    [Theory]
    [InlineData("https://example.com", true)]
    [InlineData("HTTP://example.com", true)]
    [InlineData("mailto:x@example.com", true)]
    [InlineData("/absolute/path", true)]
    [InlineData("docs/a:b", true)]
    [InlineData("unknown:scheme", false)]
    [InlineData("./a:b", true)]
    [InlineData("#top", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("java\nscript:alert(1)", false)]
    [InlineData("file:///etc/passwd", false)]
    public void IsSafeUrl_AllowsWebAndRelativeAddressesOnly(string url, bool safe) =>
        ReadmeRenderer.IsSafeUrl(url).Should().Be(safe);
}
