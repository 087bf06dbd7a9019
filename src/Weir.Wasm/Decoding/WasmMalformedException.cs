namespace Weir.Wasm;

/// <summary>The bytes are not a well-formed WebAssembly binary (the spec's "malformed").</summary>
public sealed class WasmMalformedException : Exception
{
    /// <summary>Creates the exception for a problem at a byte offset of the binary.</summary>
    public WasmMalformedException(string reason, long offset)
        : base($"malformed module at byte offset {offset} (0x{offset:X}): {reason}")
    {
        Reason = reason;
        Offset = offset;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public WasmMalformedException()
        : this("malformed module", 0)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public WasmMalformedException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public WasmMalformedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>The spec's wording of the problem (for example "unexpected end").</summary>
    public string Reason { get; } = "malformed module";

    /// <summary>The byte offset in the binary where the problem was found.</summary>
    public long Offset { get; }
}
