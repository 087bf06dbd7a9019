using System.Runtime.InteropServices;

namespace Weir.Wasm.Execution;

/// <summary>
/// Native storage for a linear memory. On Linux the whole maximum is reserved as inaccessible
/// address space and committed as the memory grows, so the base address never moves and growing
/// never copies. Elsewhere it falls back to reallocation, which moves the base; compiled code
/// reloads the base after anything that can grow memory, so both are correct.
/// </summary>
internal sealed unsafe partial class LinearMemoryBuffer : IDisposable
{
    private const int ProtectionNone = 0;
    private const int ProtectionReadWrite = 3;
    private const int MapPrivate = 0x02;
    private const int MapAnonymous = 0x20;
    private const int MapNoReserve = 0x4000;
    private const nuint OsPageSize = 4096;

    private readonly bool _reserved;
    private readonly nuint _reservedBytes;
    private byte* _base;
    private nuint _committedBytes;
    private bool _disposed;

    public LinearMemoryBuffer(ulong initialBytes, ulong maximumBytes)
    {
        if (OperatingSystem.IsLinux() && maximumBytes > 0)
        {
            var reserve = (nuint)RoundUp(maximumBytes);
            var pooled = initialBytes <= reserve ? MemoryReservationPool.TryRent(reserve, (nuint)RoundUp(initialBytes)) : null;
            if (pooled is not null)
            {
                _reserved = true;
                _reservedBytes = reserve;
                _base = pooled;
                _committedBytes = (nuint)initialBytes;
                return;
            }

            var address = MemoryMap(0, reserve, ProtectionNone, MapPrivate | MapAnonymous | MapNoReserve, -1, 0);
            if (address != -1 && address != 0)
            {
                _reserved = true;
                _reservedBytes = reserve;
                _base = (byte*)address;
                if (!TryCommit(initialBytes))
                {
                    Dispose();
                    throw new OutOfMemoryException($"cannot commit {initialBytes} bytes of linear memory");
                }

                return;
            }
        }

        _base = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(initialBytes, 1));
        _committedBytes = (nuint)initialBytes;
    }

    ~LinearMemoryBuffer() => Release();

    public byte* Base => _base;

    /// <summary>Makes the first <paramref name="newBytes"/> bytes usable, zero-filled; false when the system refuses.</summary>
    public bool TryCommit(ulong newBytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (newBytes <= _committedBytes)
        {
            return true;
        }

        if (_reserved)
        {
            if (newBytes > _reservedBytes)
            {
                return false;
            }

            var start = RoundUp(_committedBytes);
            var end = RoundUp(newBytes);
            if (end > start && MemoryProtect((nint)(_base + start), (nuint)(end - start), ProtectionReadWrite) != 0)
            {
                return false;
            }

            _committedBytes = (nuint)newBytes;
            return true;
        }

        try
        {
            var grown = (byte*)NativeMemory.Realloc(_base, (nuint)newBytes);
            new Span<byte>(grown + _committedBytes, checked((int)(newBytes - _committedBytes))).Clear();
            _base = grown;
            _committedBytes = (nuint)newBytes;
            return true;
        }
        catch (OutOfMemoryException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_reserved)
        {
            MemoryReservationPool.Return(_base, _reservedBytes, (nuint)RoundUp(_committedBytes));
        }
        else
        {
            NativeMemory.Free(_base);
        }

        _base = null;
    }

    private static ulong RoundUp(ulong bytes) => (bytes + OsPageSize - 1) & ~(ulong)(OsPageSize - 1);

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint MemoryMap(nint address, nuint length, int protection, int flags, int fileDescriptor, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect")]
    private static partial int MemoryProtect(nint address, nuint length, int protection);
}
