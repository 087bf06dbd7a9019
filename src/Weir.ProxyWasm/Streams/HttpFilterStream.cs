using Weir.ProxyWasm.Hosting;
using Weir.ProxyWasm.Streams;

namespace Weir.ProxyWasm;

/// <summary>
/// One HTTP exchange going through one plugin's filter, driven by the server: hand it each event in
/// order (request headers, body chunks, trailers, then the same for the response) and act on each
/// <see cref="FilterOutcome"/>; finish with <see cref="CompleteAsync"/> (log → done → delete, as
/// Envoy). The stream is pinned to one VM for its life.
/// </summary>
/// <remarks>
/// <para>Pausing follows Envoy: a filter that pauses in a headers callback gets no body callbacks
/// until it resumes, so the outcome of that call completes only when it continues, answers, resets
/// or fails (meanwhile the server should not read the body: flow control does the buffering). A
/// filter that pauses in a body callback before the end of the stream makes the host buffer: the
/// outcome is <see cref="FilterOutcomeKind.Buffering"/> and the next chunk's callback sees the
/// accumulated body. Pausing at the end of the stream, or in trailers, waits like headers.</para>
/// <para>The request and response directions may be driven from different threads; calls of one
/// direction must not overlap. Body bytes in an outcome stay valid until the next call of the same
/// direction or <see cref="CompleteAsync"/>.</para>
/// </remarks>
public sealed class HttpFilterStream : IAsyncDisposable
{
    private readonly Plugin _plugin;
    private readonly StreamContext _context;
    private ProxyVm? _vm;
    private bool _noVm;
    private int _completed;

    internal HttpFilterStream(Plugin plugin, IHttpStream stream)
    {
        _plugin = plugin;
        _context = new StreamContext(plugin, stream, plugin.Runtime.Options.TimeProvider.GetUtcNow());
    }

    /// <summary>The plugin.</summary>
    public Plugin Plugin => _plugin;

    /// <summary>The server's side of the exchange.</summary>
    public IHttpStream Stream => _context.Http;

    /// <summary>The filter failed and the plugin fails open: the rest of the exchange skips it.</summary>
    public bool IsBypassed => _context.Bypassed;

    /// <summary>The filter (or its VM) failed during this exchange.</summary>
    public bool HasFailed => _context.Failed;

    /// <summary>How the filter ended the exchange (a local response or a reset), or null.</summary>
    public FilterOutcome? Ending => _context.Terminal;

    /// <summary>The guest's context id for this stream (0 until the filter has seen it).</summary>
    public int ContextId => _context.Id;

    /// <summary>Request headers are ready in <see cref="IHttpStream.RequestHeaders"/>; <paramref name="endOfStream"/> when the request has no body or trailers.</summary>
    public ValueTask<FilterOutcome> OnRequestHeadersAsync(bool endOfStream, CancellationToken cancellationToken = default) =>
        ProcessHeadersAsync(_context.Request, endOfStream, cancellationToken);

    /// <summary>A request body chunk (may be empty with <paramref name="endOfStream"/> to mark the end).</summary>
    public ValueTask<FilterOutcome> OnRequestBodyAsync(ReadOnlyMemory<byte> chunk, bool endOfStream, CancellationToken cancellationToken = default) =>
        ProcessBodyAsync(_context.Request, chunk, endOfStream, cancellationToken);

    /// <summary>Request trailers are ready in <see cref="IHttpStream.RequestTrailers"/> (they end the request).</summary>
    public ValueTask<FilterOutcome> OnRequestTrailersAsync(CancellationToken cancellationToken = default) =>
        ProcessTrailersAsync(_context.Request, cancellationToken);

    /// <summary>Response headers (with <c>:status</c>) are ready in <see cref="IHttpStream.ResponseHeaders"/>.</summary>
    public ValueTask<FilterOutcome> OnResponseHeadersAsync(bool endOfStream, CancellationToken cancellationToken = default) =>
        ProcessHeadersAsync(_context.Response, endOfStream, cancellationToken);

    /// <summary>A response body chunk.</summary>
    public ValueTask<FilterOutcome> OnResponseBodyAsync(ReadOnlyMemory<byte> chunk, bool endOfStream, CancellationToken cancellationToken = default) =>
        ProcessBodyAsync(_context.Response, chunk, endOfStream, cancellationToken);

    /// <summary>Response trailers are ready in <see cref="IHttpStream.ResponseTrailers"/>.</summary>
    public ValueTask<FilterOutcome> OnResponseTrailersAsync(CancellationToken cancellationToken = default) =>
        ProcessTrailersAsync(_context.Response, cancellationToken);

