namespace Weir.ProxyWasm.Abi;

/// <summary><c>proxy_stream_type_t</c> (0.2.0 and later).</summary>
internal enum StreamType
{
    Request = 0,
    Response = 1,
    Downstream = 2,
    Upstream = 3,
}
