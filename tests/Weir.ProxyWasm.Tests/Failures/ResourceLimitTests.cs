using Weir.ProxyWasm.Tests.Support;

namespace Weir.ProxyWasm.Tests.Failures;

public sealed class ResourceLimitTests
{
    [Fact]
    public async Task InfiniteLoop_IsStoppedByTheCallbackTimeLimit_AndOtherRequestsStillWork()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("infinite_loop.wasm", new PluginConfiguration
        {
            Name = "spinner",
            Limits = new PluginLimits { CallbackTimeout = TimeSpan.FromMilliseconds(100), MaxVms = 1 },
        });

        var started = DateTime.UtcNow;
        var spinning = await new Exchange { Path = "/spin" }.RunAsync(plugin).WaitAsync(TimeSpan.FromSeconds(20));
        var elapsed = DateTime.UtcNow - started;
        var normal = await new Exchange { Path = "/hello" }.RunAsync(plugin);

        spinning.LocalResponse!.StatusCode.Should().Be(503, host.Logger.ToString());
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        host.Logger.HostMessages.Should().Contain(message => message.Contains("exceeded its time limit of 100 ms") && message.Contains("proxy_on_request_headers"));
        normal.ClientStatus.Should().Be(200);
        normal.ReachedUpstream.Should().BeTrue();
        plugin.Health.Crashes.Should().Be(1);
    }

    [Fact]
    public async Task MemoryHog_IsStoppedAtItsMemoryLimit_AndOtherRequestsStillWork()
    {
        const ulong limit = 16UL << 20;
        var host = new TestRuntime();
        await using var plugin = host.CreatePlugin("memory_hog.wasm", new PluginConfiguration
        {
            Name = "hog",
            Limits = new PluginLimits { MaxMemoryBytes = limit, MaxVms = 1 },
        });

        var growing = await new Exchange { Path = "/grow" }.RunAsync(plugin).WaitAsync(TimeSpan.FromSeconds(30));
        var normal = await new Exchange { Path = "/hello" }.RunAsync(plugin);

        growing.LocalResponse!.StatusCode.Should().Be(503, host.Logger.ToString());
        host.Logger.Messages.Should().Contain("out of memory", "the filter saw its allocation fail at the limit");
        var failure = host.Logger.HostMessages.Single(message => message.Contains("failed in proxy_on_request_headers"));
        var used = ulong.Parse(System.Text.RegularExpressions.Regex.Match(failure, @"memory: (\d+) of (\d+) bytes").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        used.Should().BeLessThanOrEqualTo(limit).And.BeGreaterThan(limit - (2UL << 20), "the VM grew up to the limit and no further");
        normal.ClientStatus.Should().Be(200);
    }

    [Fact]
    public async Task MemoryLimit_SmallerThanTheModuleNeeds_FailsThePluginAtCreation()
    {
        var host = new TestRuntime();

        // The C filters declare two pages of memory.
        var create = () => host.CreatePlugin("trap_every_tenth.wasm", new PluginConfiguration
        {
            Name = "tiny",
            Limits = new PluginLimits { MaxMemoryBytes = 65_536 },
        });

        create.Should().Throw<PluginLoadException>().WithMessage("*tiny*").WithMessage("*65536*");
    }
}
