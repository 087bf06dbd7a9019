namespace Weir.Gateway.Configuration;

/// <summary>Failures a route may retry.</summary>
[Flags]
internal enum RetryConditions
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The connection to the endpoint could not be made (<c>connect_failure</c>).</summary>
    ConnectFailure = 1,

    /// <summary>The endpoint closed or reset the connection before a response (<c>reset</c>).</summary>
    Reset = 2,

    /// <summary>The endpoint answered 502, 503 or 504 (<c>gateway_error</c>).</summary>
    GatewayError = 4,

    /// <summary>The endpoint answered any 5xx (<c>5xx</c>).</summary>
    ServerError = 8,

    /// <summary>An attempt timed out (<c>timeout</c>), only with a per-try timeout.</summary>
    Timeout = 16,
}
