using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.ProxyWasm.Hosting;

// The host functions offered to the module: every proxy-wasm function of its ABI version under
// "env" (as typed delegates, no boxing per call), the few other env imports real toolchains emit,
// and, only when the plugin allows it, stubs for anything else.
internal sealed partial class ProxyVm
{
    private const string Env = "env";

    private static readonly Dictionary<string, string> VersionSpecific = new(StringComparer.Ordinal)
    {
        ["proxy_get_configuration"] = "ABI 0.1.0",
        ["proxy_continue_request"] = "ABI 0.1.0",
        ["proxy_continue_response"] = "ABI 0.1.0",
        ["proxy_clear_route_cache"] = "ABI 0.1.0",
        ["proxy_continue_stream"] = "ABI 0.2.0 or later",
        ["proxy_close_stream"] = "ABI 0.2.0 or later",
        ["proxy_get_log_level"] = "ABI 0.2.1",
    };

    private void DefineImports(Linker linker)
    {
        void Define(string name, Delegate function) => linker.DefineFunction(Env, name, function);

        Define("proxy_done", new Func<Caller, int>(ProxyDone));
        Define("proxy_set_effective_context", new Func<Caller, int, int>(ProxySetEffectiveContext));
        Define("proxy_log", new Func<Caller, int, int, int, int>(ProxyLog));
        Define("proxy_get_current_time_nanoseconds", new Func<Caller, int, int>(ProxyGetCurrentTimeNanoseconds));
        Define("proxy_set_tick_period_milliseconds", new Func<Caller, int, int>(ProxySetTickPeriodMilliseconds));

        Define("proxy_get_buffer_bytes", new Func<Caller, int, int, int, int, int, int>(ProxyGetBufferBytes));
        Define("proxy_set_buffer_bytes", new Func<Caller, int, int, int, int, int, int>(ProxySetBufferBytes));
        Define("proxy_get_buffer_status", new Func<Caller, int, int, int, int>(ProxyGetBufferStatus));

        Define("proxy_get_header_map_size", new Func<Caller, int, int, int>(ProxyGetHeaderMapSize));
        Define("proxy_get_header_map_pairs", new Func<Caller, int, int, int, int>(ProxyGetHeaderMapPairs));
        Define("proxy_set_header_map_pairs", new Func<Caller, int, int, int, int>(ProxySetHeaderMapPairs));
        Define("proxy_get_header_map_value", new Func<Caller, int, int, int, int, int, int>(ProxyGetHeaderMapValue));
        Define("proxy_add_header_map_value", new Func<Caller, int, int, int, int, int, int>(ProxyAddHeaderMapValue));
        Define("proxy_replace_header_map_value", new Func<Caller, int, int, int, int, int, int>(ProxyReplaceHeaderMapValue));
        Define("proxy_remove_header_map_value", new Func<Caller, int, int, int, int>(ProxyRemoveHeaderMapValue));

        Define("proxy_send_local_response", new Func<Caller, int, int, int, int, int, int, int, int, int>(ProxySendLocalResponse));
        Define("proxy_get_status", new Func<Caller, int, int, int, int>(ProxyGetStatus));

        Define("proxy_http_call", new Func<Caller, int, int, int, int, int, int, int, int, int, int, int>(ProxyHttpCall));
        Define("proxy_grpc_call", new Func<Caller, int, int, int, int, int, int, int, int, int, int, int, int, int>(ProxyGrpcCall));
        Define("proxy_grpc_stream", new Func<Caller, int, int, int, int, int, int, int, int, int, int>(ProxyGrpcStream));
        Define("proxy_grpc_send", new Func<Caller, int, int, int, int, int>(ProxyGrpcSend));
        Define("proxy_grpc_cancel", new Func<Caller, int, int>(ProxyGrpcCancel));
        Define("proxy_grpc_close", new Func<Caller, int, int>(ProxyGrpcClose));

        Define("proxy_set_shared_data", new Func<Caller, int, int, int, int, int, int>(ProxySetSharedData));
        Define("proxy_get_shared_data", new Func<Caller, int, int, int, int, int, int>(ProxyGetSharedData));
        Define("proxy_register_shared_queue", new Func<Caller, int, int, int, int>(ProxyRegisterSharedQueue));
        Define("proxy_resolve_shared_queue", new Func<Caller, int, int, int, int, int, int>(ProxyResolveSharedQueue));
        Define("proxy_enqueue_shared_queue", new Func<Caller, int, int, int, int>(ProxyEnqueueSharedQueue));
        Define("proxy_dequeue_shared_queue", new Func<Caller, int, int, int, int>(ProxyDequeueSharedQueue));

        Define("proxy_define_metric", new Func<Caller, int, int, int, int, int>(ProxyDefineMetric));
        Define("proxy_record_metric", new Func<Caller, int, long, int>(ProxyRecordMetric));
        Define("proxy_increment_metric", new Func<Caller, int, long, int>(ProxyIncrementMetric));
        Define("proxy_get_metric", new Func<Caller, int, int, int>(ProxyGetMetric));

        Define("proxy_get_property", new Func<Caller, int, int, int, int, int>(ProxyGetProperty));
        Define("proxy_set_property", new Func<Caller, int, int, int, int, int>(ProxySetProperty));
        Define("proxy_call_foreign_function", new Func<Caller, int, int, int, int, int, int, int>(ProxyCallForeignFunction));

        switch (Abi)
        {
            case ProxyAbiVersion.V0_1_0:
                Define("proxy_get_configuration", new Func<Caller, int, int, int>(ProxyGetConfiguration));
                Define("proxy_continue_request", new Func<Caller, int>(ProxyContinueRequest));
                Define("proxy_continue_response", new Func<Caller, int>(ProxyContinueResponse));
                Define("proxy_clear_route_cache", new Func<Caller, int>(ProxyClearRouteCache));
                break;
            case ProxyAbiVersion.V0_2_0:
                Define("proxy_continue_stream", new Func<Caller, int, int>(ProxyContinueStream));
                Define("proxy_close_stream", new Func<Caller, int, int>(ProxyCloseStream));
                break;
            default:
                Define("proxy_continue_stream", new Func<Caller, int, int>(ProxyContinueStream));
                Define("proxy_close_stream", new Func<Caller, int, int>(ProxyCloseStream));
                Define("proxy_get_log_level", new Func<Caller, int, int>(ProxyGetLogLevel));
                break;
        }

        // Imports toolchains add beside the ABI (ABI doc §2.8).
        Define("emscripten_notify_memory_growth", new Action<int>(static _ => { }));
        Define("pthread_equal", new Func<int, int, int>(static (left, right) => left == right ? 1 : 0));
        Define("abort", new Action<Caller, int, int, int, int>(Abort));
    }

