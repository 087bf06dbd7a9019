using System.Globalization;
using Microsoft.Extensions.Logging;
using Weir.Gateway.Configuration;

namespace Weir.Gateway.Clusters;

/// <summary>Active health checking: every interval, a GET of the check path on each endpoint; thresholds of consecutive results flip its health.</summary>
internal sealed class HealthChecker : IAsyncDisposable
{
    private readonly ClusterRuntime _cluster;
    private readonly HealthCheckDefinition _definition;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public HealthChecker(ClusterRuntime cluster, HealthCheckDefinition definition, ILogger logger)
    {
        _cluster = cluster;
        _definition = definition;
        _logger = logger;
    }

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stopping.Token));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping is the expected way out of the loop.
            }
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_definition.Interval);
        do
        {
            await Task.WhenAll(_cluster.Endpoints.Select(endpoint => CheckAsync(endpoint, stopping))).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
    }

    private async Task CheckAsync(UpstreamEndpoint endpoint, CancellationToken stopping)
    {
        var failure = await ProbeAsync(endpoint, stopping).ConfigureAwait(false);
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        endpoint.LastHealthCheckFailure = failure;
        if (failure is null)
        {
            endpoint.ConsecutiveFailures = 0;
            endpoint.ConsecutiveSuccesses++;
            if (!endpoint.Healthy && endpoint.ConsecutiveSuccesses >= _definition.HealthyThreshold)
            {
                endpoint.SetHealthy(true);
                _cluster.HealthChanged(endpoint);
            }
        }
        else
        {
            endpoint.ConsecutiveSuccesses = 0;
            endpoint.ConsecutiveFailures++;
            if (endpoint.Healthy && endpoint.ConsecutiveFailures >= _definition.UnhealthyThreshold)
            {
                endpoint.SetHealthy(false);
                _cluster.HealthChanged(endpoint);
            }
        }
    }

    /// <summary>Null when the check passed, otherwise why it failed.</summary>
    private async Task<string?> ProbeAsync(UpstreamEndpoint endpoint, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_definition.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.Address + _definition.Path)
        {
            Version = _cluster.Version,
            VersionPolicy = _cluster.VersionPolicy,
        };
        request.Headers.TryAddWithoutValidation("user-agent", "weir-health-check");
        try
        {
            using var response = await _cluster.Invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status >= _definition.ExpectedStatusMin && status <= _definition.ExpectedStatusMax
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"status {status}");
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return "timed out after " + Quantities.FormatDuration(_definition.Timeout);
        }
        catch (HttpRequestException exception)
        {
            GatewayLog.HealthCheckError(_logger, _cluster.Name, endpoint.Address, exception.Message);
            return exception.Message;
        }
    }
}
