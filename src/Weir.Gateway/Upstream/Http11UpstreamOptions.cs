namespace Weir.Gateway.Upstream;

/// <summary>How <see cref="Http11UpstreamHandler"/> makes and keeps connections (a cluster's connection settings).</summary>
/// <param name="ConnectTimeout">How long connecting may take before the request fails with a connection error.</param>
/// <param name="IdleConnectionTimeout">How long an unused pooled connection stays open; zero or less: connections are not reused.</param>
/// <param name="MaxConnectionsPerEndpoint">The most connections to one endpoint (requests beyond wait for one), or null for no limit.</param>
internal sealed record Http11UpstreamOptions(TimeSpan ConnectTimeout, TimeSpan IdleConnectionTimeout, int? MaxConnectionsPerEndpoint)
{
    /// <summary>How long a request with <c>Expect: 100-continue</c> waits for the interim answer before sending its body anyway.</summary>
    public TimeSpan ExpectContinueTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How large a response head (status line and headers), or a trailer section, may be.</summary>
    public int MaxResponseHeadBytes { get; init; } = 64 * 1024;

    /// <summary>A connection unused for this long is checked for having been closed by the server before it is used again.</summary>
    public TimeSpan ProbeIdleConnectionsAfter { get; init; } = TimeSpan.FromSeconds(1);
}
