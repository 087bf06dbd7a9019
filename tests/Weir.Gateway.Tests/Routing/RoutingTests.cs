using System.Net;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Routing;

public sealed class RoutingTests : IAsyncLifetime
{
    private TestUpstream _api = null!;
    private TestUpstream _web = null!;
    private TestUpstream _canary = null!;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _api = await TestUpstream.StartAsync(context => context.Response.WriteAsync("api"));
        _web = await TestUpstream.StartAsync(context => context.Response.WriteAsync("web"));
        _canary = await TestUpstream.StartAsync(context => context.Response.WriteAsync("canary"));
        _gateway = await TestGateway.StartAsync($$"""
            listeners:
              - name: public
                address: 127.0.0.1:0
                routes:
                  - name: exact-health
                    match: { path: /healthz }
                    cluster: web
                  - name: canary
                    match:
                      prefix: /api
                      headers: [{ name: x-canary, exact: "yes" }]
                    cluster: canary
                  - name: api-writes
                    match: { prefix: /api, methods: [POST, PUT] }
                    cluster: canary
                  - name: versioned
                    match: { regex: "/v[0-9]+/items/[a-z]+" }
                    cluster: api
                  - name: api
                    match: { prefix: /api }
                    cluster: api
                  - name: debug-only
                    match:
                      prefix: /debug
                      headers: [{ name: x-debug, present: true }, { name: x-trace, regex: "t-[0-9]+" }]
                    cluster: web
                  - name: static
                    match: { prefix: /static/ }
                    cluster: web
              - name: internal
                address: 127.0.0.1:0
                routes:
                  - match: { prefix: / }
                    cluster: canary
            clusters:
              - { name: api, endpoints: [{{_api.Url}}] }
              - { name: web, endpoints: [{{_web.Url}}] }
              - { name: canary, endpoints: [{{_canary.Url}}] }
            """);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _api.DisposeAsync();
        await _web.DisposeAsync();
        await _canary.DisposeAsync();
    }

    [Theory]
    [InlineData("GET", "/healthz", null, "web")]
    [InlineData("GET", "/healthz/more", null, "no route")]
    [InlineData("GET", "/api/orders", null, "api")]
    [InlineData("GET", "/apiary", null, "api")]
    [InlineData("POST", "/api/orders", null, "canary")]
    [InlineData("GET", "/api/orders", "x-canary: yes", "canary")]
    [InlineData("GET", "/api/orders", "x-canary: no", "api")]
    [InlineData("GET", "/v2/items/books", null, "api")]
    [InlineData("GET", "/v2/items/books/1", null, "no route")]
    [InlineData("GET", "/debug/vars", "x-debug: 1|x-trace: t-42", "web")]
    [InlineData("GET", "/debug/vars", "x-trace: t-42", "no route")]
    [InlineData("GET", "/debug/vars", "x-debug: 1|x-trace: nope", "no route")]
    [InlineData("GET", "/static/app.js", null, "web")]
    [InlineData("GET", "/STATIC/app.js", null, "no route")]
    public async Task Request_MatchesFirstRouteInOrder(string method, string path, string? headers, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_gateway.Url(), path));
        foreach (var header in (headers ?? string.Empty).Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = header.Split(": ", 2);
            request.Headers.TryAddWithoutValidation(parts[0], parts[1]);
        }

        using var response = await _gateway.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        if (expected == "no route")
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            body.Should().Contain("no route");
        }
        else
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            body.Should().Be(expected);
        }
    }

    [Fact]
    public async Task Request_OnSecondListener_UsesThatListenersRoutes()
    {
        using var response = await _gateway.GetAsync("/api/orders", "internal");

        (await response.Content.ReadAsStringAsync()).Should().Be("canary");
    }
}
