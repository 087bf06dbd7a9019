using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.AssemblyScript;

public sealed class BodyRewriteFilterTests
{
    [Fact]
    public async Task BodyRewrite_ChunkedResponse_IsBufferedToTheEndAndRewritten()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("body_rewrite.wasm", new PluginConfiguration { Name = "rewrite", RootId = "body_rewrite", ConfigurationText = "hello|howdy" });
        var exchange = new Exchange
        {
            ResponseHeaders = [new("content-length", "19")],
            ResponseBody = ["hello wor", "ld, hel", "lo!"],
        };

        var result = await exchange.RunAsync(plugin);

        result.DownstreamResponseBodyText.Should().Be("howdy world, howdy!", host.Logger.ToString());
        result.Stream.ResponseHeaders.Contains("content-length").Should().BeFalse();
        result.Outcomes.Skip(2).Select(outcome => outcome.Kind).Should().Equal(FilterOutcomeKind.Buffering, FilterOutcomeKind.Buffering, FilterOutcomeKind.Continue);
    }

    [Fact]
    public async Task BodyRewrite_RequestBody_PassesUntouched()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("body_rewrite.wasm", new PluginConfiguration { Name = "rewrite", RootId = "body_rewrite", ConfigurationText = "hello|howdy" });

        var result = await new Exchange { Method = "POST", RequestBody = ["hello ", "upstream"], ResponseBody = ["hello"] }.RunAsync(plugin);

        result.UpstreamRequestBodyText.Should().Be("hello upstream");
        result.DownstreamResponseBodyText.Should().Be("howdy");
    }

    [Fact]
    public async Task BodyRewrite_BodyOverTheBufferLimit_ResetsTheStream()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("body_rewrite.wasm", new PluginConfiguration
        {
            Name = "rewrite",
            RootId = "body_rewrite",
            ConfigurationText = "a|b",
            Limits = new PluginLimits { MaxBufferedBodyBytes = 10 },
        });

        var result = await new Exchange { ResponseBody = ["0123456789", "0123456789", "end"] }.RunAsync(plugin);

        result.WasReset.Should().BeTrue("the response had started, so it cannot be replaced by a 500");
        host.Logger.HostMessages.Should().Contain(message => message.Contains("buffered more than 10 bytes"));
    }
}
