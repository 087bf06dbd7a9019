namespace Weir.ProxyWasm.Hosting;

// HTTP callouts: proxy_http_call queues the request; once the guest call has returned it goes to
// the runtime's dispatcher, and the answer (or failure) comes back to the root context through
// proxy_on_http_call_response under the VM's gate, never inside another callback.
internal sealed partial class ProxyVm
{
    private int _lastCalloutId;

    private int NextCalloutId()
    {
        _lastCalloutId = _lastCalloutId == int.MaxValue ? 1 : _lastCalloutId + 1;
        return _lastCalloutId;
    }

    private async Task RunCalloutAsync(int callId, HttpCalloutRequest request, IHttpCalloutDispatcher dispatcher)
    {
        CompletedCallout result;
        var timeProvider = _runtime.Options.TimeProvider;
        using var timeout = request.Timeout is { } limit ? new CancellationTokenSource(limit, timeProvider) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _shutdown.Token);
        try
        {
            var response = await dispatcher.SendAsync(request, linked.Token).ConfigureAwait(false);
            result = CompletedCallout.FromResponse(callId, response);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            _plugin.LogHost(ProxyLogLevel.Debug, $"HTTP callout {callId} to '{request.Upstream}' timed out after {request.Timeout!.Value.TotalMilliseconds} ms");
            result = CompletedCallout.Failure(callId, "timeout");
        }
        catch (Exception exception)
        {
            _plugin.LogHost(ProxyLogLevel.Warn, $"HTTP callout {callId} to '{request.Upstream}' failed: {exception.Message}");
            result = CompletedCallout.Failure(callId, "reset");
        }

        await DeliverCalloutAsync(result).ConfigureAwait(false);
    }

    private async Task DeliverCalloutAsync(CompletedCallout result)
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (State != VmState.Running || _onHttpCallResponse is not { } callback || _root is not { } root)
            {
                return;
            }

            Run("proxy_on_http_call_response", root, (callback, root.Id, result, vm: this), static s =>
            {
                s.vm._scopeCallout = s.result;
                var succeeded = s.result.Succeeded;
                s.callback(s.Id, s.result.CallId, succeeded ? s.result.Headers.Count : 0, succeeded ? s.result.Body.Length : 0, succeeded ? s.result.Trailers.Count : 0);
                return 0;
            });
        }
        catch (VmFailedException)
        {
            // Logged; the streams of this VM already got the failure policy.
        }
        finally
        {
            Gate.Release();
        }
    }
}
