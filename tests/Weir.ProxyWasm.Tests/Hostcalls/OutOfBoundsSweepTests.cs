using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Hostcalls;

/// <summary>Every host function that takes a pointer, with each pointer out of bounds in turn: INVALID_MEMORY_ACCESS, never a trap.</summary>
public sealed class OutOfBoundsSweepTests
{
    /// <summary>Each host function with valid arguments; "P" marks the pointer positions to break one at a time.</summary>
    private static IEnumerable<(Hostcall Function, ProbeArgument[] Arguments, int[] Pointers)> Calls(ProbeScript script, ProxyAbiVersion version)
    {
        var (text, size) = script.Text("x-key");
        var (pairs, pairsSize) = script.Pairs((":method", "GET"), (":path", "/"), (":authority", "a"));
        var (upstream, upstreamSize) = script.Text("backend");
        var (compress, compressSize) = script.Text("compress");
        yield return (Hostcall.Log, [Immediate(2), text, size], [1]);
        yield return (Hostcall.GetCurrentTimeNanoseconds, [Out(0)], [0]);
        yield return (Hostcall.GetBufferBytes, [Immediate(0), Immediate(0), Immediate(10), Out(0), Out(1)], [3, 4]);
        yield return (Hostcall.SetBufferBytes, [Immediate(0), Immediate(0), Immediate(0), text, size], [3]);
        yield return (Hostcall.GetBufferStatus, [Immediate(0), Out(0), Out(1)], [1, 2]);
        yield return (Hostcall.GetHeaderMapSize, [Immediate(0), Out(0)], [1]);
        yield return (Hostcall.GetHeaderMapPairs, [Immediate(0), Out(0), Out(1)], [1, 2]);
        yield return (Hostcall.SetHeaderMapPairs, [Immediate(1), pairs, pairsSize], [1]);
        yield return (Hostcall.GetHeaderMapValue, [Immediate(0), text, size, Out(0), Out(1)], [1]);
        yield return (Hostcall.AddHeaderMapValue, [Immediate(0), text, size, text, size], [1, 3]);
        yield return (Hostcall.ReplaceHeaderMapValue, [Immediate(0), text, size, text, size], [1, 3]);
        yield return (Hostcall.RemoveHeaderMapValue, [Immediate(0), text, size], [1]);
        yield return (Hostcall.SendLocalResponse, [Immediate(500), text, size, text, size, pairs, pairsSize, Immediate(-1)], [1, 3, 5]);
        yield return (Hostcall.HttpCall, [upstream, upstreamSize, pairs, pairsSize, text, size, pairs, pairsSize, Immediate(100), Out(0)], [0, 2, 4, 6, 9]);
        yield return (Hostcall.GrpcCall, [text, size, text, size, text, size, pairs, pairsSize, text, size, Immediate(100), Out(0)], [0, 2, 4, 6, 8, 11]);
        yield return (Hostcall.GrpcStream, [text, size, text, size, text, size, pairs, pairsSize, Out(0)], [0, 2, 4, 6, 8]);
        yield return (Hostcall.GrpcSend, [Immediate(1), text, size, Immediate(0)], [1]);
        yield return (Hostcall.SetSharedData, [text, size, text, size, Immediate(0)], [0, 2]);
        yield return (Hostcall.GetSharedData, [text, size, Out(0), Out(1), Out(2)], [0, 4]);
        yield return (Hostcall.RegisterSharedQueue, [text, size, Out(0)], [0, 2]);
        yield return (Hostcall.ResolveSharedQueue, [text, size, text, size, Out(0)], [0, 2, 4]);
        yield return (Hostcall.EnqueueSharedQueue, [Immediate(1), text, size], [1]);
        yield return (Hostcall.DequeueSharedQueue, [Immediate(1), Out(0), Out(1)], [1, 2]);
        yield return (Hostcall.DefineMetric, [Immediate(0), text, size, Out(0)], [1, 3]);
        yield return (Hostcall.GetMetric, [Immediate(5), Out(0)], [1]);
        yield return (Hostcall.GetProperty, [text, size, Out(0), Out(1)], [0]);
        yield return (Hostcall.SetProperty, [text, size, text, size], [0, 2]);
        yield return (Hostcall.CallForeignFunction, [compress, compressSize, text, size, Out(0), Out(1)], [0, 2, 4, 5]);
        if (version == ProxyAbiVersion.V0_2_1)
        {
            yield return (Hostcall.GetLogLevel, [Out(0)], [0]);
        }
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task EveryHostcall_WithAnOutOfBoundsPointer_ReturnsInvalidMemoryAccess(ProxyAbiVersion version)
    {
        var host = new TestRuntime(new FakeUpstreams().Add("backend", _ => FakeUpstreams.Text(200, "x")));
        var script = new ProbeScript();
        var program = script.On(ProbeCallback.RequestBody);
        var expected = new List<(Hostcall Function, int Pointer)>();
        foreach (var (function, arguments, pointers) in Calls(script, version).ToList())
        {
            foreach (var pointer in pointers)
            {
                var broken = (ProbeArgument[])arguments.Clone();
                broken[pointer] = BadPointer;
                program.Call(function, broken);
                expected.Add((function, pointer));
            }
        }

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, new Exchange { Method = "POST", RequestBody = ["body"] }, host: host);

        var statuses = expected.Select((call, index) => (call.Function, call.Pointer, Status: log.Status(ProbeCallback.RequestBody, index)));
        statuses.Should().OnlyContain(call => call.Status == ProxyStatus.InvalidMemoryAccess);
        result.Failed.Should().BeFalse("a bad pointer is the guest's error to handle, not a trap");
        result.ClientStatus.Should().Be(200);
    }
}
