using Weir.Wasm.Model;
using Weir.Wasm.Tests.Decoding;
using static Weir.Wasm.Tests.Decoding.WasmBinaryBuilder;

namespace Weir.Wasm.Tests.Sandbox.Hostile;

/// <summary>Guests with enormous tables.</summary>
[Collection(HostileGuestCollection.Name)]
public sealed class HostileTableTests : IDisposable
{
    private const uint Million = 1_000_000;
    private static readonly TimeSpan HardLimit = TimeSpan.FromSeconds(60);

    public HostileTableTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        GuestRun.Output = output;
    }

    [Fact]
    public void TableOfAMillionElements_CallThroughTheLastEntry_ReturnsWithinTheTableBudget()
    {
        var binary = MillionTableModule(Million);

        var outcome = GuestRun.Run(
            () =>
            {
                var (instance, _) = HostileModules.Instantiate(binary, new StoreLimits { MaxTableElements = Million });
                var call = instance.GetFunction<int, int>("call")!;
                return (
                    Last: call((int)Million - 1),
                    Empty: Assert.Throws<WasmTrapException>(() => call(0)).Code,
                    Past: Assert.Throws<WasmTrapException>(() => call((int)Million)).Code,
                    Grown: instance.GetFunction<int, int>("grow")!(1));
            },
            HardLimit);

        outcome.Value.Should().Be((42, TrapCode.IndirectCallToNull, TrapCode.TableOutOfBounds, -1));
        outcome.PeakGrowthBytes.Should().BeLessThan((Million * 8L) + GuestRun.FixedOverheadBytes, "a million references take 8 MB");
    }

    [Fact]
    public void TableOfAMillionElements_AboveTheStoreLimit_IsRefusedAtInstantiation()
    {
        var binary = MillionTableModule(Million);

        var outcome = GuestRun.Run(() => HostileModules.Instantiate(binary, new StoreLimits { MaxTableElements = Million - 1 }), HardLimit);

        outcome.Trap.Code.Should().Be(TrapCode.ResourceLimitExceeded);
    }

    [Fact]
    public void TableOfFourBillionElements_UnderDefaultLimits_IsRefusedWithoutAllocating()
    {
        var binary = MillionTableModule(uint.MaxValue, elementAt: 0);

        var outcome = GuestRun.Run(() => HostileModules.Instantiate(binary), HardLimit);

        outcome.Trap.Code.Should().Be(TrapCode.ResourceLimitExceeded);
        outcome.PeakGrowthBytes.Should().BeLessThan(GuestRun.FixedOverheadBytes);
    }

    [Fact]
    public void TableGrow_ByAMillionAtATime_StopsAtTheStoreLimit()
    {
        var binary = MillionTableModule(1, elementAt: 0);

        var outcome = GuestRun.Run(
            () =>
            {
                var (instance, _) = HostileModules.Instantiate(binary, new StoreLimits { MaxTableElements = 3 * Million });
                var grow = instance.GetFunction<int, int>("grow")!;
                return new[] { grow((int)Million), grow((int)Million), grow((int)Million), grow(-1), instance.GetFunction<int, int>("call")!(0) };
            },
            HardLimit);

        outcome.Value.Should().Equal(1, (int)Million + 1, -1, -1, 42);
        outcome.PeakGrowthBytes.Should().BeLessThan((3 * Million * 8L * 2) + GuestRun.FixedOverheadBytes, "growing copies the table once");
    }

    public void Dispose()
    {
        GuestRun.Output = null;
        HostileModules.AssertProcessHealthy();
    }

    /// <summary>(table N funcref) holding a function returning 42 at <paramref name="elementAt"/>, with call (call_indirect) and grow (table.grow with null).</summary>
    private static byte[] MillionTableModule(uint size, uint elementAt = Million - 1)
    {
        var builder = new WasmBinaryBuilder();
        var answer = builder.AddType([], [ValueKind.I32]);
        var unary = builder.AddType([ValueKind.I32], [ValueKind.I32]);
        builder.AddTable(ValueKind.FuncRef, size);
        builder.AddFunction(answer, Concat(I32Const(42), [0x0B]));
        builder.AddFunction(unary, Concat([0x20, 0x00, 0x11], Leb((uint)answer), [0x00, 0x0B]));
        builder.AddFunction(unary, [0xD0, 0x70, 0x20, 0x00, 0xFC, 0x0F, 0x00, 0x0B]);
        builder.AddElement(Concat([0x00], I32Const(unchecked((int)elementAt)), [0x0B, 0x01, 0x00]));
        builder.AddExport("call", ExternalKind.Function, 1).AddExport("grow", ExternalKind.Function, 2);
        return builder.Build();
    }
}
