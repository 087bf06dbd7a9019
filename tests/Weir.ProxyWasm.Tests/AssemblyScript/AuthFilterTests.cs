using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.AssemblyScript;

public sealed class AuthFilterTests
{
    private static FakeUpstreams AuthService() => new FakeUpstreams().Add("auth-service", request =>
        request.Find("authorization") == "Bearer good" ? FakeUpstreams.Text(200, "ok") : FakeUpstreams.Text(401, "no"));

    private static PluginConfiguration Configuration(string cluster = "auth-service") =>
        new() { Name = "auth", RootId = "auth", ConfigurationText = cluster };

    [Fact]
    public async Task Auth_AuthorizedRequest_IsResumedWithTheAddedHeader()
    {
        var upstreams = AuthService();
        var host = new TestRuntime(upstreams);
        await using var plugin = host.CreatePlugin("auth.wasm", Configuration());

        var result = await new Exchange { RequestHeaders = [new("authorization", "Bearer good")] }.RunAsync(plugin);

        result.ReachedUpstream.Should().BeTrue(host.Logger.ToString());
        result.ClientStatus.Should().Be(200);
        result.Stream.RequestHeaders.Get("added-header").Should().Be("authorized");
        upstreams.Requests.Should().ContainSingle().Which.Path.Should().Be("/check");
    }

    [Fact]
    public async Task Auth_UnauthorizedRequest_GetsA403LocalResponse()
    {
        var host = new TestRuntime(AuthService());
        await using var plugin = host.CreatePlugin("auth.wasm", Configuration());

        var result = await new Exchange { RequestHeaders = [new("authorization", "Bearer bad")] }.RunAsync(plugin);

        result.ReachedUpstream.Should().BeFalse();
        result.LocalResponse.Should().NotBeNull(host.Logger.ToString());
        result.LocalResponse!.StatusCode.Should().Be(403);
        result.LocalResponse.BodyText.Should().Be("forbidden\n");
        result.LocalResponse.Details.Should().Be("denied_by_auth_filter");
        result.LocalResponse.Headers.Should().Contain(new KeyValuePair<string, string>("content-type", "text/plain"));
    }

    [Fact]
    public async Task Auth_AuthServiceFails_Gets403()
    {
        var upstreams = new FakeUpstreams().Add("auth-service", (_, _) => ValueTask.FromException<HttpCalloutResponse>(new IOException("connection refused")));
        var host = new TestRuntime(upstreams);
        await using var plugin = host.CreatePlugin("auth.wasm", Configuration());

        var result = await new Exchange { RequestHeaders = [new("authorization", "Bearer good")] }.RunAsync(plugin);

        result.LocalResponse!.StatusCode.Should().Be(403);
        host.Logger.HostMessages.Should().Contain(message => message.Contains("connection refused"));
    }

    [Fact]
    public async Task Auth_UnknownAuthCluster_Gets403WithoutCallingAnything()
    {
        var upstreams = AuthService();
        var host = new TestRuntime(upstreams);
        await using var plugin = host.CreatePlugin("auth.wasm", Configuration("no-such-cluster"));

        var result = await new Exchange { RequestHeaders = [new("authorization", "Bearer good")] }.RunAsync(plugin);

        result.LocalResponse!.StatusCode.Should().Be(403);
        result.LocalResponse.Details.Should().Be("auth_call_failed");
        upstreams.Requests.Should().BeEmpty();
    }
}