    /// <summary>AssemblyScript's abort (without <c>--use abort=…</c>): log the message, then trap.</summary>
    private void Abort(Caller caller, int messagePointer, int filePointer, int line, int column)
    {
        var message = GuestMemory.ReadAssemblyScriptString(caller.Memory, messagePointer);
        var file = GuestMemory.ReadAssemblyScriptString(caller.Memory, filePointer);
        var text = $"the filter aborted: {(message.Length == 0 ? "(no message)" : message)} at {file}({line}:{column})";
        _plugin.LogHost(ProxyLogLevel.Critical, text);
        throw new GuestAbortException(text);
    }

    /// <summary>Refuses a module that imports what the host lacks, naming every missing import, or binds stubs when the plugin allows unknown imports.</summary>
    private void BindUnknownImports(Linker linker)
    {
        var missing = new List<string>();
        var definition = _module.Module.Definition;
        foreach (var import in _module.Module.Imports)
        {
            if (linker.IsDefined(import.Module, import.Name))
            {
                continue;
            }

            if (import.Kind == ExternalKind.Function && import.Module == Env && _configuration.AllowUnknownImports)
            {
                var type = definition.Types[(int)import.FunctionTypeIndex];
                var name = import.Name;
                var warned = false;
                linker.DefineFunction(Env, name, type, (_, _, results) =>
                {
                    if (!warned)
                    {
                        warned = true;
                        _plugin.LogHost(ProxyLogLevel.Warn, $"the filter called env.{name}, which this host does not provide; answering UNIMPLEMENTED");
                    }

                    if (results.Length == 1 && results[0].Kind == ValueKind.I32)
                    {
                        results[0] = Value.FromInt32((int)ProxyStatus.Unimplemented);
                    }
                });
                continue;
            }

            var note = VersionSpecific.TryGetValue(import.Name, out var version) && import.Module == Env
                ? $" (only in {version}; the module declares ABI {_module.AbiVersionText})"
                : string.Empty;
            missing.Add($"{import.Module}.{import.Name}{note}");
        }

        if (missing.Count > 0)
        {
            throw new PluginLoadException($"plugin '{_plugin.Name}': the module imports what this host does not provide: {string.Join(", ", missing)}");
        }
    }
}
