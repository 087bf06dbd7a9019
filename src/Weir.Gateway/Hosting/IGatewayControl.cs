using Weir.Gateway.Metrics;

namespace Weir.Gateway.Hosting;

/// <summary>What the admin endpoints need from the running gateway.</summary>
internal interface IGatewayControl
{
    GatewaySnapshot? Current { get; }

    GatewayMetrics Metrics { get; }

    /// <summary>Metrics filters defined, or null while no filter has run.</summary>
    Weir.ProxyWasm.MetricRegistry? FilterMetrics { get; }

    /// <summary>Where the configuration comes from (a file path, or <c>command line</c>).</summary>
    string SourceName { get; }

    /// <summary>Bound addresses by listener name.</summary>
    IReadOnlyDictionary<string, Uri> ListenerAddresses { get; }

    Task<ReloadResult> ReloadAsync(CancellationToken cancellationToken);

    /// <summary>Reasons the gateway is not ready; empty when it is.</summary>
    IReadOnlyList<string> NotReadyReasons();
}
