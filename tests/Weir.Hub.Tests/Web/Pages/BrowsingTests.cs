using System.Net;
using System.Security.Cryptography;
using Weir.Hub.Tests.Web.Support;
using YamlDotNet.RepresentationModel;

namespace Weir.Hub.Tests.Web.Pages;

/// <summary>What an anonymous visitor reads: home, search, accounts, repositories, modules and their usage snippets.</summary>
public sealed class BrowsingTests
{
    private static readonly Dictionary<string, string> Annotations = new()
    {
        [ModulePublisher.Description] = "Adds an x-weir header to every response.",
    };

    [Fact]
    public async Task Home_WithModules_ListsRecentAndPopularOnesWithTheirAbiVersion()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", annotations: Annotations, makePublic: true);

        var (status, html, response) = await web.Browser().GetAsync("/");

        status.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        var text = WebHub.Text(html);
        text.Should().Contain("Recently updated").And.Contain("Most downloaded");
        text.Should().Contain("alice/add-header").And.Contain("Adds an x-weir header to every response.").And.Contain("proxy-wasm v0.2.1");
        html.Should().Contain("href=\"/r/alice/add-header\"");
    }

    [Fact]
    public async Task Home_EmptyHub_ExplainsHowToPushAModule()
    {
        await using var web = await WebHub.StartAsync();

        var text = WebHub.Text((await web.Browser().GetAsync("/")).Html);

        text.Should().Contain("Nothing here yet").And.Contain($"weir push filter.wasm {web.Authority}/you/filter:v1");
    }

    [Fact]
    public async Task Search_FindsModulesByNameDescriptionAbiVersionAndLabel()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", annotations: Annotations, makePublic: true);
        await web.PublishAsync(alice, "alice/other", makePublic: true);
        using var owner = await web.SignedInAsync("alice");
        using var saved = await owner.SubmitAsync("/r/alice/other", "/r/alice/other/-/settings", new Dictionary<string, string> { ["description"] = "Rate limiting", ["labels"] = "traffic, quota" });
        saved.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        using var anonymous = web.Browser();

        async Task<string> Results(string query) => WebHub.Text((await anonymous.GetAsync("/search?q=" + Uri.EscapeDataString(query))).Html);

        (await Results("add-header")).Should().Contain("1 module matches").And.Contain("alice/add-header");
        (await Results("x-weir")).Should().Contain("alice/add-header");
        (await Results("v0.2.1")).Should().Contain("2 modules match");
        (await Results("quota")).Should().Contain("1 module matches").And.Contain("alice/other").And.NotContain("alice/add-header");
        (await Results("rate")).Should().Contain("alice/other");
        (await Results("missing")).Should().Contain("0 modules match");
        (await Results("  ")).Should().Contain("Type a word to search for.");
        (await anonymous.GetAsync("/search?q=%3Cscript%3E")).Html.Should().NotContain("<script>", "the query is shown encoded");
    }

    [Fact]
    public async Task RepositoryPage_ShowsTagsWithDigestSizePushDateAndDownloads()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        var digest = await web.PublishAsync(alice, "alice/add-header", annotations: Annotations, makePublic: true);
        (await alice.GetAsync("/v2/alice/add-header/manifests/v1")).EnsureSuccessStatusCode();
        await web.FlushDownloadsAsync();

        var (status, html, _) = await web.Browser().GetAsync("/r/alice/add-header");

        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain($"title=\"{digest}\"").And.Contain(digest[..19]);
        var text = WebHub.Text(html);
        text.Should().Contain("Tags (1)").And.Contain("v1").And.Contain("just now").And.Contain("Adds an x-weir header");
        text.Should().MatchRegex(@"v1\s+sha256:[0-9a-f]{12}\s+\d+(\.\d)? (B|KiB)\s+just now\s+1\b", "the row reads tag, digest, size, pushed, downloads");
        text.Should().Contain($"weir pull {web.Authority}/alice/add-header:v1");
        text.Should().Contain("owned by alice");
    }

    [Fact]
    public async Task ModulePage_ShowsWhatWeirWasmReadsFromTheBinary()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        var digest = await web.PublishAsync(alice, "alice/add-header", makePublic: true);

        var byTag = await web.Browser().GetAsync("/r/alice/add-header/-/tags/v1");
        var byDigest = await web.Browser().GetAsync($"/r/alice/add-header/-/manifests/{digest}");

        byTag.Status.Should().Be(HttpStatusCode.OK);
        byDigest.Status.Should().Be(HttpStatusCode.OK);
        var text = WebHub.Text(byTag.Html);
        text.Should().Contain(digest).And.Contain("Format solo");
        text.Should().MatchRegex(@"proxy-wasm ABI\s+v0\.2\.1");
        text.Should().MatchRegex(@"Root ids\s+add_header");
        text.Should().Contain("Imports (3)").And.Contain("env (2)").And.Contain("wasi_snapshot_preview1 (1)");
        text.Should().MatchRegex(@"proxy_log\s+function\s+\(i32, i32, i32\) → i32");
        text.Should().MatchRegex(@"fd_write\s+function\s+\(i32, i32, i32, i32\) → i32");
        text.Should().Contain("Exports (3)").And.MatchRegex(@"proxy_on_memory_allocate\s+function\s+\(i32\) → i32").And.MatchRegex(@"proxy_abi_version_0_2_1\s+function\s+\(\) → \(\)");
        text.Should().MatchRegex(@"Memories \(1\).*0\s+defined\s+2\s+16", "the memory has 2 to 16 pages");
        text.Should().MatchRegex(@"Tables \(1\).*0\s+defined\s+1\s+1\s+funcref");
        text.Should().MatchRegex(@"Sections.*type\s+\d+ B.*import\s+\d+ B.*function.*table.*memory.*export.*code");
        text.Should().Contain("Functions 2 defined, 3 imported");
        WebHub.Text(byDigest.Html).Should().Contain("proxy_on_memory_allocate");
    }

    [Fact]
    public async Task ModulePage_UsageSnippets_ArePinnedToTheDigestAndParseAsYaml()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        var digest = await web.PublishAsync(alice, "alice/add-header", makePublic: true);
        var moduleSha256 = Convert.ToHexStringLower(SHA256.HashData(ProxyWasmModule.Build()));
        var pinned = $"{web.Authority}/alice/add-header@{digest}";

        var html = (await web.Browser().GetAsync("/r/alice/add-header/-/tags/v1")).Html;

        WebHub.Snippet(html, "snippet-pull").Should().Be($"weir pull {pinned} -o add-header.wasm");

        var gateway = Yaml(WebHub.Snippet(html, "snippet-gateway"));
        var filter = (YamlMappingNode)((YamlSequenceNode)gateway["filters"])[0];
        Scalar(filter, "name").Should().Be("add-header");
        Scalar(filter, "module").Should().Be($"oci://{pinned}");
        Scalar(filter, "root_id").Should().Be("add_header");
        filter.Children.Should().ContainKey(new YamlScalarNode("configuration"));

        var envoy = Yaml(WebHub.Snippet(html, "snippet-envoy"));
        var wasm = (YamlMappingNode)((YamlSequenceNode)envoy["http_filters"])[0];
        Scalar(wasm, "name").Should().Be("envoy.filters.http.wasm");
        var typed = (YamlMappingNode)wasm["typed_config"];
        Scalar(typed, "@type").Should().Be("type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm");
        var config = (YamlMappingNode)typed["config"];
        Scalar(config, "root_id").Should().Be("add_header");
        var remote = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)config["vm_config"])["code"])["remote"];
        Scalar((YamlMappingNode)remote["http_uri"], "uri").Should().Be($"http://{web.Authority}/v2/alice/add-header/blobs/sha256:{moduleSha256}");
        Scalar(remote, "sha256").Should().Be(moduleSha256);

        var istio = Yaml(WebHub.Snippet(html, "snippet-istio"));
        Scalar(istio, "apiVersion").Should().Be("extensions.istio.io/v1alpha1");
        Scalar(istio, "kind").Should().Be("WasmPlugin");
        var spec = (YamlMappingNode)istio["spec"];
        Scalar(spec, "url").Should().Be($"oci://{pinned}");
        Scalar(spec, "sha256").Should().Be(digest["sha256:".Length..]);
        Scalar(spec, "pluginName").Should().Be("add_header");
        spec.Children.Should().ContainKey(new YamlScalarNode("pluginConfig"));

        html.Should().Contain("data-copy=\"snippet-pull\"").And.Contain("hidden>Copy</button>", "copy buttons appear only once the script runs");

        // The Envoy blob URL really serves the module, and its bytes match the pinned sha256.
        using var anonymous = web.Browser();
        var blob = await anonymous.GetAsync($"/v2/alice/add-header/blobs/sha256:{moduleSha256}");
        blob.Status.Should().Be(HttpStatusCode.OK);
        Convert.ToHexStringLower(SHA256.HashData(await blob.Response.Content.ReadAsByteArrayAsync())).Should().Be(moduleSha256);
    }

    [Fact]
    public async Task ModulePage_PrivateRepository_SnippetsUseALocalFileAndPullCredentials()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header");
        using var owner = await web.SignedInAsync("alice");

        var html = (await owner.GetAsync("/r/alice/add-header/-/tags/v1")).Html;

        WebHub.Snippet(html, "snippet-pull").Should().StartWith($"# private repository: sign in first with\n#   weir login {web.Authority}");
        var envoy = Yaml(WebHub.Snippet(html, "snippet-envoy"));
        var code = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)envoy["http_filters"])[0])["typed_config"])["config"])["vm_config"])["code"];
        Scalar((YamlMappingNode)code["local"], "filename").Should().Be("/etc/envoy/wasm/add-header.wasm");
        Scalar((YamlMappingNode)Yaml(WebHub.Snippet(html, "snippet-istio"))["spec"], "imagePullSecret").Should().Be("weir-hub-credentials");
    }

    [Fact]
    public async Task ModulePage_ModuleFailingValidation_SaysWhyAndStillListsImportsAndExports()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await ModulePublisher.PushSoloAsync(alice, "alice/broken", "v1", ProxyWasmModule.Build(valid: false), ["broken_root"]);
        await web.Hub.Metadata.SetRepositoryVisibilityAsync("alice/broken", true, CancellationToken.None);
        await web.IndexedAsync();

        var (status, html, _) = await web.Browser().GetAsync("/r/alice/broken/-/tags/v1");

        status.Should().Be(HttpStatusCode.OK);
        var text = WebHub.Text(html);
        text.Should().Contain("Weir would not run this module: invalid module at byte offset");
        text.Should().MatchRegex(@"proxy-wasm ABI\s+v0\.2\.1").And.Contain("proxy_on_memory_allocate").And.Contain("fd_write").And.Contain("broken_root");
        WebHub.Snippet(html, "snippet-pull").Should().Contain("alice/broken@sha256:");
    }

    [Fact]
    public async Task ModulePage_ArtifactWithoutWasm_ExplainsWhyInsteadOfFailing()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await ModulePublisher.PushNonModuleAsync(alice, "alice/notes", "v1");
        await web.Hub.Metadata.SetRepositoryVisibilityAsync("alice/notes", true, CancellationToken.None);
        await web.IndexedAsync();

        var (status, html, _) = await web.Browser().GetAsync("/r/alice/notes/-/tags/v1");

        status.Should().Be(HttpStatusCode.OK);
        WebHub.Text(html).Should().Contain("This manifest holds no WebAssembly module the hub can read").And.Contain("no Wasm module in a format Weir knows");
        (await web.Browser().GetAsync("/r/alice/notes/-/tags/v2")).Status.Should().Be(HttpStatusCode.NotFound);
        (await web.Browser().GetAsync("/r/alice/notes/-/manifests/sha256:nothex")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AccountPages_ShowRepositoriesMembersAndStars()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        var aliceId = (await web.Hub.Metadata.FindUserAsync("alice", CancellationToken.None))!.Id;
        await web.Hub.Metadata.CreateOrganizationAsync("team", aliceId, DateTimeOffset.UtcNow, CancellationToken.None);
        await web.PublishAsync(alice, "team/shared-filter", makePublic: true);
        using var bob = await web.SignedInAsync("bob");
        (await bob.SubmitAsync("/r/team/shared-filter", "/r/team/shared-filter/-/star", new Dictionary<string, string> { ["star"] = "true" })).Dispose();

        var organization = WebHub.Text((await web.Browser().GetAsync("/orgs/team")).Html);
        var user = WebHub.Text((await web.Browser().GetAsync("/users/alice")).Html);
        var bobs = WebHub.Text((await web.Browser().GetAsync("/users/bob")).Html);
        var redirect = await web.Browser().GetAsync("/users/team");

        organization.Should().Contain("Members (1): alice (owner)").And.Contain("Repositories (1)").And.Contain("team/shared-filter");
        user.Should().Contain("Organisations: team").And.Contain("Repositories (0)");
        bobs.Should().Contain("Starred (1)").And.Contain("team/shared-filter");
        redirect.Status.Should().Be(HttpStatusCode.SeeOther);
        redirect.Response.Headers.Location!.ToString().Should().Be("/orgs/team");
        (await web.Browser().GetAsync("/users/nobody")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Readme_FromAnnotationOrUpload_IsRenderedWithoutRawHtmlOrScriptLinks()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", annotations: new Dictionary<string, string>
        {
            ["io.weir.readme"] = "# Add header\n\nSets **x-weir**.\n\n<script>alert('annotation')</script>\n\n[click](javascript:alert(1))",
        }, makePublic: true);
        using var owner = await web.SignedInAsync("alice");

        var fromAnnotation = (await web.Browser().GetAsync("/r/alice/add-header")).Html;
        using var upload = await owner.SubmitMultipartAsync("/r/alice/add-header", "/r/alice/add-header/-/readme", "readme", "README.md", "## Uploaded\n\n<img src=x onerror=alert(2)>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"u8.ToArray());
        var uploaded = (await web.Browser().GetAsync("/r/alice/add-header")).Html;
        using var removal = await owner.SubmitAsync("/r/alice/add-header", "/r/alice/add-header/-/readme", new Dictionary<string, string> { ["remove"] = "true" });
        var afterRemoval = (await web.Browser().GetAsync("/r/alice/add-header")).Html;

        fromAnnotation.Should().Contain("<h1>Add header</h1>").And.Contain("<strong>x-weir</strong>");
        fromAnnotation.Should().Contain("&lt;script&gt;alert(").And.NotContain("<script>alert");
        fromAnnotation.Should().NotContain("javascript:");
        upload.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        uploaded.Should().Contain("<h2>Uploaded</h2>").And.Contain("<table>").And.NotContain("<img src=x").And.NotContain("<img src=\"x\"");
        removal.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        afterRemoval.Should().Contain("<h1>Add header</h1>", "without an upload the module's README shows again");
    }

    [Fact]
    public async Task Pages_CarrySecurityHeadersServerTimingAndCacheableAssets()
    {
        await using var web = await WebHub.StartAsync();

        var (_, html, page) = await web.Browser().GetAsync("/");
        var css = html[(html.IndexOf("/static/hub.css", StringComparison.Ordinal))..];
        var (cssStatus, stylesheet, cssResponse) = await web.Browser().GetAsync(css[..css.IndexOf('"', StringComparison.Ordinal)]);

        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
        page.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        page.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        page.Headers.GetValues("Server-Timing").Single().Should().MatchRegex(@"^app;dur=\d+(\.\d+)?$");
        html.Should().Contain("<html lang=\"en\">").And.Contain("<main id=\"main\"").And.Contain("href=\"#main\"").And.Contain("<nav class=\"account\" aria-label=\"Account\">");
        cssStatus.Should().Be(HttpStatusCode.OK);
        cssResponse.Headers.CacheControl!.ToString().Should().Contain("immutable");
        stylesheet.Should().Contain(":focus-visible");
    }

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlMappingNode mapping, string key) => ((YamlScalarNode)mapping[key]).Value!;
}