    /// <summary>
    /// Ends the exchange for the filter: <c>proxy_on_log</c>, <c>proxy_on_done</c>, <c>proxy_on_delete</c>
    /// (skipped when the filter failed), then releases the VM. A pending outcome completes as a reset.
    /// </summary>
    public async ValueTask CompleteAsync()
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        var vm = _vm;
        if (vm is null && !_noVm && !_context.Bypassed && !_context.Failed && _plugin.Module.Exports("proxy_on_log"))
        {
            // Envoy logs every stream, creating its context if no event reached the filter.
            vm = await AcquireAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (vm is not null)
        {
            await vm.Gate.WaitAsync().ConfigureAwait(false);
            try
            {
                foreach (var direction in new[] { _context.Request, _context.Response })
                {
                    if (direction.Waiter is { } abandoned)
                    {
                        direction.Waiter = null;
                        abandoned.TrySetResult(FilterOutcome.Reset);
                    }
                }

                if (vm.State == VmState.Running && !_context.Bypassed && !_context.Failed)
                {
                    vm.EnsureStreamContext(_context);
                    _context.Completing = true;
                    vm.CallStreamEnd(_context);
                }
            }
            catch (VmFailedException)
            {
                // Logged; the pool replaces the VM.
            }
            finally
            {
                vm.RemoveStream(_context);
                vm.Gate.Release();
                _plugin.Pool.Release(vm, succeeded: !_context.Failed);
            }
        }

        _context.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => CompleteAsync();

    private async ValueTask<FilterOutcome> ProcessHeadersAsync(DirectionState direction, bool endOfStream, CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        if (_context.Terminal is { } ended)
        {
            return ended;
        }

        if (_context.Bypassed)
        {
            direction.HeadersContinued = true;
            return FilterOutcome.Continue;
        }

        var vm = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (vm is null)
        {
            return HeadersOutcome(direction, AfterFailure(direction));
        }

        TaskCompletionSource<FilterOutcome> waiter;
        await vm.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            direction.EndOfStream |= endOfStream;
            if (vm.State != VmState.Running)
            {
                return HeadersOutcome(direction, AfterFailure(direction));
            }

            vm.EnsureStreamContext(_context);
            direction.HeadersStarted = true;
            var headers = direction.Direction == StreamDirection.Request ? _context.Http.RequestHeaders : _context.Http.ResponseHeaders;
            int action;
            direction.InCallback = true;
            try
            {
                action = vm.CallHeaders(_context, direction.Direction, headers.Count, endOfStream);
            }
            finally
            {
                direction.InCallback = false;
            }

            if (_context.Terminal is { } terminal)
            {
                return terminal;
            }

            // 2 is the C++ SDK's ContinueAndEndStream; 1, 3, 4 and anything else stop all iteration.
            var resumed = TakeResume(direction);
            if (action is 0 or 2 || resumed)
            {
                direction.HeadersContinued = true;
                return FilterOutcome.Continue;
            }

            waiter = Pause(direction, onHeaders: true);
        }
        catch (VmFailedException)
        {
            return HeadersOutcome(direction, AfterFailure(direction));
        }
        finally
        {
            vm.Gate.Release();
        }

        return await WaitAsync(waiter, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<FilterOutcome> ProcessBodyAsync(DirectionState direction, ReadOnlyMemory<byte> chunk, bool endOfStream, CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        direction.BodyBytes += chunk.Length;
        if (_context.Terminal is { } ended)
        {
            return ended;
        }

        var callback = direction.Direction == StreamDirection.Request ? "proxy_on_request_body" : "proxy_on_response_body";
        if (_context.Bypassed || !_plugin.Module.Exports(callback))
        {
            direction.EndOfStream |= endOfStream;
            if (direction.Held.Length == 0 && !direction.Released)
            {
                // Nothing to run and nothing held: the chunk passes untouched, without a copy.
                return FilterOutcome.ContinueWith(chunk);
            }

            if (_context.Bypassed)
            {
                direction.PrepareOutgoing();
                direction.Held.Append(chunk.Span);
                return FilterOutcome.ContinueWith(direction.ReleaseAll());
            }
        }

        var vm = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (vm is null)
        {
            direction.PrepareOutgoing();
            direction.Held.Append(chunk.Span);
            return AfterFailure(direction);
        }

        TaskCompletionSource<FilterOutcome> waiter;
        await vm.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            direction.PrepareOutgoing();
            direction.Held.Append(chunk.Span);
            direction.EndOfStream |= endOfStream;
            if (vm.State != VmState.Running)
            {
                return AfterFailure(direction);
            }

            vm.EnsureStreamContext(_context);
            direction.BodyStarted = true;
            int action;
            direction.InCallback = true;
            try
            {
                // A paused body callback sees everything buffered so far.
                action = vm.CallBody(_context, direction.Direction, direction.Held.Length, endOfStream);
            }
            finally
            {
                direction.InCallback = false;
            }

            if (_context.Terminal is { } terminal)
            {
                return terminal;
            }

            var resumed = TakeResume(direction);
            if (action == 0 || resumed)
            {
                return FilterOutcome.ContinueWith(direction.ReleaseAll());
            }

            if (direction.Held.Length > _plugin.Configuration.Limits.MaxBufferedBodyBytes)
            {
                return Overflow(direction);
            }

            if (!endOfStream)
            {
                return FilterOutcome.Buffering(direction.Deliver());
            }

            waiter = Pause(direction, onHeaders: false);
        }
        catch (VmFailedException)
        {
            return AfterFailure(direction);
        }
        finally
        {
            vm.Gate.Release();
        }

        return await WaitAsync(waiter, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<FilterOutcome> ProcessTrailersAsync(DirectionState direction, CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        direction.EndOfStream = true;
        if (_context.Terminal is { } ended)
        {
            return ended;
        }

        var callback = direction.Direction == StreamDirection.Request ? "proxy_on_request_trailers" : "proxy_on_response_trailers";
        if ((_context.Bypassed || !_plugin.Module.Exports(callback)) && direction.Held.Length == 0 && !direction.Released)
        {
            return FilterOutcome.Continue;
        }

        if (_context.Bypassed)
        {
            direction.PrepareOutgoing();
            return FilterOutcome.ContinueWith(direction.ReleaseAll());
        }

        var vm = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (vm is null)
        {
            direction.PrepareOutgoing();
            return AfterFailure(direction);
        }

        TaskCompletionSource<FilterOutcome> waiter;
        await vm.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            direction.PrepareOutgoing();
            if (vm.State != VmState.Running)
            {
                return AfterFailure(direction);
            }

            vm.EnsureStreamContext(_context);
            var trailers = direction.Direction == StreamDirection.Request ? _context.Http.RequestTrailers : _context.Http.ResponseTrailers;
            int action;
            direction.InCallback = true;
            try
            {
                action = vm.CallTrailers(_context, direction.Direction, trailers.Count);
            }
            finally
            {
                direction.InCallback = false;
            }

            if (_context.Terminal is { } terminal)
            {
                return terminal;
            }

            // Continuing at the trailers also lets through a body the filter was still holding.
            var resumed = TakeResume(direction);
            if (action == 0 || resumed)
            {
                return FilterOutcome.ContinueWith(direction.ReleaseAll());
            }

            waiter = Pause(direction, onHeaders: false);
        }
        catch (VmFailedException)
        {
            return AfterFailure(direction);
        }
        finally
        {
            vm.Gate.Release();
        }

        return await WaitAsync(waiter, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ProxyVm?> AcquireAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _vm) is { } pinned)
        {
            return pinned;
        }

        if (_noVm)
        {
            return null;
        }

        var vm = await _plugin.Pool.AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (vm is null)
        {
            _noVm = true;
            _plugin.LogHost(ProxyLogLevel.Debug, $"no VM is available; applying the {_plugin.Configuration.FailurePolicy} policy to a stream");
            return null;
        }

        // The two directions may race to take the first VM: keep one and give the other back.
        var existing = Interlocked.CompareExchange(ref _vm, vm, null);
        if (existing is not null)
        {
            _plugin.Pool.Release(vm, succeeded: true);
            return existing;
        }

        return vm;
    }

    /// <summary>The failure policy's outcome for this stream (the filter failed, or no VM can serve it).</summary>
    private FilterOutcome AfterFailure(DirectionState direction)
    {
        _context.Fail();
        return _context.OutcomeAfterEnd(direction);
    }

    private static FilterOutcome HeadersOutcome(DirectionState direction, FilterOutcome outcome)
    {
        if (outcome.Kind == FilterOutcomeKind.Continue)
        {
            direction.HeadersContinued = true;
        }

        return outcome;
    }

    private FilterOutcome Overflow(DirectionState direction)
    {
        var limit = _plugin.Configuration.Limits.MaxBufferedBodyBytes;
        _plugin.LogHost(ProxyLogLevel.Warn, $"stream {_context.Id}: the filter buffered more than {limit} bytes of the {direction.Direction.ToString().ToLowerInvariant()} body");
        var outcome = _context.Response.HeadersContinued
            ? FilterOutcome.Reset
            : FilterOutcome.Respond(direction.Direction == StreamDirection.Request
                ? new LocalResponse(413, "request_payload_too_large", "Payload Too Large\n"u8.ToArray(), [new("content-type", "text/plain")], null)
                : new LocalResponse(500, "response_payload_too_large", "Internal Server Error\n"u8.ToArray(), [new("content-type", "text/plain")], null));
        _context.EndWith(outcome);
        return outcome;
    }

    private static bool TakeResume(DirectionState direction)
    {
        var requested = direction.ResumeRequested;
        direction.ResumeRequested = false;
        return requested;
    }

    private static TaskCompletionSource<FilterOutcome> Pause(DirectionState direction, bool onHeaders)
    {
        var waiter = new TaskCompletionSource<FilterOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        direction.Waiter = waiter;
        direction.WaitingOnHeaders = onHeaders;
        return waiter;
    }

    private static async ValueTask<FilterOutcome> WaitAsync(TaskCompletionSource<FilterOutcome> waiter, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return await waiter.Task.ConfigureAwait(false);
        }

        using (cancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource<FilterOutcome>)state!).TrySetCanceled(token), waiter))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    private void ThrowIfCompleted()
    {
        if (Volatile.Read(ref _completed) != 0)
        {
            throw new InvalidOperationException("the filter stream has completed");
        }
    }
}
