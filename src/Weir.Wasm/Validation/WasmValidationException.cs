namespace Weir.Wasm;

/// <summary>The binary is well formed but breaks the spec's validation rules (the spec's "invalid").</summary>
public sealed class WasmValidationException : Exception
{
    /// <summary>Creates the exception for a problem at a byte offset, inside a function when <paramref name="functionIndex"/> is not negative.</summary>
    public WasmValidationException(string reason, long offset, int functionIndex = -1)
        : base(functionIndex >= 0
            ? $"invalid module at byte offset {offset} (0x{offset:X}) in function {functionIndex}: {reason}"
            : $"invalid module at byte offset {offset} (0x{offset:X}): {reason}")
    {
        Reason = reason;
        Offset = offset;
        FunctionIndex = functionIndex;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public WasmValidationException()
        : this("invalid module", 0)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public WasmValidationException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public WasmValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
        FunctionIndex = -1;
    }

    /// <summary>The spec's wording of the problem (for example "type mismatch").</summary>
    public string Reason { get; } = "invalid module";

    /// <summary>The byte offset in the binary where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The index of the function (in the function index space) whose body is invalid, or -1.</summary>
    public int FunctionIndex { get; }
}
