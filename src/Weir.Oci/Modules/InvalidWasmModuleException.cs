namespace Weir.Oci.Modules;

/// <summary>The bytes are not a well-formed Wasm binary; the message gives the byte offset and the problem.</summary>
public sealed class InvalidWasmModuleException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="offset"/>.</summary>
    public InvalidWasmModuleException(string message, long offset)
        : base($"Invalid Wasm module at byte {offset}: {message}")
    {
        Offset = offset;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InvalidWasmModuleException()
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InvalidWasmModuleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public InvalidWasmModuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The byte offset where reading failed.</summary>
    public long Offset { get; }
}
