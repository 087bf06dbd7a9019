using Weir.Wasm.Model;
using Weir.Wasm.Tests.Decoding;
using static Weir.Wasm.Tests.Decoding.WasmBinaryBuilder;

namespace Weir.Wasm.Tests.Sandbox.Hostile;

/// <summary>
/// Guests that recurse without end, directly, through tables and through the host, and guests that
/// bring huge frames to the edge of the stack. A stack overflow cannot be caught in .NET: any of these
/// getting past Weir's stack limit would kill the test run.
/// </summary>
[Collection(HostileGuestCollection.Name)]
public sealed class HostileRecursionTests : IDisposable
{
    private static readonly TimeSpan HardLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The depth sweep unwinds 601 deep stacks: 5 s on an idle machine, 30 s while campaigns or
    /// other test projects share the two cores. Its limit only tells a hang from slowness.
    /// </summary>
    private static readonly TimeSpan SweepHardLimit = TimeSpan.FromSeconds(180);

    public HostileRecursionTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        GuestRun.Output = output;
    }

    [Fact]
    public void MutualRecursion_WithoutEnd_TrapsWithStackExhaustedEveryTimeAndTheStoreStaysUsable()
    {
        // f calls g, g calls f; ok returns 1.
        var builder = new WasmBinaryBuilder();
        var action = builder.AddType([], []);
        var answer = builder.AddType([], [ValueKind.I32]);
        builder.AddFunction(action, [0x10, 0x01, 0x0B]);
        builder.AddFunction(action, [0x10, 0x00, 0x0B]);
        builder.AddFunction(answer, Concat(I32Const(1), [0x0B]));
        builder.AddExport("f", ExternalKind.Function, 0).AddExport("ok", ExternalKind.Function, 2);
        var binary = builder.Build();

        var outcome = GuestRun.Run(
            () =>
            {
                var (instance, _) = HostileModules.Instantiate(binary);
                var codes = Enumerable.Range(0, 3).Select(_ => Assert.Throws<WasmTrapException>(() => instance.GetAction("f")!()).Code).ToList();
                return (codes, instance.GetFunction<int>("ok")!());
            },
            HardLimit);

        outcome.Value.codes.Should().Equal(TrapCode.StackExhausted, TrapCode.StackExhausted, TrapCode.StackExhausted);
        outcome.Value.Item2.Should().Be(1);
    }

    [Fact]
    public void RecursionThroughTheTable_WithoutEnd_TrapsWithStackExhausted()
    {
        // f(x) = call_indirect (table[0] = f) with x + 1.
        var builder = new WasmBinaryBuilder();
        var unary = builder.AddType([ValueKind.I32], [ValueKind.I32]);
        builder.AddTable(ValueKind.FuncRef, 1);
        builder.AddFunction(unary, Concat([0x20, 0x00], I32Const(1), [0x6A], I32Const(0), [0x11, (byte)unary, 0x00, 0x0B]));
        builder.AddElement(Concat([0x00], I32Const(0), [0x0B, 0x01, 0x00]));
        builder.AddExport("f", ExternalKind.Function, 0);
        var binary = builder.Build();

        var outcome = GuestRun.Run(() => HostileModules.Instantiate(binary).Instance.GetFunction<int, int>("f")!(0), HardLimit);

        outcome.Trap.Code.Should().Be(TrapCode.StackExhausted);
    }

    [Fact]
    public void RecursionThroughTheHost_GuestCallsHostCallsGuest_TrapsWithStackExhausted()
    {
        // down(n) calls host.reenter(n + 1), which calls down again through the caller's exports.
        var builder = new WasmBinaryBuilder();
        var unary = builder.AddType([ValueKind.I32], [ValueKind.I32]);
        builder.ImportFunction("host", "reenter", unary);
        builder.AddFunction(unary, Concat([0x20, 0x00], I32Const(1), [0x6A, 0x10, 0x00, 0x0B]));
        builder.AddExport("down", ExternalKind.Function, 1);
        var binary = builder.Build();
        var deepest = 0;

        var outcome = GuestRun.Run(
            () => HostileModules.Instantiate(binary, define: linker => linker.DefineFunction("host", "reenter", (Caller caller, int depth) =>
            {
                deepest = depth;
                return ((Function)caller.GetExport("down")!).Invoke(Value.FromInt32(depth))[0].AsInt32();
            })).Instance.GetFunction<int, int>("down")!(0),
            HardLimit);

        outcome.Trap.Code.Should().Be(TrapCode.StackExhausted);
        deepest.Should().BeGreaterThan(100, "the guest gets real depth before the limit");
    }

    [Fact]
    public void RecursionToEveryDepth_ThenAFunctionWith800KBFrame_EndsCleanlyOnAThreadPoolSizedStack()
    {
        // down(n) = n == 0 ? big() : down(n - 1); big has 49,999 v128 locals. Its prologue allocates
        // the frame before any check runs, so Weir keeps the largest frame free below the stack limit;
        // before that, the depths that left the stack pointer just above the limit ran off the 1.5 MiB
        // stack and killed the process. The sweep covers every depth up to the limit in steps of 100.
        var builder = new WasmBinaryBuilder();
        var unary = builder.AddType([ValueKind.I32], [ValueKind.I32]);
        var answer = builder.AddType([], [ValueKind.I32]);
        builder.AddFunction(unary, Concat([0x20, 0x00, 0x45, 0x04, 0x7F, 0x10, 0x01, 0x05, 0x20, 0x00], I32Const(1), [0x6B, 0x10, 0x00, 0x0B, 0x0B]));
        builder.AddFunction(answer, Concat(I32Const(7), [0x0B]), Enumerable.Repeat(ValueKind.V128, 49_999).ToArray());
        builder.AddExport("down", ExternalKind.Function, 0);
        var binary = builder.Build();

        var outcome = GuestRun.Run(
            () =>
            {
                var down = HostileModules.Instantiate(binary).Instance.GetFunction<int, int>("down")!;
                var endings = new HashSet<string>();
                for (var depth = 0; depth <= 60_000; depth += 100)
                {
                    try
                    {
                        endings.Add(down(depth).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    catch (WasmTrapException trap)
                    {
                        endings.Add(trap.Code.ToString());
                    }
                }

                return endings;
            },
            SweepHardLimit);

        outcome.Value.Should().BeSubsetOf(["7", nameof(TrapCode.StackExhausted)]);
    }

    [Fact]
    public void RecursionWithLargeFrames_WithoutEnd_TrapsWithStackExhausted()
    {
        // f has 5,000 v128 locals (an 80 KB frame) and calls itself.
        var builder = new WasmBinaryBuilder();
        var action = builder.AddType([], []);
        builder.AddFunction(action, [0x10, 0x00, 0x0B], Enumerable.Repeat(ValueKind.V128, 5_000).ToArray());
        builder.AddExport("f", ExternalKind.Function, 0);
        var binary = builder.Build();

        var outcome = GuestRun.Run(() => HostileModules.Instantiate(binary).Instance.GetAction("f")!(), HardLimit);

        outcome.Failure.Should().BeOfType<WasmTrapException>().Which.Code.Should().Be(TrapCode.StackExhausted);
    }

    [Fact]
    public void AnyCall_OnAThreadWithATinyStack_TrapsWithStackExhaustedInsteadOfOverflowing()
    {
        var builder = new WasmBinaryBuilder();
        var action = builder.AddType([], []);
        builder.AddFunction(action, [0x10, 0x00, 0x0B]);
        builder.AddExport("f", ExternalKind.Function, 0);
        var binary = builder.Build();
        var (instance, _) = HostileModules.Instantiate(binary);

        var outcome = GuestRun.Run(() => instance.GetAction("f")!(), HardLimit, stackBytes: 256 * 1024);

        outcome.Failure.Should().BeOfType<WasmTrapException>().Which.Code.Should().Be(TrapCode.StackExhausted);
    }

    public void Dispose()
    {
        GuestRun.Output = null;
        HostileModules.AssertProcessHealthy();
    }
}
