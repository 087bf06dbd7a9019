using Weir.ProxyWasm.Abi;
using Weir.ProxyWasm.Streams;
using Weir.Wasm;

namespace Weir.ProxyWasm.Hosting;

// Host → guest calls: the exported callbacks as typed delegates, each run between Begin and End
// (deadline, effective context, deferred actions) with traps turned into VM failure.
internal sealed partial class ProxyVm
{
    private Action<int, int>? _onContextCreate;
    private Func<int, int, int>? _onVmStart;
    private Func<int, int, int>? _onConfigure;
    private Func<int, int>? _onDone;
    private Action<int>? _onLog;
    private Action<int>? _onDelete;
    private Action<int>? _onTick;
    private Func<int, int, int>? _onRequestHeaders2;
    private Func<int, int, int, int>? _onRequestHeaders3;
    private Func<int, int, int>? _onResponseHeaders2;
    private Func<int, int, int, int>? _onResponseHeaders3;
    private Func<int, int, int, int>? _onRequestBody;
    private Func<int, int, int, int>? _onResponseBody;
    private Func<int, int, int>? _onRequestTrailers;
    private Func<int, int, int>? _onResponseTrailers;
    private Action<int, int, int, int, int>? _onHttpCallResponse;
    private Action<int, int>? _onQueueReady;
    private Action<int, int, int>? _onForeignFunction;

    // What the current callback makes available beyond its context: a configuration or
    // foreign-function argument buffer, or a finished callout.
    private BufferType? _scopeBufferType;
    private ReadOnlyMemory<byte> _scopeBuffer;
    private CompletedCallout? _scopeCallout;

    public int CallHeaders(StreamContext stream, StreamDirection direction, int headerCount, bool endOfStream)
    {
        var (two, three, name) = direction == StreamDirection.Request
            ? (_onRequestHeaders2, _onRequestHeaders3, "proxy_on_request_headers")
            : (_onResponseHeaders2, _onResponseHeaders3, "proxy_on_response_headers");
        if (three is not null)
        {
            return Run(name, stream, (three, stream.Id, headerCount, endOfStream ? 1 : 0), static s => s.three(s.Id, s.headerCount, s.Item4));
        }

        return two is null ? 0 : Run(name, stream, (two, stream.Id, headerCount), static s => s.two(s.Id, s.headerCount));
    }

    public int CallBody(StreamContext stream, StreamDirection direction, int bodySize, bool endOfStream)
    {
        var (callback, name) = direction == StreamDirection.Request
            ? (_onRequestBody, "proxy_on_request_body")
            : (_onResponseBody, "proxy_on_response_body");
        return callback is null ? 0 : Run(name, stream, (callback, stream.Id, bodySize, endOfStream ? 1 : 0), static s => s.callback(s.Id, s.bodySize, s.Item4));
    }

    public int CallTrailers(StreamContext stream, StreamDirection direction, int trailerCount)
    {
        var (callback, name) = direction == StreamDirection.Request
            ? (_onRequestTrailers, "proxy_on_request_trailers")
            : (_onResponseTrailers, "proxy_on_response_trailers");
        return callback is null ? 0 : Run(name, stream, (callback, stream.Id, trailerCount), static s => s.callback(s.Id, s.trailerCount));
    }

    /// <summary>The end of a stream, in Envoy's HTTP order: log, done (result ignored for streams), delete.</summary>
    public void CallStreamEnd(StreamContext stream)
    {
        if (_onLog is { } log)
        {
            Run("proxy_on_log", stream, (log, stream.Id), static s =>
            {
                s.log(s.Id);
                return 0;
            });
        }

        if (_onDone is { } done)
        {
            Run("proxy_on_done", stream, (done, stream.Id), static s => s.done(s.Id));
        }

        if (_onDelete is { } delete)
        {
            Run("proxy_on_delete", stream, (delete, stream.Id), static s =>
            {
                s.delete(s.Id);
                return 0;
            });
        }
    }

    /// <summary>Delivers foreign-function arguments to the root context (<c>proxy_on_foreign_function</c>, 0.2.x). Caller holds the gate.</summary>
    public void CallForeignFunction(int functionId, ReadOnlyMemory<byte> arguments)
    {
        if (_onForeignFunction is not { } callback || _root is not { } root || Abi == ProxyAbiVersion.V0_1_0)
        {
            return;
        }

        Run("proxy_on_foreign_function", root, (callback, root.Id, functionId, arguments, vm: this), static s =>
        {
            s.vm.SetScope(BufferType.ForeignFunctionArguments, s.arguments);
            s.callback(s.Id, s.functionId, s.arguments.Length);
            return 0;
        });
    }

