namespace Weir.ProxyWasm.Abi;

/// <summary><c>proxy_map_type_t</c>.</summary>
internal enum MapType
{
    RequestHeaders = 0,
    RequestTrailers = 1,
    ResponseHeaders = 2,
    ResponseTrailers = 3,
    GrpcInitialMetadata = 4,
    GrpcTrailingMetadata = 5,
    HttpCallResponseHeaders = 6,
    HttpCallResponseTrailers = 7,
}
