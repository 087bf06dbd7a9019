using Weir.ProxyWasm.Properties;
using Weir.ProxyWasm.Streams;
using Weir.Wasm;

namespace Weir.ProxyWasm.Hosting;

// Metrics, properties and foreign functions.
internal sealed partial class ProxyVm
{
    private int ProxyDefineMetric(Caller caller, int type, int namePointer, int nameLength, int idOut)
    {
        if (!GuestMemory.TryReadString(caller.Memory, namePointer, nameLength, out var name) || !GuestMemory.IsValid(caller.Memory, idOut, 4))
        {
            return Result("proxy_define_metric", ProxyStatus.InvalidMemoryAccess);
        }

        var status = _runtime.Metrics.Define(type, name, out var id);
        if (status == ProxyStatus.Ok)
        {
            GuestMemory.TryWriteUInt32(caller.Memory, idOut, id);
        }

        return Result("proxy_define_metric", status);
    }

    private int ProxyRecordMetric(Caller caller, int id, long value)
    {
        _ = caller;
        return Result("proxy_record_metric", _runtime.Metrics.Record((uint)id, unchecked((ulong)value)));
    }

    private int ProxyIncrementMetric(Caller caller, int id, long delta)
    {
        _ = caller;
        return Result("proxy_increment_metric", _runtime.Metrics.Increment((uint)id, delta));
    }

    private int ProxyGetMetric(Caller caller, int id, int valueOut)
    {
        if (!GuestMemory.IsValid(caller.Memory, valueOut, 8))
        {
            return Result("proxy_get_metric", ProxyStatus.InvalidMemoryAccess);
        }

        var status = _runtime.Metrics.Get((uint)id, out var value);
        if (status == ProxyStatus.Ok)
        {
            GuestMemory.TryWriteUInt64(caller.Memory, valueOut, value);
        }

        return Result("proxy_get_metric", status);
    }

    private int ProxyGetProperty(Caller caller, int pathPointer, int pathLength, int pointerOut, int sizeOut)
    {
        if (!GuestMemory.TryGetSpan(caller.Memory, pathPointer, pathLength, out var rawPath))
        {
            return Result("proxy_get_property", ProxyStatus.InvalidMemoryAccess);
        }

        var path = PropertyPath.Parse(rawPath);
        var now = _runtime.Options.TimeProvider.GetUtcNow();
        var stream = EffectiveStream;
        if (!PropertyResolver.TryResolve(path, _plugin, _runtime.Options.Node, stream, now, out var value)
            && !(PropertyPath.SplitDotted(path) is { } dotted && PropertyResolver.TryResolve(dotted, _plugin, _runtime.Options.Node, stream, now, out value)))
        {
            return Result("proxy_get_property", ProxyStatus.NotFound);
        }

        return Result("proxy_get_property", ReturnBytes(caller, value.Encode(), pointerOut, sizeOut));
    }

    private int ProxySetProperty(Caller caller, int pathPointer, int pathLength, int valuePointer, int valueLength)
    {
        if (!GuestMemory.TryGetSpan(caller.Memory, pathPointer, pathLength, out var rawPath)
            || !GuestMemory.TryGetSpan(caller.Memory, valuePointer, valueLength, out var value))
        {
            return Result("proxy_set_property", ProxyStatus.InvalidMemoryAccess);
        }

        // Envoy keeps filter-set properties in the stream's filter state; without a stream there is none.
        if (EffectiveStream is not { } stream)
        {
            return Result("proxy_set_property", ProxyStatus.NotFound);
        }

        stream.SetProperty(StreamContext.PropertyKey(PropertyPath.Parse(rawPath)), value.ToArray());
        return Result("proxy_set_property", ProxyStatus.Ok);
    }

    private int ProxyCallForeignFunction(Caller caller, int namePointer, int nameLength, int argumentsPointer, int argumentsLength, int pointerOut, int sizeOut)
    {
        if (!GuestMemory.TryReadString(caller.Memory, namePointer, nameLength, out var name)
            || !GuestMemory.TryGetSpan(caller.Memory, argumentsPointer, argumentsLength, out var arguments))
        {
            return Result("proxy_call_foreign_function", ProxyStatus.InvalidMemoryAccess);
        }

        if (_runtime.FindForeignFunction(name) is not { } function)
        {
            return Result("proxy_call_foreign_function", ProxyStatus.NotFound);
        }

        ForeignFunctionResult result;
        try
        {
            result = function(arguments);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _plugin.LogHost(ProxyLogLevel.Error, $"foreign function '{name}' failed: {exception.Message}");
            return Result("proxy_call_foreign_function", ProxyStatus.InternalFailure);
        }

        return Result("proxy_call_foreign_function", result.Status != ProxyStatus.Ok ? result.Status : ReturnBytes(caller, result.Value.Span, pointerOut, sizeOut));
    }
}
