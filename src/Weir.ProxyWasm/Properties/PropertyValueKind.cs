namespace Weir.ProxyWasm;

/// <summary>The type of a <see cref="PropertyValue"/>, which decides its wire encoding.</summary>
public enum PropertyValueKind
{
    /// <summary>No value.</summary>
    None,

    /// <summary>UTF-8 text, no terminator.</summary>
    String,

    /// <summary>Raw bytes.</summary>
    Bytes,

    /// <summary>8 bytes little-endian two's complement.</summary>
    Int64,

    /// <summary>8 bytes little-endian.</summary>
    UInt64,

    /// <summary>8 bytes IEEE-754 little-endian.</summary>
    Double,

    /// <summary>1 byte, 0 or 1.</summary>
    Boolean,

    /// <summary>Nanoseconds since the Unix epoch, 8 bytes little-endian.</summary>
    Timestamp,

    /// <summary>Nanoseconds, 8 bytes little-endian.</summary>
    Duration,

    /// <summary>A map in the ABI's serialized pairs format.</summary>
    Map,
}
