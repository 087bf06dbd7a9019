namespace Weir.ProxyWasm;

/// <summary>What the gateway must do after handing a stream event to a filter.</summary>
public enum FilterOutcomeKind
{
    /// <summary>Go on: forward the (possibly modified) headers, trailers, or <see cref="FilterOutcome.Body"/> bytes.</summary>
    Continue,

    /// <summary>Body only: the filter holds the data so far; forward <see cref="FilterOutcome.Body"/> (often empty) and keep feeding chunks.</summary>
    Buffering,

    /// <summary>Stop the exchange and answer with <see cref="FilterOutcome.LocalResponse"/> instead.</summary>
    LocalResponse,

    /// <summary>Abort the exchange (the filter closed the stream, or failed after the response had started).</summary>
    Reset,
}
