using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Filters;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Upstream;

/// <summary>A client's request trailers reach an http:// HTTP/1.1 upstream through the gateway, with and without filters on the body.</summary>
public sealed class RequestTrailersEndToEndTests
{
    private const string ChunkedRequestWithTrailers = """
        POST /upload HTTP/1.1
        Host: gateway.test
        Transfer-Encoding: chunked
        Connection: close

        5
        hello
        7
        , world
        0
        x-checksum: c0ffee
        x-parts: 2


        """;

    [Fact]
    public async Task Post_ChunkedBodyWithTrailers_UpstreamReceivesBodyAndTrailers()
    {
        await using var upstream = await TestUpstream.StartAsync(EchoBodyAndTrailers);
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));

        var answer = await RawHttp.SendAsync(gateway.Url(), ChunkedRequestWithTrailers);

        answer.Should().StartWith("HTTP/1.1 200");
        answer.Should().Contain("\r\nhello, world|c0ffee|2\r\n");
    }

    [Fact]
    public async Task Post_ChunkedBodyWithTrailersThroughABodyFilter_UpstreamReceivesTheTrailersTheChainPassedOn()
    {
        await using var upstream = await TestUpstream.StartAsync(EchoBodyAndTrailers);
        await using var gateway = await TestGateway.StartAsync(ExampleFilterTests.Chain(upstream.Url, "[upper]", $$"""
              - { name: upper, module: "{{ExampleFilters.RequestUpper}}" }
            """));

        var answer = await RawHttp.SendAsync(gateway.Url(), ChunkedRequestWithTrailers);

        answer.Should().StartWith("HTTP/1.1 200");
        // The filter upper-cases a body it held once the body's end arrives; with trailers the end of the
        // stream comes with them instead (proxy-wasm: on_request_trailers), so it passes the held body on as is.
        answer.Should().Contain("\r\nhello, world|c0ffee|2\r\n", "the trailers pass through the filter chain's request-trailer map to the upstream");
    }

    private static async Task EchoBodyAndTrailers(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var trailers = context.Request.SupportsTrailers() && context.Request.CheckTrailersAvailable()
            ? $"{context.Request.GetTrailer("x-checksum")}|{context.Request.GetTrailer("x-parts")}"
            : "no trailers";
        await context.Response.WriteAsync($"{body}|{trailers}");
    }
}
