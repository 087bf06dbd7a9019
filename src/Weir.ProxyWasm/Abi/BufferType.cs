namespace Weir.ProxyWasm.Abi;

/// <summary><c>proxy_buffer_type_t</c>.</summary>
internal enum BufferType
{
    RequestBody = 0,
    ResponseBody = 1,
    DownstreamData = 2,
    UpstreamData = 3,
    HttpCallResponseBody = 4,
    GrpcCallMessage = 5,
    VmConfiguration = 6,
    PluginConfiguration = 7,
    ForeignFunctionArguments = 8,
}
