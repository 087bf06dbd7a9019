using Weir.Wasm;

namespace Weir.GuestFilter;

/// <summary>
/// One HTTP exchange as a proxy-wasm host drives a filter's stream context (ABI 0.2.x shapes):
/// create, request headers (4 headers, end of stream), response headers (4, more to come), a
/// 13-byte response body (end of stream), then log, done and delete.
/// </summary>
internal sealed class Exchange
{
    private readonly Action<int, int> _onContextCreate;
    private readonly Func<int, int, int, int> _onRequestHeaders;
    private readonly Func<int, int, int, int> _onResponseHeaders;
    private readonly Func<int, int, int, int> _onResponseBody;
    private readonly Action<int> _onLog;
    private readonly Func<int, int> _onDone;
    private readonly Action<int> _onDelete;

    public Exchange(Instance instance)
    {
        _onContextCreate = Program.Export(instance.GetAction<int, int>("proxy_on_context_create"), "proxy_on_context_create");
        _onRequestHeaders = Program.Export(instance.GetFunction<int, int, int, int>("proxy_on_request_headers"), "proxy_on_request_headers");
        _onResponseHeaders = Program.Export(instance.GetFunction<int, int, int, int>("proxy_on_response_headers"), "proxy_on_response_headers");
        _onResponseBody = Program.Export(instance.GetFunction<int, int, int, int>("proxy_on_response_body"), "proxy_on_response_body");
        _onLog = Program.Export(instance.GetAction<int>("proxy_on_log"), "proxy_on_log");
        _onDone = Program.Export(instance.GetFunction<int, int>("proxy_on_done"), "proxy_on_done");
        _onDelete = Program.Export(instance.GetAction<int>("proxy_on_delete"), "proxy_on_delete");
    }

    public void Run(int context, int rootContext)
    {
        _onContextCreate(context, rootContext);
        var actions = _onRequestHeaders(context, 4, 1);
        actions |= _onResponseHeaders(context, 4, 0);
        actions |= _onResponseBody(context, 13, 1);
        _onLog(context);
        _onDone(context);
        _onDelete(context);
        if (actions != 0)
        {
            throw new InvalidOperationException($"exchange {context} paused ({actions})");
        }
    }
}
