using System.Buffers;
using Weir.ProxyWasm.Abi;
using Weir.Wasm;

namespace Weir.ProxyWasm.Hosting;

// Header and trailer maps of the effective stream, and the callout response's maps.
internal sealed partial class ProxyVm
{
    private int ProxyGetHeaderMapSize(Caller caller, int type, int sizeOut)
    {
        var status = ResolveMap(type, out var map);
        if (status != ProxyStatus.Ok)
        {
            return Result("proxy_get_header_map_size", status);
        }

        // The true serialized size (Envoy returns the sum of key and value lengths; SDKs use neither).
        var size = (uint)HeaderPairs.GetSerializedSize(map);
        return Result("proxy_get_header_map_size", GuestMemory.TryWriteUInt32(caller.Memory, sizeOut, size) ? ProxyStatus.Ok : ProxyStatus.InvalidMemoryAccess);
    }

    private int ProxyGetHeaderMapPairs(Caller caller, int type, int pointerOut, int sizeOut)
    {
        var status = ResolveMap(type, out var map);
        if (status != ProxyStatus.Ok)
        {
            return Result("proxy_get_header_map_pairs", status);
        }

        var size = HeaderPairs.GetSerializedSize(map);
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            HeaderPairs.Serialize(map, rented.AsSpan(0, size));
            return Result("proxy_get_header_map_pairs", ReturnBytes(caller, rented.AsSpan(0, size), pointerOut, sizeOut));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private int ProxySetHeaderMapPairs(Caller caller, int type, int pairsPointer, int pairsLength)
    {
        var status = ResolveMap(type, out var map);
        if (status != ProxyStatus.Ok)
        {
            return Result("proxy_set_header_map_pairs", status);
        }

        if (!GuestMemory.TryGetSpan(caller.Memory, pairsPointer, pairsLength, out var serialized))
        {
            return Result("proxy_set_header_map_pairs", ProxyStatus.InvalidMemoryAccess);
        }

        var pairs = new List<KeyValuePair<string, string>>();
        if (!HeaderPairs.TryParse(serialized, pairs, out var error))
        {
            _plugin.LogHost(ProxyLogLevel.Warn, $"proxy_set_header_map_pairs: {error}");
            return Result("proxy_set_header_map_pairs", ProxyStatus.BadArgument);
        }

        map.ReplaceAll(pairs);
        return Result("proxy_set_header_map_pairs", ProxyStatus.Ok);
    }

    private int ProxyGetHeaderMapValue(Caller caller, int type, int keyPointer, int keyLength, int pointerOut, int sizeOut)
    {
        var status = ResolveMap(type, out var map);
        if (status != ProxyStatus.Ok)
        {
            return Result("proxy_get_header_map_value", status);
        }

        if (!GuestMemory.TryReadString(caller.Memory, keyPointer, keyLength, out var key))
        {
            return Result("proxy_get_header_map_value", ProxyStatus.InvalidMemoryAccess);
        }

        if (map.Get(key) is { } value)
        {
            return Result("proxy_get_header_map_value", ReturnString(caller, value, pointerOut, sizeOut));
        }

        // Envoy answers a missing key with an empty value under 0.1.0, and NOT_FOUND since 0.2.0.
        return Result("proxy_get_header_map_value", Abi == ProxyAbiVersion.V0_1_0
            ? ReturnBytes(caller, [], pointerOut, sizeOut)
            : ProxyStatus.NotFound);
    }

    private int ProxyAddHeaderMapValue(Caller caller, int type, int keyPointer, int keyLength, int valuePointer, int valueLength) =>
        Result("proxy_add_header_map_value", WriteMapValue(caller, type, keyPointer, keyLength, valuePointer, valueLength, replace: false));

    private int ProxyReplaceHeaderMapValue(Caller caller, int type, int keyPointer, int keyLength, int valuePointer, int valueLength) =>
        Result("proxy_replace_header_map_value", WriteMapValue(caller, type, keyPointer, keyLength, valuePointer, valueLength, replace: true));

    private int ProxyRemoveHeaderMapValue(Caller caller, int type, int keyPointer, int keyLength)
    {
        var status = ResolveMap(type, out var map);
        if (status != ProxyStatus.Ok)
        {
            return Result("proxy_remove_header_map_value", status);
        }

        if (!GuestMemory.TryReadString(caller.Memory, keyPointer, keyLength, out var key))
        {
            return Result("proxy_remove_header_map_value", ProxyStatus.InvalidMemoryAccess);
        }

        map.Remove(key);
        return Result("proxy_remove_header_map_value", ProxyStatus.Ok);
    }

    private ProxyStatus WriteMapValue(Caller caller, int type, int keyPointer, int keyLength, int valuePointer, int valueLength, bool replace)
    {
        var status = ResolveMap(type, out var map);
        if (status != ProxyStatus.Ok)
        {
            return status;
        }

        if (!GuestMemory.TryReadString(caller.Memory, keyPointer, keyLength, out var key)
            || !GuestMemory.TryReadString(caller.Memory, valuePointer, valueLength, out var value))
        {
            return ProxyStatus.InvalidMemoryAccess;
        }

        if (replace)
        {
            map.Set(key, value);
        }
        else
        {
            map.Add(key, value);
        }

        return ProxyStatus.Ok;
    }

    /// <summary>
    /// The map of a type: the effective stream's request maps once its request headers arrived, its
    /// response maps once the response started (all four while the stream ends), the callout
    /// response's maps inside <c>proxy_on_http_call_response</c>. gRPC metadata never exists here.
    /// </summary>
    private ProxyStatus ResolveMap(int type, out HeaderMap map)
    {
        map = null!;
        if ((uint)type > (uint)MapType.HttpCallResponseTrailers)
        {
            return ProxyStatus.BadArgument;
        }

        switch ((MapType)type)
        {
            case MapType.HttpCallResponseHeaders when _scopeCallout is { } callout:
                map = callout.Headers;
                return ProxyStatus.Ok;
            case MapType.HttpCallResponseTrailers when _scopeCallout is { } callout:
                map = callout.Trailers;
                return ProxyStatus.Ok;
            case MapType.RequestHeaders or MapType.RequestTrailers when EffectiveStream is { } stream && (stream.Request.HeadersStarted || stream.Completing):
                map = type == (int)MapType.RequestHeaders ? stream.Http.RequestHeaders : stream.Http.RequestTrailers;
                return ProxyStatus.Ok;
            case MapType.ResponseHeaders or MapType.ResponseTrailers when EffectiveStream is { } stream && (stream.Response.HeadersStarted || stream.Completing):
                map = type == (int)MapType.ResponseHeaders ? stream.Http.ResponseHeaders : stream.Http.ResponseTrailers;
                return ProxyStatus.Ok;
            default:
                return ProxyStatus.NotFound;
        }
    }
}
