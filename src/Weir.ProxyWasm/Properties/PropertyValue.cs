using System.Buffers.Binary;
using System.Text;
using Weir.ProxyWasm.Abi;

namespace Weir.ProxyWasm;

/// <summary>
/// A property value (<c>proxy_get_property</c>) with its type, encoded for the guest as Envoy does:
/// strings and bytes raw, numbers, timestamps and durations as 8 little-endian bytes, booleans as
/// one byte, maps in the serialized pairs format.
/// </summary>
public readonly struct PropertyValue : IEquatable<PropertyValue>
{
    private readonly object? _reference;
    private readonly long _bits;

    private PropertyValue(PropertyValueKind kind, object? reference, long bits)
    {
        Kind = kind;
        _reference = reference;
        _bits = bits;
    }

    /// <summary>The value's type.</summary>
    public PropertyValueKind Kind { get; }

    /// <summary>A string.</summary>
    public static PropertyValue FromString(string value) => new(PropertyValueKind.String, value ?? throw new ArgumentNullException(nameof(value)), 0);

    /// <summary>Raw bytes.</summary>
    public static PropertyValue FromBytes(ReadOnlyMemory<byte> value) => new(PropertyValueKind.Bytes, value.ToArray(), 0);

    /// <summary>A signed integer.</summary>
    public static PropertyValue FromInt64(long value) => new(PropertyValueKind.Int64, null, value);

    /// <summary>An unsigned integer.</summary>
    public static PropertyValue FromUInt64(ulong value) => new(PropertyValueKind.UInt64, null, unchecked((long)value));

    /// <summary>A double.</summary>
    public static PropertyValue FromDouble(double value) => new(PropertyValueKind.Double, null, BitConverter.DoubleToInt64Bits(value));

    /// <summary>A boolean.</summary>
    public static PropertyValue FromBoolean(bool value) => new(PropertyValueKind.Boolean, null, value ? 1 : 0);

    /// <summary>A point in time.</summary>
    public static PropertyValue FromTimestamp(DateTimeOffset value) =>
        new(PropertyValueKind.Timestamp, null, (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100);

    /// <summary>A duration.</summary>
    public static PropertyValue FromDuration(TimeSpan value) => new(PropertyValueKind.Duration, null, value.Ticks * 100);

    /// <summary>A map (serialized as pairs).</summary>
    public static PropertyValue FromMap(IEnumerable<KeyValuePair<string, string>> entries) =>
        new(PropertyValueKind.Map, (entries ?? throw new ArgumentNullException(nameof(entries))).ToList(), 0);

    /// <summary>The bytes the guest receives.</summary>
    public byte[] Encode()
    {
        switch (Kind)
        {
            case PropertyValueKind.String:
                return Encoding.UTF8.GetBytes((string)_reference!);
            case PropertyValueKind.Bytes:
                return (byte[])((byte[])_reference!).Clone();
            case PropertyValueKind.Boolean:
                return [(byte)_bits];
            case PropertyValueKind.Map:
                return HeaderPairs.ToArray((List<KeyValuePair<string, string>>)_reference!);
            case PropertyValueKind.None:
                return [];
            default:
                var bytes = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(bytes, _bits);
                return bytes;
        }
    }

    /// <inheritdoc />
    public bool Equals(PropertyValue other) => Kind == other.Kind && Encode().AsSpan().SequenceEqual(other.Encode());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PropertyValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _reference is string text ? text.GetHashCode(StringComparison.Ordinal) : 0);

    /// <summary>Compares by type and encoding.</summary>
    public static bool operator ==(PropertyValue left, PropertyValue right) => left.Equals(right);

    /// <summary>Compares by type and encoding.</summary>
    public static bool operator !=(PropertyValue left, PropertyValue right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        PropertyValueKind.String => (string)_reference!,
        PropertyValueKind.Bytes => Convert.ToHexString((byte[])_reference!),
        PropertyValueKind.Int64 or PropertyValueKind.Timestamp or PropertyValueKind.Duration => _bits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PropertyValueKind.UInt64 => unchecked((ulong)_bits).ToString(System.Globalization.CultureInfo.InvariantCulture),
        PropertyValueKind.Double => BitConverter.Int64BitsToDouble(_bits).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        PropertyValueKind.Boolean => _bits != 0 ? "true" : "false",
        PropertyValueKind.Map => string.Join(", ", ((List<KeyValuePair<string, string>>)_reference!).Select(entry => $"{entry.Key}: {entry.Value}")),
        _ => "none",
    };
}
