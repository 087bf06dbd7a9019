namespace Weir.ProxyWasm;

/// <summary>
/// <c>proxy_status_t</c>: what every host function returns to the guest. The values are the ABI's;
/// 5 and 9 exist only in the C++ SDK and are never returned by this host.
/// </summary>
public enum ProxyStatus
{
    /// <summary>Success.</summary>
    Ok = 0,

    /// <summary>The key, buffer, map, context, queue, metric or function does not exist here.</summary>
    NotFound = 1,

    /// <summary>An argument is out of range or malformed.</summary>
    BadArgument = 2,

    /// <summary>A value could not be serialized.</summary>
    SerializationFailure = 3,

    /// <summary>A value could not be parsed.</summary>
    ParseFailure = 4,

    /// <summary>A pointer and length do not lie inside the guest's memory.</summary>
    InvalidMemoryAccess = 6,

    /// <summary>The shared queue has nothing to dequeue.</summary>
    Empty = 7,

    /// <summary>The compare-and-swap value does not match the current one.</summary>
    CasMismatch = 8,

    /// <summary>The host failed for a reason of its own.</summary>
    InternalFailure = 10,

    /// <summary>The callout's connection was reset or timed out (reported by <c>proxy_get_status</c>).</summary>
    BrokenConnection = 11,

    /// <summary>The host does not implement this.</summary>
    Unimplemented = 12,
}
