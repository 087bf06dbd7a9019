using System.Text;
using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Hostcalls;

/// <summary>Shared data with CAS, and shared queues.</summary>
public sealed class SharedStateHostcallTests
{
    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SharedData_SetGetAndCompareAndSwap(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (key, keySize) = script.Text("answer");
        var (missing, missingSize) = script.Text("missing");
        var (first, firstSize) = script.Text("41");
        var (second, secondSize) = script.Text("42");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.SetSharedData, key, keySize, first, firstSize, Immediate(0))
            .Call(Hostcall.GetSharedData, key, keySize, Out(0), Out(1), Out(2)).Dump(0, 1)
            .Call(Hostcall.SetSharedData, key, keySize, second, secondSize, SlotValue(2))
            .Call(Hostcall.SetSharedData, key, keySize, first, firstSize, SlotValue(2))
            .Call(Hostcall.GetSharedData, key, keySize, Out(3), Out(4), Out(5)).Dump(3, 4)
            .Call(Hostcall.SetSharedData, key, keySize, first, firstSize, Immediate(0))
            .Call(Hostcall.GetSharedData, missing, missingSize, Out(6), Out(7), Out(8));

        var (host, log, _) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.Ok);
        log.DumpText(ProbeCallback.RequestHeaders, 2).Should().Be("41");
        var firstCas = log.Call(ProbeCallback.RequestHeaders, 1).SlotUInt32(2);
        firstCas.Should().NotBe(0);
        log.Status(ProbeCallback.RequestHeaders, 3).Should().Be(ProxyStatus.Ok, "the CAS matched");
        log.Status(ProbeCallback.RequestHeaders, 4).Should().Be(ProxyStatus.CasMismatch, "the value changed since that CAS was read");
        log.DumpText(ProbeCallback.RequestHeaders, 6).Should().Be("42");
        log.Call(ProbeCallback.RequestHeaders, 5).SlotUInt32(5).Should().BeGreaterThan(firstCas);
        log.Status(ProbeCallback.RequestHeaders, 7).Should().Be(ProxyStatus.Ok, "CAS 0 stores unconditionally");
        log.Status(ProbeCallback.RequestHeaders, 8).Should().Be(ProxyStatus.NotFound);
        host.Runtime.TryGetSharedData("probe-vm", "answer", out var stored, out _).Should().BeTrue();
        Encoding.UTF8.GetString(stored).Should().Be("41");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SharedData_IsScopedByVmId(ProxyAbiVersion version)
    {
        var host = new TestRuntime();
        host.Runtime.SetSharedData("probe-vm", "seeded", "from the host"u8);
        host.Runtime.SetSharedData("other-vm", "elsewhere", "hidden"u8);
        var script = new ProbeScript();
        var (seeded, seededSize) = script.Text("seeded");
        var (elsewhere, elsewhereSize) = script.Text("elsewhere");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.GetSharedData, seeded, seededSize, Out(0), Out(1), Out(2)).Dump(0, 1)
            .Call(Hostcall.GetSharedData, elsewhere, elsewhereSize, Out(0), Out(1), Out(2));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, host: host);

        log.DumpText(ProbeCallback.RequestHeaders, 1).Should().Be("from the host");
        log.Status(ProbeCallback.RequestHeaders, 2).Should().Be(ProxyStatus.NotFound);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SharedData_OutOfBoundsPointers_AreInvalidMemoryAccess(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (key, keySize) = script.Text("k");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.SetSharedData, key, keySize, key, keySize, Immediate(0))
            .Call(Hostcall.SetSharedData, BadPointer, keySize, key, keySize, Immediate(0))
            .Call(Hostcall.SetSharedData, key, keySize, BadPointer, keySize, Immediate(0))
            .Call(Hostcall.GetSharedData, key, keySize, Out(0), Out(1), BadPointer)
            .Call(Hostcall.GetSharedData, key, keySize, BadPointer, Out(1), Out(2));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        Enumerable.Range(1, 4).Select(index => log.Status(ProbeCallback.RequestHeaders, index)).Should().AllBeEquivalentTo(ProxyStatus.InvalidMemoryAccess);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SharedQueue_RegisterResolveEnqueue_ThenQueueReadyDequeues(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (queue, queueSize) = script.Text("jobs");
        var (unknown, unknownSize) = script.Text("no-such-queue");
        var (otherVm, otherVmSize) = script.Text("other-vm");
        var (item, itemSize) = script.Text("job-1");
        script.On(ProbeCallback.Configure)
            .Call(Hostcall.RegisterSharedQueue, queue, queueSize, Out(10))
            .Call(Hostcall.RegisterSharedQueue, queue, queueSize, Out(11));
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.ResolveSharedQueue, Immediate(0), Immediate(0), queue, queueSize, Out(12))
            .Call(Hostcall.ResolveSharedQueue, Immediate(0), Immediate(0), unknown, unknownSize, Out(13))
            .Call(Hostcall.ResolveSharedQueue, otherVm, otherVmSize, queue, queueSize, Out(13))
            .Call(Hostcall.EnqueueSharedQueue, SlotValue(10), item, itemSize)
            .Call(Hostcall.EnqueueSharedQueue, Immediate(9999), item, itemSize)
            .Call(Hostcall.DequeueSharedQueue, Immediate(9999), Out(0), Out(1));
        script.On(ProbeCallback.QueueReady)
            .Call(Hostcall.DequeueSharedQueue, SlotValue(10), Out(0), Out(1)).Dump(0, 1)
            .Call(Hostcall.DequeueSharedQueue, SlotValue(10), Out(0), Out(1));
        var host = new TestRuntime();
        await using var plugin = host.CreateProbe(version, script);

        await new Exchange().RunAsync(plugin);
        await ContextHostcallTests.WaitForAsync(() => host.ProbeLog().EnteredNames.Contains("queue_ready"));

        var log = host.ProbeLog();
        var token = log.Call(ProbeCallback.Configure, 0).Slot(10);
        token.Should().NotBe(0);
        log.Call(ProbeCallback.Configure, 1).Slot(11).Should().Be(token, "registering again opens the same queue");
        log.Call(ProbeCallback.RequestHeaders, 0).Slot(12).Should().Be(token);
        log.Status(ProbeCallback.RequestHeaders, 1).Should().Be(ProxyStatus.NotFound);
        log.Status(ProbeCallback.RequestHeaders, 2).Should().Be(ProxyStatus.NotFound, "no queue of that name exists under the other vm id");
        log.Status(ProbeCallback.RequestHeaders, 3).Should().Be(ProxyStatus.Ok);
        log.Status(ProbeCallback.RequestHeaders, 4).Should().Be(ProxyStatus.NotFound);
        log.Status(ProbeCallback.RequestHeaders, 5).Should().Be(ProxyStatus.NotFound);
        log.Entered.Should().Contain($"queue_ready 1 {token}");
        log.DumpText(ProbeCallback.QueueReady, 1).Should().Be("job-1");
        log.Status(ProbeCallback.QueueReady, 2).Should().Be(ProxyStatus.Empty);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SharedQueue_AnotherVmIdEnqueues_TheRegistrantIsNotified(ProxyAbiVersion version)
    {
        var host = new TestRuntime();
        var consumer = new ProbeScript();
        var (queue, queueSize) = consumer.Text("events");
        consumer.On(ProbeCallback.Configure).Call(Hostcall.RegisterSharedQueue, queue, queueSize, Out(10));
        consumer.On(ProbeCallback.QueueReady).Call(Hostcall.DequeueSharedQueue, SlotValue(10), Out(0), Out(1)).Dump(0, 1);
        var producer = new ProbeScript();
        var (vmId, vmIdSize) = producer.Text("consumer-vm");
        var (name, nameSize) = producer.Text("events");
        var (item, itemSize) = producer.Text("hello across vms");
        producer.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.ResolveSharedQueue, vmId, vmIdSize, name, nameSize, Out(0))
            .Call(Hostcall.EnqueueSharedQueue, SlotValue(0), item, itemSize);
        await using var consumerPlugin = host.CreateProbe(version, consumer, c => c with { Name = "consumer", VmId = "consumer-vm" });
        await using var producerPlugin = host.CreateProbe(version, producer, c => c with { Name = "producer", VmId = "producer-vm" });

        await new Exchange().RunAsync(producerPlugin);
        await ContextHostcallTests.WaitForAsync(() => host.ProbeLog().Dumps.Count > 0);

        host.ProbeLog().DumpText(ProbeCallback.QueueReady, 1).Should().Be("hello across vms");
        host.Logger.Entries.Where(entry => entry.Message.StartsWith("probe enter queue_ready", StringComparison.Ordinal)).Should().OnlyContain(entry => entry.PluginName == "consumer");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SharedQueue_OutOfBoundsPointers_AreInvalidMemoryAccess(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (queue, queueSize) = script.Text("q");
        script.On(ProbeCallback.Configure)
            .Call(Hostcall.RegisterSharedQueue, queue, queueSize, Out(10))
            .Call(Hostcall.RegisterSharedQueue, BadPointer, queueSize, Out(11))
            .Call(Hostcall.RegisterSharedQueue, queue, queueSize, BadPointer)
            .Call(Hostcall.ResolveSharedQueue, Immediate(0), Immediate(0), queue, queueSize, BadPointer)
            .Call(Hostcall.EnqueueSharedQueue, SlotValue(10), BadPointer, Immediate(2))
            .Call(Hostcall.DequeueSharedQueue, SlotValue(10), BadPointer, Out(0));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        Enumerable.Range(1, 5).Select(index => log.Status(ProbeCallback.Configure, index)).Should().AllBeEquivalentTo(ProxyStatus.InvalidMemoryAccess);
    }
}
