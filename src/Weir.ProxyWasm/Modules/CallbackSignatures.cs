using System.Collections.Immutable;
using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.ProxyWasm.Modules;

/// <summary>The wasm types of the exports a proxy-wasm host calls (all i32, see the ABI's callback table).</summary>
internal static class CallbackSignatures
{
    public const string RequestHeaders = "proxy_on_request_headers";
    public const string ResponseHeaders = "proxy_on_response_headers";

    /// <summary>Exports whose type is fixed. Header callbacks (2 or 3 parameters) are checked separately.</summary>
    public static IReadOnlyDictionary<string, FunctionType> Fixed { get; } = new Dictionary<string, FunctionType>(StringComparer.Ordinal)
    {
        ["_initialize"] = Type(0, false),
        ["_start"] = Type(0, false),
        ["main"] = Type(2, true),
        ["__main_void"] = Type(0, true),
        ["proxy_on_memory_allocate"] = Type(1, true),
        ["malloc"] = Type(1, true),
        ["proxy_on_context_create"] = Type(2, false),
        ["proxy_on_vm_start"] = Type(2, true),
        ["proxy_on_configure"] = Type(2, true),
        ["proxy_on_done"] = Type(1, true),
        ["proxy_on_log"] = Type(1, false),
        ["proxy_on_delete"] = Type(1, false),
        ["proxy_on_tick"] = Type(1, false),
        ["proxy_on_request_body"] = Type(3, true),
        ["proxy_on_request_trailers"] = Type(2, true),
        ["proxy_on_response_body"] = Type(3, true),
        ["proxy_on_response_trailers"] = Type(2, true),
        ["proxy_on_http_call_response"] = Type(5, false),
        ["proxy_on_queue_ready"] = Type(2, false),
        ["proxy_on_foreign_function"] = Type(3, false),
    };

    public static FunctionType Type(int parameters, bool result) =>
        new([.. Enumerable.Repeat(ValueKind.I32, parameters)], result ? [ValueKind.I32] : ImmutableArray<ValueKind>.Empty);
}
