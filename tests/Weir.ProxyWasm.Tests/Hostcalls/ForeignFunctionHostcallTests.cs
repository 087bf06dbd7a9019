using System.Text;
using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Hostcalls;

/// <summary>proxy_call_foreign_function and proxy_on_foreign_function.</summary>
public sealed class ForeignFunctionHostcallTests
{
    private static readonly Dictionary<string, ForeignFunction> Functions = new()
    {
        ["reverse"] = arguments =>
        {
            var copy = arguments.ToArray();
            Array.Reverse(copy);
            return ForeignFunctionResult.Ok(copy);
        },
        ["picky"] = _ => ForeignFunctionResult.Fail(ProxyStatus.BadArgument),
        ["broken"] = _ => throw new InvalidOperationException("the extension crashed"),
    };

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task CallForeignFunction_RunsHostExtensions(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (reverse, reverseSize) = script.Text("reverse");
        var (picky, pickySize) = script.Text("picky");
        var (broken, brokenSize) = script.Text("broken");
        var (unknown, unknownSize) = script.Text("no_such_function");
        var (argument, argumentSize) = script.Text("stressed");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.CallForeignFunction, reverse, reverseSize, argument, argumentSize, Out(0), Out(1)).Dump(0, 1)
            .Call(Hostcall.CallForeignFunction, picky, pickySize, argument, argumentSize, Out(0), Out(1))
            .Call(Hostcall.CallForeignFunction, broken, brokenSize, argument, argumentSize, Out(0), Out(1))
            .Call(Hostcall.CallForeignFunction, unknown, unknownSize, argument, argumentSize, Out(0), Out(1))
            .Call(Hostcall.CallForeignFunction, reverse, reverseSize, BadPointer, argumentSize, Out(0), Out(1))
            .Call(Hostcall.CallForeignFunction, reverse, reverseSize, argument, argumentSize, BadPointer, Out(1));

        var (host, log, _) = await ProbeRun.ExchangeAsync(version, script, host: new TestRuntime(foreignFunctions: Functions));

        log.DumpText(ProbeCallback.RequestHeaders, 1).Should().Be("desserts");
        Enumerable.Range(2, 5).Select(index => log.Status(ProbeCallback.RequestHeaders, index)).Should().Equal(
            ProxyStatus.BadArgument, ProxyStatus.InternalFailure, ProxyStatus.NotFound, ProxyStatus.InvalidMemoryAccess, ProxyStatus.InvalidMemoryAccess);
        host.Logger.HostMessages.Should().Contain(message => message.Contains("the extension crashed"));
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task BuiltInCompressAndUncompress_RoundTrip(ProxyAbiVersion version)
    {
        var text = string.Concat(Enumerable.Repeat("compressible ", 50));
        var script = new ProbeScript();
        var (compress, compressSize) = script.Text("compress");
        var (uncompress, uncompressSize) = script.Text("uncompress");
        var (argument, argumentSize) = script.Text(text);
        var (garbage, garbageSize) = script.Text("not zlib");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.CallForeignFunction, compress, compressSize, argument, argumentSize, Out(0), Out(1))
            .Call(Hostcall.CallForeignFunction, uncompress, uncompressSize, SlotValue(0), SlotValue(1), Out(2), Out(3)).Dump(2, 3)
            .Call(Hostcall.CallForeignFunction, uncompress, uncompressSize, garbage, garbageSize, Out(2), Out(3));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        log.Call(ProbeCallback.RequestHeaders, 0).Slot(1).Should().BeLessThan((ulong)text.Length);
        log.DumpText(ProbeCallback.RequestHeaders, 2).Should().Be(text);
        log.Status(ProbeCallback.RequestHeaders, 3).Should().Be(ProxyStatus.SerializationFailure);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.ZeroTwo), MemberType = typeof(AbiVersions))]
    public async Task NotifyForeignFunction_Abi02x_CallsTheRootWithItsArguments(ProxyAbiVersion version)
    {
        var host = new TestRuntime();
        var script = new ProbeScript();
        script.On(ProbeCallback.ForeignFunction)
            .Call(Hostcall.GetBufferBytes, Immediate(8), Immediate(0), Immediate(uint.MaxValue), Out(0), Out(1)).Dump(0, 1)
            .Call(Hostcall.GetBufferStatus, Immediate(8), Out(2), Out(3));
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.GetBufferBytes, Immediate(8), Immediate(0), Immediate(uint.MaxValue), Out(0), Out(1));
        await using var plugin = host.CreateProbe(version, script);

        await plugin.NotifyForeignFunctionAsync(7, Encoding.UTF8.GetBytes("payload"));
        await new Exchange().RunAsync(plugin);

        var log = host.ProbeLog();
        log.Entered.Should().Contain("foreign_function 1 7 7");
        log.DumpText(ProbeCallback.ForeignFunction, 1).Should().Be("payload");
        log.Call(ProbeCallback.ForeignFunction, 2).Slot(2).Should().Be(7);
        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.NotFound, "the arguments exist only during that callback");
    }

    [Fact]
    public async Task NotifyForeignFunction_Abi010_IsNotDelivered()
    {
        var host = new TestRuntime();
        await using var plugin = host.CreateProbe(ProxyAbiVersion.V0_1_0, new ProbeScript());

        await plugin.NotifyForeignFunctionAsync(7, Encoding.UTF8.GetBytes("payload"));

        host.ProbeLog().EnteredNames.Should().NotContain("foreign_function");
    }
}
