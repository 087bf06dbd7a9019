namespace Weir.ProxyWasm;

/// <summary>What a <see cref="ForeignFunction"/> returns.</summary>
public readonly struct ForeignFunctionResult : IEquatable<ForeignFunctionResult>
{
    private ForeignFunctionResult(ProxyStatus status, ReadOnlyMemory<byte> value)
    {
        Status = status;
        Value = value;
    }

    /// <summary>The status the guest receives.</summary>
    public ProxyStatus Status { get; }

    /// <summary>The result bytes (only with <see cref="ProxyStatus.Ok"/>).</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Success with a result.</summary>
    public static ForeignFunctionResult Ok(ReadOnlyMemory<byte> value) => new(ProxyStatus.Ok, value);

    /// <summary>A failure (for example <see cref="ProxyStatus.BadArgument"/> or <see cref="ProxyStatus.SerializationFailure"/>).</summary>
    public static ForeignFunctionResult Fail(ProxyStatus status) =>
        status == ProxyStatus.Ok ? throw new ArgumentException("a failure needs a status other than Ok", nameof(status)) : new(status, default);

    /// <inheritdoc />
    public bool Equals(ForeignFunctionResult other) => Status == other.Status && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ForeignFunctionResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Status, Value.Length);

    /// <summary>Compares status and bytes.</summary>
    public static bool operator ==(ForeignFunctionResult left, ForeignFunctionResult right) => left.Equals(right);

    /// <summary>Compares status and bytes.</summary>
    public static bool operator !=(ForeignFunctionResult left, ForeignFunctionResult right) => !left.Equals(right);
}
