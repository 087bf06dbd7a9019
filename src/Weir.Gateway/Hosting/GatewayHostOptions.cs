using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Weir.Gateway;

/// <summary>How a <see cref="GatewayHost"/> runs, beyond its configuration.</summary>
public sealed class GatewayHostOptions
{
    /// <summary>Where gateway, Kestrel and filter logs go (nowhere by default).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Reload when the configuration file changes (files only).</summary>
    public bool WatchConfigurationFile { get; init; } = true;

    /// <summary>How long a listener removed by a reload, or every listener at shutdown, waits for requests in flight.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The local OCI store <c>oci://</c> modules are resolved in (and pulled into); the default store when null.</summary>
    public string? LocalStorePath { get; init; }
}
