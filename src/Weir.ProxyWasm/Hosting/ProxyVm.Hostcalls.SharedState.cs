using Weir.Wasm;

namespace Weir.ProxyWasm.Hosting;

// Shared data (with CAS) and shared queues, scoped by the plugin's vm id.
internal sealed partial class ProxyVm
{
    private int ProxySetSharedData(Caller caller, int keyPointer, int keyLength, int valuePointer, int valueLength, int cas)
    {
        if (!GuestMemory.TryReadString(caller.Memory, keyPointer, keyLength, out var key)
            || !GuestMemory.TryGetSpan(caller.Memory, valuePointer, valueLength, out var value))
        {
            return Result("proxy_set_shared_data", ProxyStatus.InvalidMemoryAccess);
        }

        return Result("proxy_set_shared_data", _runtime.GetSharedData(_configuration.VmId).Set(key, value, (uint)cas));
    }

    private int ProxyGetSharedData(Caller caller, int keyPointer, int keyLength, int pointerOut, int sizeOut, int casOut)
    {
        if (!GuestMemory.TryReadString(caller.Memory, keyPointer, keyLength, out var key) || !GuestMemory.IsValid(caller.Memory, casOut, 4))
        {
            return Result("proxy_get_shared_data", ProxyStatus.InvalidMemoryAccess);
        }

        if (_runtime.GetSharedData(_configuration.VmId).Get(key, out var value, out var cas) != ProxyStatus.Ok)
        {
            return Result("proxy_get_shared_data", ProxyStatus.NotFound);
        }

        var status = ReturnBytes(caller, value, pointerOut, sizeOut);
        if (status == ProxyStatus.Ok)
        {
            GuestMemory.TryWriteUInt32(caller.Memory, casOut, cas);
        }

        return Result("proxy_get_shared_data", status);
    }

    private int ProxyRegisterSharedQueue(Caller caller, int namePointer, int nameLength, int tokenOut)
    {
        if (!GuestMemory.TryReadString(caller.Memory, namePointer, nameLength, out var name) || !GuestMemory.IsValid(caller.Memory, tokenOut, 4))
        {
            return Result("proxy_register_shared_queue", ProxyStatus.InvalidMemoryAccess);
        }

        // "Ready" notifications go to the root context of whoever registered last.
        if (EffectiveRoot is not { } root)
        {
            return Result("proxy_register_shared_queue", ProxyStatus.NotFound);
        }

        var token = _runtime.Queues.Register(_configuration.VmId, name, this, root.Id);
        GuestMemory.TryWriteUInt32(caller.Memory, tokenOut, token);
        return Result("proxy_register_shared_queue", ProxyStatus.Ok);
    }

    private int ProxyResolveSharedQueue(Caller caller, int vmIdPointer, int vmIdLength, int namePointer, int nameLength, int tokenOut)
    {
        if (!GuestMemory.TryReadString(caller.Memory, vmIdPointer, vmIdLength, out var vmId)
            || !GuestMemory.TryReadString(caller.Memory, namePointer, nameLength, out var name)
            || !GuestMemory.IsValid(caller.Memory, tokenOut, 4))
        {
            return Result("proxy_resolve_shared_queue", ProxyStatus.InvalidMemoryAccess);
        }

        if (!_runtime.Queues.TryResolve(vmId.Length == 0 ? _configuration.VmId : vmId, name, out var token))
        {
            return Result("proxy_resolve_shared_queue", ProxyStatus.NotFound);
        }

        GuestMemory.TryWriteUInt32(caller.Memory, tokenOut, token);
        return Result("proxy_resolve_shared_queue", ProxyStatus.Ok);
    }

    private int ProxyEnqueueSharedQueue(Caller caller, int token, int valuePointer, int valueLength)
    {
        if (!GuestMemory.TryGetSpan(caller.Memory, valuePointer, valueLength, out var value))
        {
            return Result("proxy_enqueue_shared_queue", ProxyStatus.InvalidMemoryAccess);
        }

        return Result("proxy_enqueue_shared_queue", _runtime.Queues.Enqueue((uint)token, value));
    }

    private int ProxyDequeueSharedQueue(Caller caller, int token, int pointerOut, int sizeOut)
    {
        // Checked first, so that an item is never dequeued and then lost to a bad pointer.
        if (!GuestMemory.IsValid(caller.Memory, pointerOut, 4) || !GuestMemory.IsValid(caller.Memory, sizeOut, 4))
        {
            return Result("proxy_dequeue_shared_queue", ProxyStatus.InvalidMemoryAccess);
        }

        var status = _runtime.Queues.Dequeue((uint)token, out var value);
        return Result("proxy_dequeue_shared_queue", status != ProxyStatus.Ok ? status : ReturnBytes(caller, value, pointerOut, sizeOut));
    }
}
