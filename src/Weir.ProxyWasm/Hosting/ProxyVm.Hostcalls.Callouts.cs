using Weir.ProxyWasm.Abi;
using Weir.Wasm;

namespace Weir.ProxyWasm.Hosting;

// HTTP callouts through the runtime's dispatcher; gRPC callouts are not supported and say so.
internal sealed partial class ProxyVm
{
    private bool _grpcWarningLogged;

    private int ProxyHttpCall(Caller caller, int upstreamPointer, int upstreamLength, int headersPointer, int headersLength, int bodyPointer, int bodyLength, int trailersPointer, int trailersLength, int timeoutMilliseconds, int callIdOut)
    {
        var memory = caller.Memory;
        if (!GuestMemory.TryReadString(memory, upstreamPointer, upstreamLength, out var upstream)
            || !GuestMemory.TryGetSpan(memory, headersPointer, headersLength, out var serializedHeaders)
            || !GuestMemory.TryGetSpan(memory, bodyPointer, bodyLength, out var body)
            || !GuestMemory.TryGetSpan(memory, trailersPointer, trailersLength, out var serializedTrailers)
            || !GuestMemory.IsValid(memory, callIdOut, 4))
        {
            return Result("proxy_http_call", ProxyStatus.InvalidMemoryAccess);
        }

        var headers = new List<KeyValuePair<string, string>>();
        var trailers = new List<KeyValuePair<string, string>>();
        if (!HeaderPairs.TryParse(serializedHeaders, headers, out var error) || !HeaderPairs.TryParse(serializedTrailers, trailers, out error))
        {
            _plugin.LogHost(ProxyLogLevel.Warn, $"proxy_http_call to '{upstream}': {error}");
            return Result("proxy_http_call", ProxyStatus.BadArgument);
        }

        foreach (var required in (ReadOnlySpan<string>)[":method", ":path", ":authority"])
        {
            if (!headers.Exists(header => string.Equals(header.Key, required, StringComparison.OrdinalIgnoreCase)))
            {
                _plugin.LogHost(ProxyLogLevel.Warn, $"proxy_http_call to '{upstream}': the headers lack {required}");
                return Result("proxy_http_call", ProxyStatus.BadArgument);
            }
        }

        if (_runtime.Options.HttpCallouts is not { } dispatcher)
        {
            _plugin.LogHost(ProxyLogLevel.Warn, $"proxy_http_call to '{upstream}': this host has no callout dispatcher, so no upstream is known");
            return Result("proxy_http_call", ProxyStatus.BadArgument);
        }

        try
        {
            if (!dispatcher.IsKnownUpstream(upstream))
            {
                _plugin.LogHost(ProxyLogLevel.Warn, $"proxy_http_call: unknown upstream '{upstream}'");
                return Result("proxy_http_call", ProxyStatus.BadArgument);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _plugin.LogHost(ProxyLogLevel.Error, $"proxy_http_call to '{upstream}': the dispatcher failed: {exception.Message}");
            return Result("proxy_http_call", ProxyStatus.InternalFailure);
        }

        var timeout = timeoutMilliseconds == 0 ? (TimeSpan?)null : TimeSpan.FromMilliseconds((uint)timeoutMilliseconds);
        var request = new HttpCalloutRequest(upstream, headers, body.ToArray(), trailers, timeout);
        var callId = NextCalloutId();
        GuestMemory.TryWriteUInt32(memory, callIdOut, (uint)callId);

        // Sent once the guest call has returned, so the answer can never arrive inside it, and on
        // the thread pool, so the dispatcher's synchronous work never holds this VM's gate.
        Defer(() => _ = Task.Run(() => RunCalloutAsync(callId, request, dispatcher)));
        return Result("proxy_http_call", ProxyStatus.Ok);
    }

    private int ProxyGrpcCall(Caller caller, int upstreamPointer, int upstreamLength, int servicePointer, int serviceLength, int methodPointer, int methodLength, int metadataPointer, int metadataLength, int messagePointer, int messageLength, int timeoutMilliseconds, int callIdOut)
    {
        _ = timeoutMilliseconds;
        var memory = caller.Memory;
        if (!GuestMemory.IsValid(memory, upstreamPointer, upstreamLength) || !GuestMemory.IsValid(memory, servicePointer, serviceLength)
            || !GuestMemory.IsValid(memory, methodPointer, methodLength) || !GuestMemory.IsValid(memory, metadataPointer, metadataLength)
            || !GuestMemory.IsValid(memory, messagePointer, messageLength) || !GuestMemory.IsValid(memory, callIdOut, 4))
        {
            return Result("proxy_grpc_call", ProxyStatus.InvalidMemoryAccess);
        }

        WarnGrpcUnsupported("proxy_grpc_call");
        return Result("proxy_grpc_call", ProxyStatus.Unimplemented);
    }

    private int ProxyGrpcStream(Caller caller, int upstreamPointer, int upstreamLength, int servicePointer, int serviceLength, int methodPointer, int methodLength, int metadataPointer, int metadataLength, int streamIdOut)
    {
        var memory = caller.Memory;
        if (!GuestMemory.IsValid(memory, upstreamPointer, upstreamLength) || !GuestMemory.IsValid(memory, servicePointer, serviceLength)
            || !GuestMemory.IsValid(memory, methodPointer, methodLength) || !GuestMemory.IsValid(memory, metadataPointer, metadataLength)
            || !GuestMemory.IsValid(memory, streamIdOut, 4))
        {
            return Result("proxy_grpc_stream", ProxyStatus.InvalidMemoryAccess);
        }

        WarnGrpcUnsupported("proxy_grpc_stream");
        return Result("proxy_grpc_stream", ProxyStatus.Unimplemented);
    }

    private int ProxyGrpcSend(Caller caller, int streamId, int messagePointer, int messageLength, int endStream)
    {
        _ = (streamId, endStream);
        if (!GuestMemory.IsValid(caller.Memory, messagePointer, messageLength))
        {
            return Result("proxy_grpc_send", ProxyStatus.InvalidMemoryAccess);
        }

        // No gRPC stream can exist, so every id is unknown.
        return Result("proxy_grpc_send", ProxyStatus.NotFound);
    }

    private int ProxyGrpcCancel(Caller caller, int id)
    {
        _ = (caller, id);
        return Result("proxy_grpc_cancel", ProxyStatus.NotFound);
    }

    private int ProxyGrpcClose(Caller caller, int id)
    {
        _ = (caller, id);
        return Result("proxy_grpc_close", ProxyStatus.NotFound);
    }

    private void WarnGrpcUnsupported(string hostcall)
    {
        var level = _grpcWarningLogged ? ProxyLogLevel.Debug : ProxyLogLevel.Warn;
        _grpcWarningLogged = true;
        _plugin.LogHost(level, $"{hostcall}: gRPC callouts are not supported by this host; answering UNIMPLEMENTED");
    }
}
