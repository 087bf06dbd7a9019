using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.AssemblyScript;

public sealed class AddHeaderFilterTests
{
    [Fact]
    public async Task AddHeader_EmptyConfiguration_AddsHelloWorldToTheResponse()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("add_header.wasm", new PluginConfiguration { Name = "add-header", RootId = "add_header" });

        var result = await new Exchange { ResponseBody = ["upstream body"] }.RunAsync(plugin);

        result.ClientStatus.Should().Be(200, host.Logger.ToString());
        result.Stream.ResponseHeaders.Get("hello").Should().Be("world!");
        result.DownstreamResponseBodyText.Should().Be("upstream body");
    }

    [Fact]
    public async Task AddHeader_WithConfiguration_AddsTheConfiguredValue()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("add_header.wasm", new PluginConfiguration { Name = "add-header", RootId = "add_header", ConfigurationText = "configured value" });

        var result = await new Exchange().RunAsync(plugin);

        result.Stream.ResponseHeaders.Get("hello").Should().Be("configured value", host.Logger.ToString());
    }
}
