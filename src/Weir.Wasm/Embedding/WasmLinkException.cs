namespace Weir.Wasm;

/// <summary>A module's imports could not be satisfied: an import is missing or has an incompatible type.</summary>
public sealed class WasmLinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WasmLinkException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasmLinkException()
        : this("link error")
    {
    }

    /// <summary>Creates the exception.</summary>
    public WasmLinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
