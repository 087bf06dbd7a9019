namespace Weir.ProxyWasm;

/// <summary>The proxy-wasm ABI version a module declares with its marker export.</summary>
public enum ProxyAbiVersion
{
    /// <summary><c>proxy_abi_version_0_1_0</c>: configuration through <c>proxy_get_configuration</c>, <c>proxy_continue_request</c>/<c>_response</c>.</summary>
    V0_1_0,

    /// <summary><c>proxy_abi_version_0_2_0</c>: <c>proxy_continue_stream</c>, <c>proxy_close_stream</c>, configuration buffers, foreign-function callbacks.</summary>
    V0_2_0,

    /// <summary><c>proxy_abi_version_0_2_1</c>: 0.2.0 plus <c>proxy_get_log_level</c>.</summary>
    V0_2_1,
}
