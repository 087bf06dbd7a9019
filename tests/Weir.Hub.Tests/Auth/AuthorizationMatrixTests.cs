using System.Net;
using System.Net.Http.Headers;
using Weir.Hub.Auth;
using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Auth;

/// <summary>
/// Every combination of caller (anonymous, the owner's reader token, the owner's writer token, another
/// user's writer token), repository visibility and operation, once with credentials sent directly
/// (Basic) and once through the token flow (Bearer from <c>/token</c>).
/// </summary>
public sealed class AuthorizationMatrixTests
{
    public enum CallerKind
    {
        Anonymous,
        Reader,
        Writer,
        Stranger,
    }

    [Theory]
    [InlineData(CallerKind.Anonymous, "public", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Anonymous, "public", "push", HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData(CallerKind.Anonymous, "private", "pull", HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData(CallerKind.Anonymous, "private", "push", HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData(CallerKind.Reader, "public", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Reader, "public", "push", HttpStatusCode.Forbidden, "DENIED")]
    [InlineData(CallerKind.Reader, "private", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Reader, "private", "push", HttpStatusCode.Forbidden, "DENIED")]
    [InlineData(CallerKind.Writer, "public", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Writer, "public", "push", HttpStatusCode.Created, null)]
    [InlineData(CallerKind.Writer, "private", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Writer, "private", "push", HttpStatusCode.Created, null)]
    [InlineData(CallerKind.Stranger, "public", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Stranger, "public", "push", HttpStatusCode.Forbidden, "DENIED")]
    [InlineData(CallerKind.Stranger, "private", "pull", HttpStatusCode.NotFound, "NAME_UNKNOWN")]
    [InlineData(CallerKind.Stranger, "private", "push", HttpStatusCode.NotFound, "NAME_UNKNOWN")]
    public async Task Basic_CallerAgainstRepository_GetsTheExpectedAnswer(CallerKind caller, string visibility, string operation, HttpStatusCode expected, string? code)
    {
        await using var hub = await TestHub.StartAsync();
        var credentials = await SetUpAsync(hub);
        using var client = caller == CallerKind.Anonymous ? hub.CreateClient() : hub.CreateClient(credentials[caller].User, credentials[caller].Secret);

        using var response = await RunAsync(client, $"owner/{visibility}", operation);

        await ExpectAsync(response, expected, code);
        if (expected == HttpStatusCode.Unauthorized)
        {
            response.Headers.WwwAuthenticate.ToString().Should().Contain($"scope=\"repository:owner/{visibility}:{(operation == "push" ? "pull,push" : "pull")}\"");
        }
    }

    [Theory]
    [InlineData(CallerKind.Anonymous, "public", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Anonymous, "public", "push", HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData(CallerKind.Anonymous, "private", "pull", HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData(CallerKind.Anonymous, "private", "push", HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData(CallerKind.Reader, "public", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Reader, "public", "push", HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData(CallerKind.Reader, "private", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Reader, "private", "push", HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData(CallerKind.Writer, "public", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Writer, "public", "push", HttpStatusCode.Created, null)]
    [InlineData(CallerKind.Writer, "private", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Writer, "private", "push", HttpStatusCode.Created, null)]
    [InlineData(CallerKind.Stranger, "public", "pull", HttpStatusCode.OK, null)]
    [InlineData(CallerKind.Stranger, "public", "push", HttpStatusCode.Forbidden, "DENIED")]
    [InlineData(CallerKind.Stranger, "private", "pull", HttpStatusCode.NotFound, "NAME_UNKNOWN")]
    [InlineData(CallerKind.Stranger, "private", "push", HttpStatusCode.NotFound, "NAME_UNKNOWN")]
    public async Task Bearer_CallerAgainstRepository_GetsTheExpectedAnswer(CallerKind caller, string visibility, string operation, HttpStatusCode expected, string? code)
    {
        await using var hub = await TestHub.StartAsync();
        var credentials = await SetUpAsync(hub);
        using var client = hub.CreateClient();
        var repository = $"owner/{visibility}";
        var token = caller == CallerKind.Anonymous
            ? await TokenFlow.FetchAsync(client, null, null, $"repository:{repository}:pull,push")
            : await TokenFlow.FetchAsync(client, credentials[caller].User, credentials[caller].Secret, $"repository:{repository}:pull,push");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await RunAsync(client, repository, operation);

        await ExpectAsync(response, expected, code);
        if (expected == HttpStatusCode.Unauthorized)
        {
            response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"insufficient_scope\"");
        }
    }

    private static async Task<Dictionary<CallerKind, (string User, string Secret)>> SetUpAsync(TestHub hub)
    {
        using var owner = await hub.CreateWriterAsync("owner");
        await TestHub.PushModuleAsync(owner, "owner/public", "v1");
        await TestHub.PushModuleAsync(owner, "owner/private", "v1");
        (await hub.Metadata.SetRepositoryVisibilityAsync("owner/public", true, CancellationToken.None)).Should().BeTrue();
        return new Dictionary<CallerKind, (string, string)>
        {
            [CallerKind.Reader] = ("owner", await hub.CreateTokenAsync("owner", AccessScopes.Pull)),
            [CallerKind.Writer] = ("owner", await hub.CreateTokenAsync("owner", AccessScopes.Pull | AccessScopes.Push)),
            [CallerKind.Stranger] = ("stranger", await hub.CreateTokenAsync("stranger", AccessScopes.Pull | AccessScopes.Push)),
        };
    }

    private static async Task<HttpResponseMessage> RunAsync(HttpClient client, string repository, string operation)
    {
        if (operation == "pull")
        {
            return await client.GetAsync($"/v2/{repository}/manifests/v1");
        }

        var blob = OciContent.WasmModule("pushed by the matrix");
        return await client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={TestHub.DigestOf(blob)}", new ByteArrayContent(blob));
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string? code)
    {
        if (code is null)
        {
            response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
        }
        else
        {
            await response.ShouldBeErrorAsync(expected, code);
        }
    }
}
