using System.Runtime.InteropServices;

namespace Weir.Wasm.Execution;

/// <summary>
/// Address-space reservations of disposed linear memories, kept for the next memory of the same
/// reserved size, as wasmtime's pooling allocator does. Creating and destroying a mapping of
/// gigabytes costs the kernel page-table work on every instantiation (most of the time a small
/// module took to instantiate); a pooled reservation is reset instead: its committed pages are
/// discarded with <c>madvise(MADV_DONTNEED)</c>, which makes them read as zero and returns them to
/// the system, and it keeps its read-write prefix so the next memory of the same initial size
/// needs no <c>mprotect</c> at all. Everything past a memory's length stays inaccessible.
/// </summary>
internal static unsafe partial class MemoryReservationPool
{
    /// <summary>
    /// Idle reservations kept at most: address space only (their pages were given back), so the
    /// bound is about address space and the mappings count of the process, not memory.
    /// </summary>
    private const int Capacity = 64;

    private const int ProtectionNone = 0;
    private const int ProtectionReadWrite = 3;
    private const int AdviseDontNeed = 4;

    private static readonly Lock Gate = new();
    private static readonly List<Reservation> Idle = new(Capacity);

    /// <summary>
    /// A reservation of <paramref name="reservedBytes"/> whose first <paramref name="accessibleBytes"/>
    /// are readable and writable zeros and the rest inaccessible, or null when none is idle or
    /// the protection cannot be changed.
    /// </summary>
    public static byte* TryRent(nuint reservedBytes, nuint accessibleBytes)
    {
        Reservation reservation;
        lock (Gate)
        {
            var best = -1;
            for (var i = Idle.Count - 1; i >= 0; i--)
            {
                if (Idle[i].ReservedBytes != reservedBytes)
                {
                    continue;
                }

                if (best < 0 || Idle[i].AccessibleBytes == accessibleBytes)
                {
                    best = i;
                }

                if (Idle[i].AccessibleBytes == accessibleBytes)
                {
                    break;
                }
            }

            if (best < 0)
            {
                return null;
            }

            reservation = Idle[best];
            Idle[best] = Idle[^1];
            Idle.RemoveAt(Idle.Count - 1);
        }

        var start = reservation.Base;
        var ok = reservation.AccessibleBytes switch
        {
            var same when same == accessibleBytes => true,
            var larger when larger > accessibleBytes => MemoryProtect((nint)(start + accessibleBytes), larger - accessibleBytes, ProtectionNone) == 0,
            var smaller => MemoryProtect((nint)(start + smaller), accessibleBytes - smaller, ProtectionReadWrite) == 0,
        };
        if (!ok)
        {
            _ = MemoryUnmap((nint)start, reservedBytes);
            return null;
        }

        return start;
    }

    /// <summary>
    /// Takes back a reservation whose first <paramref name="accessibleBytes"/> are read-write (page
    /// aligned): resets it to zeros and keeps it, or unmaps it when the pool is full or the reset fails.
    /// </summary>
    public static void Return(byte* start, nuint reservedBytes, nuint accessibleBytes)
    {
        if (accessibleBytes > 0 && MemoryAdvise((nint)start, accessibleBytes, AdviseDontNeed) != 0)
        {
            _ = MemoryUnmap((nint)start, reservedBytes);
            return;
        }

        lock (Gate)
        {
            if (Idle.Count < Capacity)
            {
                Idle.Add(new Reservation(start, reservedBytes, accessibleBytes));
                return;
            }
        }

        _ = MemoryUnmap((nint)start, reservedBytes);
    }

    private readonly struct Reservation(byte* start, nuint reservedBytes, nuint accessibleBytes)
    {
        public byte* Base { get; } = start;

        public nuint ReservedBytes { get; } = reservedBytes;

        public nuint AccessibleBytes { get; } = accessibleBytes;
    }

    [LibraryImport("libc", EntryPoint = "mprotect")]
    private static partial int MemoryProtect(nint address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int MemoryUnmap(nint address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int MemoryAdvise(nint address, nuint length, int advice);
}
