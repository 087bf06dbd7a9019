using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.AssemblyScript;

public sealed class TickFilterTests
{
    [Fact]
    public async Task Tick_ConfiguredPeriod_TicksTheRootContext()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("tick.wasm", new PluginConfiguration { Name = "tick", RootId = "tick", ConfigurationText = "20" });

        var ticks = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ticks < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            var result = await new Exchange().RunAsync(plugin);
            ticks = int.Parse(result.Stream.RequestHeaders.Get("x-ticks") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        }

        ticks.Should().BeGreaterThanOrEqualTo(3, host.Logger.ToString());
        host.Logger.Messages.Should().Contain("tick 1").And.Contain("tick 2");
    }
}
