using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Weir.Hub.Auth;
using Weir.Hub.Hosting;
using Weir.Hub.Tests.Support;
using Weir.Hub.Web.Downloads;
using Weir.Hub.Web.Indexing;

namespace Weir.Hub.Tests.Web.Support;

/// <summary>
/// A hub on Kestrel (127.0.0.1, ephemeral port) with helpers for page tests: accounts with tokens, module
/// pushes through the registry API, browser sessions, and waiting for the background indexer and counters.
/// </summary>
internal sealed partial class WebHub : IAsyncDisposable
{
    private WebHub(TestHub hub)
    {
        Hub = hub;
    }

    public TestHub Hub { get; }

    public Uri BaseAddress => Hub.BaseAddress;

    public string Authority => Hub.Authority;

    public static async Task<WebHub> StartAsync(Action<HubOptions>? configure = null, TemporaryDirectory? dataDirectory = null) =>
        new(await TestHub.StartAsync(kestrel: true, configure, dataDirectory));

    public Task<string> TokenAsync(string user, AccessScopes scopes = AccessScopes.All) => Hub.CreateTokenAsync(user, scopes);

    /// <summary>A registry client for <paramref name="user"/> with a token of every scope.</summary>
    public async Task<HttpClient> RegistryClientAsync(string user) => Hub.CreateClient(user, await TokenAsync(user));

    /// <summary>Pushes the proxy-wasm test module as <paramref name="repository"/>:<paramref name="tag"/> and waits until search knows it.</summary>
    public async Task<string> PublishAsync(HttpClient registry, string repository, string tag = "v1", IReadOnlyDictionary<string, string>? annotations = null, bool makePublic = false)
    {
        var digest = await ModulePublisher.PushSoloAsync(registry, repository, tag, ProxyWasmModule.Build(), ["add_header"], annotations);
        if (makePublic)
        {
            await Hub.Metadata.SetRepositoryVisibilityAsync(repository, true, CancellationToken.None);
        }

        await IndexedAsync();
        return digest;
    }

    public async Task IndexedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Hub.Server.Services.GetRequiredService<RepositoryIndexer>().WaitUntilIdleAsync(timeout.Token);
    }

    public Task FlushDownloadsAsync() => Hub.Server.Services.GetRequiredService<DownloadCounter>().FlushAsync(CancellationToken.None);

    public BrowserSession Browser() => new(BaseAddress);

    /// <summary>A browser session signed in as <paramref name="user"/> with a new token of <paramref name="scopes"/>.</summary>
    public async Task<BrowserSession> SignedInAsync(string user, AccessScopes scopes = AccessScopes.All)
    {
        var browser = Browser();
        using var response = await browser.SignInAsync(user, await TokenAsync(user, scopes));
        response.StatusCode.Should().Be(HttpStatusCode.SeeOther, await response.Content.ReadAsStringAsync());
        return browser;
    }

    /// <summary>The decoded text of the <c>&lt;code id="…"&gt;</c> element holding a snippet.</summary>
    public static string Snippet(string html, string id)
    {
        var match = Regex.Match(html, $"<code id=\"{id}\">(.*?)</code>", RegexOptions.Singleline);
        match.Success.Should().BeTrue($"the page should have a {id} block");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The page's text as a reader sees it: tags removed, entities decoded, runs of white space made one space.</summary>
    public static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");

    public ValueTask DisposeAsync() => Hub.DisposeAsync();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
