using System.Buffers;
using System.Text;
using Weir.ProxyWasm.Streams;
using Weir.Wasm;

namespace Weir.ProxyWasm.Hosting;

// What every host function shares: status bookkeeping, the effective context, and returning
// host data to the guest through its allocator.
internal sealed partial class ProxyVm
{
    private StreamContext? EffectiveStream => _effective as StreamContext;

    /// <summary>The root context the effective context belongs to (the VM's only one), or null before it exists.</summary>
    private RootContextState? EffectiveRoot => _effective is null ? null : _root;

    /// <summary>Records the last host call for failure reports and returns its status as the guest sees it.</summary>
    private int Result(string hostcall, ProxyStatus status)
    {
        _lastHostcall = hostcall;
        _lastHostcallStatus = status;
        return (int)status;
    }

    /// <summary>
    /// Copies <paramref name="data"/> into a new guest allocation of exactly its length and writes the
    /// pointer and length to the guest's out-parameters (ABI §6). Both out-parameters are checked
    /// before the allocator runs, and everything is re-checked after it, since it may grow memory.
    /// </summary>
    private ProxyStatus ReturnBytes(Caller caller, ReadOnlySpan<byte> data, int pointerOut, int sizeOut)
    {
        var memory = caller.Memory;
        if (!GuestMemory.IsValid(memory, pointerOut, 4) || !GuestMemory.IsValid(memory, sizeOut, 4))
        {
            return ProxyStatus.InvalidMemoryAccess;
        }

        if (data.IsEmpty && !_allocateEmptyResults)
        {
            GuestMemory.TryWriteUInt32(memory, pointerOut, 0);
            GuestMemory.TryWriteUInt32(memory, sizeOut, 0);
            return ProxyStatus.Ok;
        }

        if (_allocate is not { } allocate)
        {
            // Only during instantiation, before the module's exports exist.
            _plugin.LogHost(ProxyLogLevel.Warn, $"VM {Serial}: a host call needs the guest allocator, which is not available while the module starts");
            return ProxyStatus.InternalFailure;
        }

        var address = allocate(data.Length);
        if (address == 0 && !data.IsEmpty)
        {
            _plugin.LogHost(ProxyLogLevel.Warn, $"VM {Serial}: the guest allocator ({_module.AllocatorExport}) returned 0 for {data.Length} bytes");
            return ProxyStatus.InvalidMemoryAccess;
        }

        if (!GuestMemory.TryGetSpan(memory, address, data.Length, out var destination))
        {
            _plugin.LogHost(ProxyLogLevel.Warn, $"VM {Serial}: the guest allocator ({_module.AllocatorExport}) returned {address:x8}, outside memory, for {data.Length} bytes");
            return ProxyStatus.InvalidMemoryAccess;
        }

        data.CopyTo(destination);
        GuestMemory.TryWriteUInt32(memory, pointerOut, (uint)address);
        GuestMemory.TryWriteUInt32(memory, sizeOut, (uint)data.Length);
        return ProxyStatus.Ok;
    }

    /// <summary>Returns a string as UTF-8 without allocating a managed array for it.</summary>
    private ProxyStatus ReturnString(Caller caller, string text, int pointerOut, int sizeOut)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            return ReturnBytes(caller, rented.AsSpan(0, written), pointerOut, sizeOut);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
