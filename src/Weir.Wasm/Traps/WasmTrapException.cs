using System.Text;

namespace Weir.Wasm;

/// <summary>
/// The only exception a guest can raise: it carries a <see cref="TrapCode"/> and, once it has left
/// guest code, the WebAssembly frames that were active (innermost first) named from the name section.
/// </summary>
public sealed class WasmTrapException : Exception
{
    /// <summary>Creates a trap with the given code and the spec's wording of it.</summary>
    public WasmTrapException(TrapCode code)
        : this(code, DescribeCode(code))
    {
    }

    /// <summary>Creates a trap with the given code and message.</summary>
    public WasmTrapException(TrapCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Creates a trap that reports a general failure.</summary>
    public WasmTrapException()
        : this(TrapCode.Unreachable)
    {
    }

    /// <summary>Creates a trap that reports a general failure with a message.</summary>
    public WasmTrapException(string message)
        : this(TrapCode.Unreachable, message)
    {
    }

    /// <summary>Creates a trap that wraps a host failure.</summary>
    public WasmTrapException(string message, Exception innerException)
        : this(TrapCode.HostError, message, innerException)
    {
    }

    /// <summary>The reason for the trap.</summary>
    public TrapCode Code { get; }

    /// <summary>The WebAssembly frames active when the trap happened, innermost first.</summary>
    public IReadOnlyList<WasmStackFrame> WasmStackTrace { get; internal set; } = [];

    /// <summary>The trap message followed by the WebAssembly stack trace, one frame a line.</summary>
    public string FormatWithWasmStackTrace()
    {
        var builder = new StringBuilder();
        builder.Append("trap: ").Append(Message).Append(" (").Append(Code).Append(')');
        foreach (var frame in WasmStackTrace)
        {
            builder.AppendLine().Append("    at ").Append(frame);
        }

        return builder.ToString();
    }

    /// <summary>The spec test suite's wording for each trap code.</summary>
    public static string DescribeCode(TrapCode code) => code switch
    {
        TrapCode.Unreachable => "unreachable",
        TrapCode.MemoryOutOfBounds => "out of bounds memory access",
        TrapCode.TableOutOfBounds => "out of bounds table access",
        TrapCode.IndirectCallToNull => "uninitialized element",
        TrapCode.SignatureMismatch => "indirect call type mismatch",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.IntegerDivideByZero => "integer divide by zero",
        TrapCode.InvalidConversionToInteger => "invalid conversion to integer",
        TrapCode.StackExhausted => "call stack exhausted",
        TrapCode.OutOfFuel => "all fuel consumed",
        TrapCode.Deadline => "deadline exceeded",
        TrapCode.ResourceLimitExceeded => "resource limit exceeded",
        TrapCode.HostError => "host function failed",
        _ => code.ToString(),
    };
}
