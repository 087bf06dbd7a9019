namespace Weir.ProxyWasm;

/// <summary>
/// The result of one stream event in a filter. <see cref="Body"/> points into a buffer the filter
/// stream owns: it stays valid until the next call for the same direction, so forward or copy it
/// before then.
/// </summary>
public readonly struct FilterOutcome : IEquatable<FilterOutcome>
{
    private FilterOutcome(FilterOutcomeKind kind, ReadOnlyMemory<byte> body, LocalResponse? localResponse)
    {
        Kind = kind;
        Body = body;
        LocalResponse = localResponse;
    }

    /// <summary>What to do.</summary>
    public FilterOutcomeKind Kind { get; }

    /// <summary>Body bytes to forward now (body and trailer events only).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The response to send, when <see cref="Kind"/> is <see cref="FilterOutcomeKind.LocalResponse"/>.</summary>
    public LocalResponse? LocalResponse { get; }

    /// <summary>Go on without body bytes.</summary>
    public static FilterOutcome Continue => default;

    /// <summary>Go on and forward <paramref name="body"/>.</summary>
    public static FilterOutcome ContinueWith(ReadOnlyMemory<byte> body) => new(FilterOutcomeKind.Continue, body, null);

    /// <summary>The filter holds the body; forward <paramref name="released"/> and keep feeding chunks.</summary>
    public static FilterOutcome Buffering(ReadOnlyMemory<byte> released) => new(FilterOutcomeKind.Buffering, released, null);

    /// <summary>Answer with <paramref name="response"/>.</summary>
    public static FilterOutcome Respond(LocalResponse response) => new(FilterOutcomeKind.LocalResponse, default, response ?? throw new ArgumentNullException(nameof(response)));

    /// <summary>Abort the exchange.</summary>
    public static FilterOutcome Reset => new(FilterOutcomeKind.Reset, default, null);

    /// <summary>Whether the exchange ends here (<see cref="FilterOutcomeKind.LocalResponse"/> or <see cref="FilterOutcomeKind.Reset"/>).</summary>
    public bool IsTerminal => Kind is FilterOutcomeKind.LocalResponse or FilterOutcomeKind.Reset;

    /// <inheritdoc />
    public bool Equals(FilterOutcome other) => Kind == other.Kind && Body.Equals(other.Body) && ReferenceEquals(LocalResponse, other.LocalResponse);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FilterOutcome other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Body, LocalResponse);

    /// <summary>Compares two outcomes.</summary>
    public static bool operator ==(FilterOutcome left, FilterOutcome right) => left.Equals(right);

    /// <summary>Compares two outcomes.</summary>
    public static bool operator !=(FilterOutcome left, FilterOutcome right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        FilterOutcomeKind.LocalResponse => $"LocalResponse {LocalResponse!.StatusCode} ({LocalResponse.Details})",
        FilterOutcomeKind.Reset => "Reset",
        _ => $"{Kind} ({Body.Length} body bytes)",
    };
}
