using Weir.Wasm.Model;
using Weir.Wasm.Tests.Decoding;
using static Weir.Wasm.Tests.Decoding.WasmBinaryBuilder;

namespace Weir.Wasm.Tests.Sandbox.Hostile;

/// <summary>Guests that go for the memory: the largest memory there is, and growing without end.</summary>
[Collection(HostileGuestCollection.Name)]
public sealed class HostileMemoryTests : IDisposable
{
    private static readonly TimeSpan HardLimit = TimeSpan.FromSeconds(60);

    public HostileMemoryTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        GuestRun.Output = output;
    }

    [Fact]
    public void MemoryOf65536Pages_TouchingTheLastByte_ReturnsItWithoutCommittingTheRest()
    {
        var binary = FullMemoryModule();

        var outcome = GuestRun.Run(
            () =>
            {
                var (instance, _) = HostileModules.Instantiate(binary, new StoreLimits { MaxMemoryBytes = 4UL << 30 });
                var touched = instance.GetFunction<int>("touch")!();
                var lastWord = instance.GetFunction<int, int>("load")!(-4);
                var across = Assert.Throws<WasmTrapException>(() => instance.GetFunction<int, int>("load")!(-1));
                var beyond = Assert.Throws<WasmTrapException>(() => instance.GetFunction<int, int>("load8_after")!(-1));
                return (touched, lastWord, across.Code, beyond.Code, instance.GetMemory("memory")!.Length);
            },
            HardLimit);

        outcome.Value.Should().Be((0x5A, 0x5A << 24, TrapCode.MemoryOutOfBounds, TrapCode.MemoryOutOfBounds, 4UL << 30));
        outcome.PeakGrowthBytes.Should().BeLessThan(GuestRun.FixedOverheadBytes, "only the touched pages may become resident, not 4 GiB");
    }

    [Fact]
    public void MemoryOf65536Pages_AboveTheStoreLimit_IsRefusedAtInstantiation()
    {
        var binary = FullMemoryModule();

        var outcome = GuestRun.Run(() => HostileModules.Instantiate(binary, new StoreLimits { MaxMemoryBytes = 64UL << 20 }), HardLimit);

        outcome.Trap.Code.Should().Be(TrapCode.ResourceLimitExceeded);
        outcome.PeakGrowthBytes.Should().BeLessThan(GuestRun.FixedOverheadBytes);
    }

    [Fact]
    public void MemoryGrowInALoop_UntilRefused_StopsAtTheStoreLimitWithEveryPageTouched()
    {
        // (loop: grow by one page, write the new page's last byte, repeat until memory.grow says -1)
        const ulong limit = 32UL << 20;
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], [ValueKind.I32]);
        builder.AddMemory(1);
        builder.AddFunction(
            type,
            Concat(
                [0x03, 0x40], // loop
                I32Const(1), [0x40, 0x00], // memory.grow 1
                I32Const(-1), [0x47], // ne -1
                [0x04, 0x40], // if
                [0x3F, 0x00], I32Const(16), [0x74], I32Const(1), [0x6B], // (memory.size << 16) - 1
                I32Const(0x77), [0x3A, 0x00, 0x00], // i32.store8
                [0x0C, 0x01], // br to the loop
                [0x0B, 0x0B], // end if, end loop
                [0x3F, 0x00, 0x0B])); // memory.size
        builder.AddExport("grow", ExternalKind.Function, 0).AddExport("memory", ExternalKind.Memory, 0);
        var binary = builder.Build();

        var outcome = GuestRun.Run(
            () =>
            {
                var (instance, store) = HostileModules.Instantiate(binary, new StoreLimits { MaxMemoryBytes = limit });
                store.SetDeadline(TimeSpan.FromSeconds(30));
                var pages = instance.GetFunction<int>("grow")!();
                var memory = instance.GetMemory("memory")!;
                return (pages, memory.Grow(0xFFFF), memory.Grow(uint.MaxValue), memory.Span[^1]);
            },
            HardLimit);

        outcome.Value.Should().Be(((int)(limit / 65536), -1, -1, (byte)0x77));
        outcome.PeakGrowthBytes.Should().BeLessThan((long)limit + GuestRun.FixedOverheadBytes);
    }

    [Fact]
    public void MemoryGrow_ByHugeDeltas_RefusesWhatExceeds4GiBAndStaysCheapForWhatFits()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([ValueKind.I32], [ValueKind.I32]);
        builder.AddMemory(1);
        builder.AddFunction(type, [0x20, 0x00, 0x40, 0x00, 0x0B]);
        builder.AddExport("grow", ExternalKind.Function, 0);
        var binary = builder.Build();

        var outcome = GuestRun.Run(
            () =>
            {
                var (instance, _) = HostileModules.Instantiate(binary);
                var grow = instance.GetFunction<int, int>("grow")!;
                return new[] { grow(-1), grow(65536), grow(65535), grow(int.MinValue), grow(0) };
            },
            HardLimit);

        // 1 + 65535 pages is exactly 4 GiB, which the default limits allow; nothing more fits.
        outcome.Value.Should().Equal(-1, -1, 1, -1, 65536);
        outcome.PeakGrowthBytes.Should().BeLessThan(GuestRun.FixedOverheadBytes, "growing commits address space, not resident memory");
    }

    public void Dispose()
    {
        GuestRun.Output = null;
        HostileModules.AssertProcessHealthy();
    }

    /// <summary>(memory 65536) with touch (store then load the last byte), load (i32 at an address) and load8_after (i32.load8_u offset=1).</summary>
    private static byte[] FullMemoryModule()
    {
        var builder = new WasmBinaryBuilder();
        var touch = builder.AddType([], [ValueKind.I32]);
        var load = builder.AddType([ValueKind.I32], [ValueKind.I32]);
        builder.AddMemory(65536);
        builder.AddFunction(touch, Concat(I32Const(-1), I32Const(0x5A), [0x3A, 0x00, 0x00], I32Const(-1), [0x2D, 0x00, 0x00, 0x0B]));
        builder.AddFunction(load, [0x20, 0x00, 0x28, 0x00, 0x00, 0x0B]);
        builder.AddFunction(load, [0x20, 0x00, 0x2D, 0x00, 0x01, 0x0B]);
        builder.AddExport("touch", ExternalKind.Function, 0)
            .AddExport("load", ExternalKind.Function, 1)
            .AddExport("load8_after", ExternalKind.Function, 2)
            .AddExport("memory", ExternalKind.Memory, 0);
        return builder.Build();
    }
}
