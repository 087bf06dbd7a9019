using System.Text;
using Weir.ProxyWasm.Abi;
using Weir.ProxyWasm.Streams;
using Weir.Wasm;

namespace Weir.ProxyWasm.Hosting;

// Stream control: continue and close (deferred until the guest call returns, as Envoy does, so
// that no callback re-enters the guest), local responses, and proxy_get_status.
internal sealed partial class ProxyVm
{
    private int ProxyContinueStream(Caller caller, int streamType)
    {
        _ = caller;
        return Result("proxy_continue_stream", Continue(streamType));
    }

    private int ProxyCloseStream(Caller caller, int streamType)
    {
        _ = caller;
        if ((uint)streamType > (uint)StreamType.Upstream)
        {
            return Result("proxy_close_stream", ProxyStatus.BadArgument);
        }

        if (streamType > (int)StreamType.Response)
        {
            return Result("proxy_close_stream", ProxyStatus.Unimplemented);
        }

        if (EffectiveStream is not { } stream)
        {
            return Result("proxy_close_stream", ProxyStatus.NotFound);
        }

        Defer(stream.ResetStream);
        return Result("proxy_close_stream", ProxyStatus.Ok);
    }

    private int ProxyContinueRequest(Caller caller)
    {
        _ = caller;
        return Result("proxy_continue_request", Continue((int)StreamType.Request));
    }

    private int ProxyContinueResponse(Caller caller)
    {
        _ = caller;
        return Result("proxy_continue_response", Continue((int)StreamType.Response));
    }

    private int ProxyClearRouteCache(Caller caller)
    {
        _ = caller;
        if (EffectiveStream is not { } stream)
        {
            return Result("proxy_clear_route_cache", ProxyStatus.NotFound);
        }

        Defer(stream.Http.ClearRouteCache);
        return Result("proxy_clear_route_cache", ProxyStatus.Ok);
    }

    private int ProxySendLocalResponse(Caller caller, int statusCode, int detailsPointer, int detailsLength, int bodyPointer, int bodyLength, int headersPointer, int headersLength, int grpcStatus)
    {
        var memory = caller.Memory;
        if (!GuestMemory.TryReadString(memory, detailsPointer, detailsLength, out var details)
            || !GuestMemory.TryGetSpan(memory, bodyPointer, bodyLength, out var body)
            || !GuestMemory.TryGetSpan(memory, headersPointer, headersLength, out var serializedHeaders))
        {
            return Result("proxy_send_local_response", ProxyStatus.InvalidMemoryAccess);
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (!HeaderPairs.TryParse(serializedHeaders, headers, out var error))
        {
            _plugin.LogHost(ProxyLogLevel.Warn, $"proxy_send_local_response: the headers are malformed: {error}");
            return Result("proxy_send_local_response", ProxyStatus.BadArgument);
        }

        if (statusCode is < 100 or > 999)
        {
            _plugin.LogHost(ProxyLogLevel.Warn, $"proxy_send_local_response: {statusCode} is not an HTTP status code");
            return Result("proxy_send_local_response", ProxyStatus.BadArgument);
        }

        if (EffectiveStream is not { } stream)
        {
            return Result("proxy_send_local_response", ProxyStatus.NotFound);
        }

        var response = new LocalResponse(statusCode, ReplaceWhitespace(details), body.ToArray(), headers, grpcStatus is >= 0 and <= 16 ? grpcStatus : null);
        Defer(() => stream.SendLocalResponse(response));
        return Result("proxy_send_local_response", ProxyStatus.Ok);
    }

    private int ProxyGetStatus(Caller caller, int codeOut, int messagePointerOut, int messageSizeOut)
    {
        if (_scopeCallout is not { } callout)
        {
            return Result("proxy_get_status", ProxyStatus.NotFound);
        }

        if (!GuestMemory.IsValid(caller.Memory, codeOut, 4))
        {
            return Result("proxy_get_status", ProxyStatus.InvalidMemoryAccess);
        }

        var status = ReturnString(caller, callout.Message, messagePointerOut, messageSizeOut);
        if (status == ProxyStatus.Ok)
        {
            GuestMemory.TryWriteUInt32(caller.Memory, codeOut, (uint)callout.Status);
        }

        return Result("proxy_get_status", status);
    }

    private ProxyStatus Continue(int streamType)
    {
        if ((uint)streamType > (uint)StreamType.Upstream)
        {
            return ProxyStatus.BadArgument;
        }

        if (streamType > (int)StreamType.Response)
        {
            // DOWNSTREAM and UPSTREAM belong to TCP streams, which this host does not run.
            return ProxyStatus.Unimplemented;
        }

        if (EffectiveStream is not { } stream)
        {
            return ProxyStatus.NotFound;
        }

        var direction = stream.Get(streamType == (int)StreamType.Request ? StreamDirection.Request : StreamDirection.Response);
        Defer(() => stream.Resume(direction));
        return ProxyStatus.Ok;
    }

    private static string ReplaceWhitespace(string details)
    {
        var builder = new StringBuilder(details.Length);
        foreach (var character in details)
        {
            builder.Append(char.IsWhiteSpace(character) ? '_' : character);
        }

        return builder.ToString();
    }
}
