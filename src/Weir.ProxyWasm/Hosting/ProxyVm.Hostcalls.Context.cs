using System.Text;
using Weir.ProxyWasm.Abi;
using Weir.Wasm;

namespace Weir.ProxyWasm.Hosting;

// Contexts, configuration, logging, time and the tick timer.
internal sealed partial class ProxyVm
{
    private int ProxyDone(Caller caller)
    {
        _ = caller;

        // Only a root context that deferred its deletion may finish it; HTTP streams ignore on_done's result.
        if (_effective is RootContextState { AwaitingDone: true } root)
        {
            root.AwaitingDone = false;
            Defer(() => CallRootDelete(root));
            return Result("proxy_done", ProxyStatus.Ok);
        }

        return Result("proxy_done", ProxyStatus.NotFound);
    }

    private int ProxySetEffectiveContext(Caller caller, int contextId)
    {
        _ = caller;
        if (_effective is null)
        {
            return Result("proxy_set_effective_context", ProxyStatus.BadArgument);
        }

        if (_root is { } root && root.Id == contextId)
        {
            _effective = root;
            return Result("proxy_set_effective_context", ProxyStatus.Ok);
        }

        if (_streams.TryGetValue(contextId, out var stream))
        {
            _effective = stream;
            return Result("proxy_set_effective_context", ProxyStatus.Ok);
        }

        return Result("proxy_set_effective_context", ProxyStatus.BadArgument);
    }

    private int ProxyLog(Caller caller, int level, int messagePointer, int messageLength)
    {
        if ((uint)level > (uint)ProxyLogLevel.Critical)
        {
            return Result("proxy_log", ProxyStatus.BadArgument);
        }

        if (!GuestMemory.TryGetSpan(caller.Memory, messagePointer, messageLength, out var message))
        {
            return Result("proxy_log", ProxyStatus.InvalidMemoryAccess);
        }

        if ((ProxyLogLevel)level >= _configuration.LogLevel)
        {
            _runtime.Logger.Log(new PluginLogEntry(_plugin.Name, (ProxyLogLevel)level, Encoding.UTF8.GetString(message), FromHost: false));
        }

        return Result("proxy_log", ProxyStatus.Ok);
    }

    private int ProxyGetLogLevel(Caller caller, int levelOut) =>
        Result("proxy_get_log_level", GuestMemory.TryWriteUInt32(caller.Memory, levelOut, (uint)_configuration.LogLevel) ? ProxyStatus.Ok : ProxyStatus.InvalidMemoryAccess);

    private int ProxyGetCurrentTimeNanoseconds(Caller caller, int timeOut)
    {
        var now = _runtime.Options.TimeProvider.GetUtcNow();
        var nanoseconds = (ulong)(now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        return Result("proxy_get_current_time_nanoseconds", GuestMemory.TryWriteUInt64(caller.Memory, timeOut, nanoseconds) ? ProxyStatus.Ok : ProxyStatus.InvalidMemoryAccess);
    }

    private int ProxySetTickPeriodMilliseconds(Caller caller, int period)
    {
        _ = caller;

        // The timer belongs to the root context of whatever context is effective.
        if (EffectiveRoot is null)
        {
            return Result("proxy_set_tick_period_milliseconds", ProxyStatus.BadArgument);
        }

        SetTickPeriod((uint)period);
        return Result("proxy_set_tick_period_milliseconds", ProxyStatus.Ok);
    }

    /// <summary>0.1.0: the VM configuration inside <c>proxy_on_vm_start</c>, the plugin configuration inside <c>proxy_on_configure</c>.</summary>
    private int ProxyGetConfiguration(Caller caller, int pointerOut, int sizeOut)
    {
        if (_scopeBufferType is not (BufferType.VmConfiguration or BufferType.PluginConfiguration))
        {
            return Result("proxy_get_configuration", ProxyStatus.NotFound);
        }

        return Result("proxy_get_configuration", ReturnBytes(caller, _scopeBuffer.Span, pointerOut, sizeOut));
    }
}
