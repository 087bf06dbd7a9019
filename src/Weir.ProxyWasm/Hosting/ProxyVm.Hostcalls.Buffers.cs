using Weir.ProxyWasm.Abi;
using Weir.ProxyWasm.Streams;
using Weir.Wasm;

namespace Weir.ProxyWasm.Hosting;

// Buffers: request and response bodies (readable and writable once their body callbacks started),
// the HTTP-callout response body, the VM and plugin configuration, foreign-function arguments.
internal sealed partial class ProxyVm
{
    private int ProxyGetBufferBytes(Caller caller, int type, int start, int maxSize, int pointerOut, int sizeOut)
    {
        var status = ResolveBuffer(type, out var data, out _, out _);
        if (status != ProxyStatus.Ok)
        {
            return Result("proxy_get_buffer_bytes", status);
        }

        // SDKs pass max_size = 0xFFFFFFFF for "everything": clamp in 64 bits.
        var from = (uint)start;
        var slice = from >= (uint)data.Length
            ? ReadOnlySpan<byte>.Empty
            : data.Slice((int)from, (int)Math.Min((ulong)(uint)maxSize, (ulong)(data.Length - (int)from)));
        return Result("proxy_get_buffer_bytes", ReturnBytes(caller, slice, pointerOut, sizeOut));
    }

    private int ProxySetBufferBytes(Caller caller, int type, int start, int size, int valuePointer, int valueLength)
    {
        var status = ResolveBuffer(type, out _, out var writable, out _);
        if (status != ProxyStatus.Ok)
        {
            return Result("proxy_set_buffer_bytes", status);
        }

        if (!GuestMemory.TryGetSpan(caller.Memory, valuePointer, valueLength, out var value))
        {
            return Result("proxy_set_buffer_bytes", ProxyStatus.InvalidMemoryAccess);
        }

        if (writable is null)
        {
            // Configuration, callout and argument buffers are read-only.
            return Result("proxy_set_buffer_bytes", ProxyStatus.BadArgument);
        }

        writable.Splice((uint)start, (uint)size, value);
        return Result("proxy_set_buffer_bytes", ProxyStatus.Ok);
    }

    private int ProxyGetBufferStatus(Caller caller, int type, int sizeOut, int flagsOut)
    {
        var status = ResolveBuffer(type, out var data, out _, out var endOfStream);
        if (status != ProxyStatus.Ok)
        {
            return Result("proxy_get_buffer_status", status);
        }

        var memory = caller.Memory;
        if (!GuestMemory.IsValid(memory, sizeOut, 4) || !GuestMemory.IsValid(memory, flagsOut, 4))
        {
            return Result("proxy_get_buffer_status", ProxyStatus.InvalidMemoryAccess);
        }

        GuestMemory.TryWriteUInt32(memory, sizeOut, (uint)data.Length);

        // Bit 0 is the C++ SDK's EndOfStream flag; cpp-host always writes 0, which SDKs accept too.
        GuestMemory.TryWriteUInt32(memory, flagsOut, endOfStream ? 1u : 0u);
        return Result("proxy_get_buffer_status", ProxyStatus.Ok);
    }

    private ProxyStatus ResolveBuffer(int type, out ReadOnlySpan<byte> data, out BodyBuffer? writable, out bool endOfStream)
    {
        data = default;
        writable = null;
        endOfStream = false;
        if ((uint)type > (uint)BufferType.ForeignFunctionArguments)
        {
            return ProxyStatus.BadArgument;
        }

        switch ((BufferType)type)
        {
            case BufferType.RequestBody or BufferType.ResponseBody:
                if (EffectiveStream is not { } stream)
                {
                    return ProxyStatus.NotFound;
                }

                var direction = stream.Get(type == (int)BufferType.RequestBody ? StreamDirection.Request : StreamDirection.Response);
                if (!direction.BodyStarted)
                {
                    return ProxyStatus.NotFound;
                }

                data = direction.Held.Span;
                writable = direction.Held;
                endOfStream = direction.EndOfStream;
                return ProxyStatus.Ok;
            case BufferType.HttpCallResponseBody when _scopeCallout is { } callout:
                data = callout.Body.Span;
                endOfStream = true;
                return ProxyStatus.Ok;
            case BufferType.VmConfiguration or BufferType.PluginConfiguration or BufferType.ForeignFunctionArguments when _scopeBufferType == (BufferType)type:
                data = _scopeBuffer.Span;
                endOfStream = true;
                return ProxyStatus.Ok;
            default:
                // Downstream/upstream data (TCP) and gRPC messages never exist on this host's HTTP streams.
                return ProxyStatus.NotFound;
        }
    }
}
