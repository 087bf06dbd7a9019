using Weir.Gateway.Clusters;

namespace Weir.Gateway.Forwarding;

/// <summary>What happened to one forwarded exchange, for metrics and the access log.</summary>
/// <param name="Error">What went wrong, or <see cref="ProxyError.None"/>.</param>
/// <param name="Endpoint">The endpoint of the last attempt, or null when none was tried.</param>
/// <param name="Attempts">Attempts made (retries + 1), or 0.</param>
/// <param name="RequestBodyBytes">Request body bytes sent upstream.</param>
/// <param name="ResponseBodyBytes">Response body bytes sent to the client.</param>
/// <param name="UpstreamTicks">Stopwatch ticks from the last attempt's start to its response headers, or 0.</param>
internal readonly record struct ForwardOutcome(ProxyError Error, UpstreamEndpoint? Endpoint, int Attempts, long RequestBodyBytes, long ResponseBodyBytes, long UpstreamTicks);
