using Weir.Wasm;

namespace Weir.Fuzz.Differential;

/// <summary>
/// Which Weir trap codes match a V8 trap message. V8 words some traps more coarsely than Weir's
/// codes (one message for a null entry and a signature mismatch; one for NaN and out-of-range
/// float-to-int conversions), so a message accepts a set of codes.
/// </summary>
internal static class TrapCompatibility
{
    private static readonly (string Message, TrapCode[] Codes)[] Table =
    [
        ("unreachable", [TrapCode.Unreachable]),
        ("memory access out of bounds", [TrapCode.MemoryOutOfBounds]),
        ("data segment", [TrapCode.MemoryOutOfBounds]),
        ("table index is out of bounds", [TrapCode.TableOutOfBounds]),
        ("element segment", [TrapCode.TableOutOfBounds]),
        ("null function or function signature mismatch", [TrapCode.IndirectCallToNull, TrapCode.SignatureMismatch]),
        ("divide by zero", [TrapCode.IntegerDivideByZero]),
        ("remainder by zero", [TrapCode.IntegerDivideByZero]),
        ("divide result unrepresentable", [TrapCode.IntegerOverflow]),
        ("float unrepresentable in integer range", [TrapCode.InvalidConversionToInteger, TrapCode.IntegerOverflow]),
    ];

    /// <summary>Whether V8's <paramref name="v8Message"/> and Weir's <paramref name="weirCode"/> describe the same trap.</summary>
    public static bool Matches(string? v8Message, string? weirCode)
    {
        if (v8Message is null || !Enum.TryParse<TrapCode>(weirCode, out var code))
        {
            return false;
        }

        foreach (var (message, codes) in Table)
        {
            if (v8Message.Contains(message, StringComparison.Ordinal))
            {
                return codes.Contains(code);
            }
        }

        return false;
    }
}