    private void ResolveExports()
    {
        var instance = _instance!;
        _allocate = instance.GetFunction<int, int>(_module.AllocatorExport);

        // malloc(0) is well defined and AssemblyScript needs a real pointer for an empty configuration;
        // SDK allocators (proxy_on_memory_allocate) may not accept 0, so they get ptr 0 / size 0 instead.
        _allocateEmptyResults = _module.AllocatorExport == "malloc";
        _onContextCreate = instance.GetAction<int, int>("proxy_on_context_create");
        _onVmStart = instance.GetFunction<int, int, int>("proxy_on_vm_start");
        _onConfigure = instance.GetFunction<int, int, int>("proxy_on_configure");
        _onDone = instance.GetFunction<int, int>("proxy_on_done");
        _onLog = instance.GetAction<int>("proxy_on_log");
        _onDelete = instance.GetAction<int>("proxy_on_delete");
        _onTick = instance.GetAction<int>("proxy_on_tick");
        if (_module.RequestHeadersParameterCount == 3)
        {
            _onRequestHeaders3 = instance.GetFunction<int, int, int, int>("proxy_on_request_headers");
        }
        else
        {
            _onRequestHeaders2 = instance.GetFunction<int, int, int>("proxy_on_request_headers");
        }

        if (_module.ResponseHeadersParameterCount == 3)
        {
            _onResponseHeaders3 = instance.GetFunction<int, int, int, int>("proxy_on_response_headers");
        }
        else
        {
            _onResponseHeaders2 = instance.GetFunction<int, int, int>("proxy_on_response_headers");
        }

        _onRequestBody = instance.GetFunction<int, int, int, int>("proxy_on_request_body");
        _onResponseBody = instance.GetFunction<int, int, int, int>("proxy_on_response_body");
        _onRequestTrailers = instance.GetFunction<int, int, int>("proxy_on_request_trailers");
        _onResponseTrailers = instance.GetFunction<int, int, int>("proxy_on_response_trailers");
        _onHttpCallResponse = instance.GetAction<int, int, int, int, int>("proxy_on_http_call_response");
        _onQueueReady = instance.GetAction<int, int>("proxy_on_queue_ready");
        _onForeignFunction = instance.GetAction<int, int, int>("proxy_on_foreign_function");
    }

    private bool CallVmStart(RootContextState root)
    {
        if (_onVmStart is not { } callback)
        {
            return true;
        }

        var configuration = _configuration.VmConfiguration;
        return Run("proxy_on_vm_start", root, (callback, root.Id, configuration, vm: this), static s =>
        {
            s.vm.SetScope(BufferType.VmConfiguration, s.configuration);
            return s.callback(s.Id, s.configuration.Length);
        }) != 0;
    }

    private bool CallConfigure(RootContextState root)
    {
        if (_onConfigure is not { } callback)
        {
            return true;
        }

        var configuration = _configuration.Configuration;
        return Run("proxy_on_configure", root, (callback, root.Id, configuration, vm: this), static s =>
        {
            s.vm.SetScope(BufferType.PluginConfiguration, s.configuration);
            return s.callback(s.Id, s.configuration.Length);
        }) != 0;
    }

    private bool CallRootDone(RootContextState root) =>
        _onDone is not { } done || Run("proxy_on_done", root, (done, root.Id), static s => s.done(s.Id)) != 0;

    private void CallRootDelete(RootContextState root)
    {
        root.AwaitingDone = false;
        try
        {
            if (_onDelete is { } delete)
            {
                Run("proxy_on_delete", root, (delete, root.Id), static s =>
                {
                    s.delete(s.Id);
                    return 0;
                });
            }
        }
        finally
        {
            // A deleted root gets no more ticks (they may still have been due while it finished).
            StopTicks();
            root.Deleted.TrySetResult();
        }
    }

    private async Task DeliverQueueReadyAsync(int rootContextId, uint token)
    {
        // Never inline: the enqueue may come from this VM's own callback, which holds the gate.
        await Task.Yield();
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (State != VmState.Running || _onQueueReady is not { } callback || _root is not { } root || root.Id != rootContextId)
            {
                return;
            }

            Run("proxy_on_queue_ready", root, (callback, root.Id, token), static s =>
            {
                s.callback(s.Id, unchecked((int)s.token));
                return 0;
            });
        }
        catch (VmFailedException)
        {
            // Logged and handled by the pool.
        }
        finally
        {
            Gate.Release();
        }
    }

    private void SetScope(BufferType bufferType, ReadOnlyMemory<byte> buffer)
    {
        _scopeBufferType = bufferType;
        _scopeBuffer = buffer;
    }

    private void ClearScope()
    {
        _scopeBufferType = null;
        _scopeBuffer = default;
        _scopeCallout = null;
    }

    private TResult Run<TState, TResult>(string callback, ContextState? context, TState state, Func<TState, TResult> call)
    {
        Begin(callback, context);
        try
        {
            return call(state);
        }
        catch (WasmTrapException trap)
        {
            throw Fail(trap);
        }
        finally
        {
            End();
        }
    }
}
