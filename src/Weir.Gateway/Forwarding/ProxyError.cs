namespace Weir.Gateway.Forwarding;

/// <summary>How an exchange went wrong, if it did; returned as a value on the hot path rather than thrown.</summary>
internal enum ProxyError
{
    /// <summary>Nothing went wrong.</summary>
    None,

    /// <summary>No route matched (404).</summary>
    NoRoute,

    /// <summary>The cluster had no healthy endpoint (503).</summary>
    NoHealthyEndpoint,

    /// <summary>No connection to the endpoint could be made (502).</summary>
    ConnectFailure,

    /// <summary>The upstream sent no response headers in time (504).</summary>
    Timeout,

    /// <summary>The upstream connection broke before response headers (502).</summary>
    UpstreamReset,

    /// <summary>Reading the client's request body failed (400, or 413 when it was too large).</summary>
    RequestBody,

    /// <summary>The client went away.</summary>
    ClientAborted,

    /// <summary>The upstream response body failed after the response started; the client's response was aborted.</summary>
    ResponseBody,

    /// <summary>The upgraded (WebSocket) tunnel ended with an error.</summary>
    Upgrade,

    /// <summary>A filter answered or reset the exchange.</summary>
    Filter,

    /// <summary>A filter failed and its failure policy ended the exchange.</summary>
    FilterFailure,
}
