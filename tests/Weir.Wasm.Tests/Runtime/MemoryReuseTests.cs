using System.Globalization;
using Weir.Wasm.Model;

namespace Weir.Wasm.Tests.Runtime;

/// <summary>
/// Disposed memories give their address-space reservation back to a pool for the next memory:
/// no byte of one instance may ever be visible to the next, and the pages past a memory's length
/// must stay inaccessible whatever the previous owner had grown to.
/// </summary>
public sealed class MemoryReuseTests
{
    private static readonly MemoryType TwoPagesUpToEight = new(new Limits(2, 8));

    [Fact]
    public void NewMemory_AfterAGrownMemoryOfTheSameReservationWasDisposed_IsAllZeros()
    {
        var store = new Store(new Engine());
        for (var round = 0; round < 20; round++)
        {
            var memory = new Memory(store, TwoPagesUpToEight);
            memory.Length.Should().Be(2 * (ulong)MemoryType.PageSize);
            memory.Span.IndexOfAnyExcept((byte)0).Should().Be(-1, $"round {round} must start from zeros");
            memory.Span.Fill(0xAB);
            memory.Grow(3).Should().Be(2);
            memory.Span.IndexOfAnyExcept((byte)0xAB).Should().Be(2 * MemoryType.PageSize, "grown pages are zeros");
            memory.Span.Fill(0xCD);
            memory.Dispose();
        }
    }

    [Fact]
    public void NewMemory_SmallerThanThePreviousOwnerOfItsReservation_KeepsThePagesPastItsLengthInaccessible()
    {
        var store = new Store(new Engine());
        var large = new Memory(store, new MemoryType(new Limits(6, 8)));
        large.Span.Fill(0x5A);
        large.Dispose();

        using var small = new Memory(store, new MemoryType(new Limits(1, 8)));
        small.Span.IndexOfAnyExcept((byte)0).Should().Be(-1);

        ProtectionAt(small, offset: 0).Should().StartWith("rw");
        ProtectionAt(small, offset: MemoryType.PageSize).Should().StartWith("---");
        ProtectionAt(small, offset: 6 * (ulong)MemoryType.PageSize - 1).Should().StartWith("---");
        small.Invoking(memory => memory.GetSpan(MemoryType.PageSize, 1)).Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.MemoryOutOfBounds);
    }

    [Fact]
    public void NewMemory_LargerThanThePreviousOwnerOfItsReservation_IsAllZerosAndAccessible()
    {
        var store = new Store(new Engine());
        var small = new Memory(store, new MemoryType(new Limits(1, 8)));
        small.Span.Fill(0x77);
        small.Dispose();

        using var large = new Memory(store, new MemoryType(new Limits(5, 8)));

        large.Span.IndexOfAnyExcept((byte)0).Should().Be(-1);
        ProtectionAt(large, offset: 5 * (ulong)MemoryType.PageSize - 1).Should().StartWith("rw");
        ProtectionAt(large, offset: 5 * (ulong)MemoryType.PageSize).Should().StartWith("---");
    }

    /// <summary>The permissions column of /proc/self/maps for the mapping holding that byte of the memory.</summary>
    private static unsafe string ProtectionAt(Memory memory, ulong offset)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("reservations are a Linux feature");
        }

        var address = (ulong)memory.BasePointer + offset;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var fields = line.Split(' ', 3);
            var range = fields[0].Split('-');
            var start = ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (address >= start && address < end)
            {
                return fields[1];
            }
        }

        throw new InvalidOperationException($"address 0x{address:x} is not mapped");
    }
}
