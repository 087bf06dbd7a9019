using Weir.ProxyWasm.Tests.Probe;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Hostcalls;

/// <summary>proxy_define_metric, proxy_increment_metric, proxy_record_metric, proxy_get_metric.</summary>
public sealed class MetricHostcallTests
{
    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task Metrics_FollowEnvoysSemantics(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (counter, counterSize) = script.Text("requests");
        var (gauge, gaugeSize) = script.Text("in_flight");
        var (histogram, histogramSize) = script.Text("latency");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.DefineMetric, Immediate(0), counter, counterSize, Out(0))
            .Call(Hostcall.DefineMetric, Immediate(1), gauge, gaugeSize, Out(1))
            .Call(Hostcall.DefineMetric, Immediate(2), histogram, histogramSize, Out(2))
            .Call(Hostcall.IncrementMetric, SlotValue(0), Immediate(5))
            .Call(Hostcall.RecordMetric, SlotValue(0), Immediate(10))
            .Call(Hostcall.GetMetric, SlotValue(0), Out(3))
            .Call(Hostcall.IncrementMetric, SlotValue(1), Immediate(-3))
            .Call(Hostcall.GetMetric, SlotValue(1), Out(4))
            .Call(Hostcall.RecordMetric, SlotValue(1), Immediate(42))
            .Call(Hostcall.GetMetric, SlotValue(1), Out(5))
            .Call(Hostcall.RecordMetric, SlotValue(2), Immediate(7))
            .Call(Hostcall.RecordMetric, SlotValue(2), Immediate(9))
            .Call(Hostcall.DefineMetric, Immediate(0), counter, counterSize, Out(6));

        var (host, log, _) = await ProbeRun.ExchangeAsync(version, script);

        log.Calls.Should().OnlyContain(call => call.Status == ProxyStatus.Ok);
        log.Call(ProbeCallback.RequestHeaders, 5).Slot(3).Should().Be(15, "record adds to a counter");
        ((long)log.Call(ProbeCallback.RequestHeaders, 7).Slot(4)).Should().Be(-3);
        log.Call(ProbeCallback.RequestHeaders, 9).Slot(5).Should().Be(42, "record sets a gauge");
        log.Call(ProbeCallback.RequestHeaders, 12).Slot(6).Should().Be(log.Call(ProbeCallback.RequestHeaders, 0).Slot(0), "the same name gives the same metric");
        var latency = host.Runtime.Metrics.Find("latency")!;
        (latency.SampleCount, latency.SampleSum, latency.SampleMinimum, latency.SampleMaximum).Should().Be((2L, 16d, 7UL, 9UL));
        host.Runtime.Metrics.Find("requests", ProxyMetricType.Counter)!.Value.Should().Be(15);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task Metrics_InvalidUses_ReturnTheStatusesSdksExpect(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (counter, counterSize) = script.Text("c");
        var (histogram, histogramSize) = script.Text("h");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.DefineMetric, Immediate(0), counter, counterSize, Out(0))
            .Call(Hostcall.DefineMetric, Immediate(2), histogram, histogramSize, Out(1))
            .Call(Hostcall.DefineMetric, Immediate(3), counter, counterSize, Out(2))
            .Call(Hostcall.IncrementMetric, SlotValue(0), Immediate(-1))
            .Call(Hostcall.IncrementMetric, SlotValue(0), Immediate(0))
            .Call(Hostcall.IncrementMetric, SlotValue(1), Immediate(1))
            .Call(Hostcall.GetMetric, SlotValue(1), Out(3))
            .Call(Hostcall.IncrementMetric, Immediate(999), Immediate(1))
            .Call(Hostcall.RecordMetric, Immediate(999), Immediate(1))
            .Call(Hostcall.GetMetric, Immediate(999), Out(3))
            .Call(Hostcall.DefineMetric, Immediate(0), BadPointer, Immediate(3), Out(2))
            .Call(Hostcall.DefineMetric, Immediate(0), counter, counterSize, BadPointer)
            .Call(Hostcall.GetMetric, SlotValue(0), BadPointer);

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        Enumerable.Range(2, 11).Select(index => log.Status(ProbeCallback.RequestHeaders, index)).Should().Equal(
            ProxyStatus.BadArgument,
            ProxyStatus.BadArgument,
            ProxyStatus.BadArgument,
            ProxyStatus.BadArgument,
            ProxyStatus.BadArgument,
            ProxyStatus.NotFound,
            ProxyStatus.NotFound,
            ProxyStatus.NotFound,
            ProxyStatus.InvalidMemoryAccess,
            ProxyStatus.InvalidMemoryAccess,
            ProxyStatus.InvalidMemoryAccess);
    }
}
