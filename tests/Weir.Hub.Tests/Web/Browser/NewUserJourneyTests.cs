using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Weir.Hub.Auth;
using Weir.Hub.Tests.Web.Support;

namespace Weir.Hub.Tests.Web.Browser;

/// <summary>
/// A new user's path through a real Kestrel hub in headless Chromium: open the home page, search, open a
/// module, copy a snippet, sign in, create a token, star the repository. Screenshots of each page are saved.
/// </summary>
public sealed partial class NewUserJourneyTests
{
    [ChromiumFact]
    public async Task NewUser_FindsAModuleCopiesItsConfigurationSignsInCreatesATokenAndStarsIt()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", annotations: new Dictionary<string, string>
        {
            [ModulePublisher.Description] = "Adds an x-weir response header, configurable per route.",
            ["io.weir.readme"] = "# add-header\n\nA proxy-wasm filter that adds `x-weir: hello` to responses.\n\n## Configuration\n\n| key | meaning |\n|---|---|\n| `name` | header name |\n| `value` | header value |\n",
        }, makePublic: true);
        await web.PublishAsync(alice, "alice/rate-limit", annotations: new Dictionary<string, string> { [ModulePublisher.Description] = "Token-bucket rate limiting for HTTP routes." }, makePublic: true);
        await web.PublishAsync(alice, "alice/jwt-auth", annotations: new Dictionary<string, string> { [ModulePublisher.Description] = "Checks JWT bearer tokens before requests reach upstreams." }, makePublic: true);
        var token = await web.TokenAsync("alice", AccessScopes.All);

        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using var playwrightScope = playwright;
        await using var browserScope = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = web.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        await using var contextScope = context;
        var page = await context.NewPageAsync();

        // Home: the skip link is the first thing the keyboard reaches.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "WebAssembly modules, ready to run" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.textContent")).Should().Be("Skip to content");
        await HeadlessChromium.ScreenshotAsync(page, "1-home");

        // Search.
        await page.GetByLabel("Search modules by name, description, ABI version or label").FillAsync("header");
        await page.GetByLabel("Search modules by name, description, ABI version or label").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#result-count")).ToHaveTextAsync(new Regex("1 module matches"));
        await HeadlessChromium.ScreenshotAsync(page, "2-search");

        // Repository, then the module page of its tag.
        await page.GetByRole(AriaRole.Link, new() { Name = "alice/add-header", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "alice/add-header", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".readme table")).ToBeVisibleAsync();
        await HeadlessChromium.ScreenshotAsync(page, "3-repository");
        await page.GetByRole(AriaRole.Link, new() { Name = "v1", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "alice/add-header:v1" })).ToBeVisibleAsync();

        // Copy the gateway snippet: the clipboard gets exactly what the page shows.
        var snippet = await page.Locator("#snippet-gateway").TextContentAsync();
        await page.Locator("button[data-copy='snippet-gateway']").ClickAsync();
        await Assertions.Expect(page.Locator("#snippet-gateway-status")).ToHaveTextAsync("Copied");
        (await page.EvaluateAsync<string>("navigator.clipboard.readText()")).Should().Be(snippet).And.Contain($"module: oci://{web.Authority}/alice/add-header@sha256:");
        await HeadlessChromium.ScreenshotAsync(page, "4-module");

        // Sign in from the module page and come back to it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("alice");
        await page.GetByLabel("Access token").FillAsync(token);
        await HeadlessChromium.ScreenshotAsync(page, "5-sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "alice/add-header:v1" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // Create a token.
        await page.GetByRole(AriaRole.Link, new() { Name = "Access tokens" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("laptop");
        await page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^push:") }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Token “laptop” created" })).ToBeVisibleAsync();
        (await page.Locator("#new-token").TextContentAsync()).Should().StartWith("weir_");
        await HeadlessChromium.ScreenshotAsync(page, "6-token");

        // Star the repository.
        await page.GotoAsync("/r/alice/add-header");
        await page.GetByRole(AriaRole.Button, new() { Name = "☆ Star" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "★ Starred" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#star-count")).ToHaveTextAsync("1");
        await HeadlessChromium.ScreenshotAsync(page, "7-starred");

        var tokens = await web.Hub.Metadata.ListAccessTokensAsync((await web.Hub.Metadata.FindUserAsync("alice", CancellationToken.None))!.Id, CancellationToken.None);
        tokens.Should().Contain(t => t.Name == "laptop" && t.Scopes == (AccessScopes.Pull | AccessScopes.Push));
    }

    [ChromiumFact]
    public async Task ModulePage_WithoutJavaScript_ShowsEverythingToReadAndNoDeadCopyButtons()
    {
        await using var web = await WebHub.StartAsync();
        using var alice = await web.RegistryClientAsync("alice");
        await web.PublishAsync(alice, "alice/add-header", makePublic: true);

        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using var playwrightScope = playwright;
        await using var browserScope = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = web.BaseAddress.ToString(), JavaScriptEnabled = false });
        await using var contextScope = context;
        var page = await context.NewPageAsync();

        await page.GotoAsync("/r/alice/add-header/-/tags/v1");

        await Assertions.Expect(page.Locator("#snippet-istio")).ToContainTextAsync("kind: WasmPlugin");
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "proxy_on_memory_allocate" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("button[data-copy]").First).ToBeHiddenAsync();
        await HeadlessChromium.ScreenshotAsync(page, "8-module-without-javascript");
    }
}
