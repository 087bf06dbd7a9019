using System.Globalization;
using Weir.Wasm;

namespace Weir.Cli.Run;

/// <summary>Turns --invoke arguments into Wasm values of the export's parameter types, and results back into text.</summary>
internal static class InvokeValues
{
    /// <exception cref="FormatException">The text is not a value of that type.</exception>
    public static Value Parse(string text, ValueKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (kind)
        {
            case ValueKind.I32:
                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed32))
                {
                    return Value.FromInt32(signed32);
                }

                if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned32))
                {
                    return Value.FromInt32(unchecked((int)unsigned32));
                }

                break;
            case ValueKind.I64:
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed64))
                {
                    return Value.FromInt64(signed64);
                }

                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned64))
                {
                    return Value.FromInt64(unchecked((long)unsigned64));
                }

                break;
            case ValueKind.F32:
                if (TryParseNanBits(text, out var bits32) && bits32 <= uint.MaxValue)
                {
                    return Value.FromSingleBits(unchecked((int)(uint)bits32));
                }

                if (text.Equals("nan", StringComparison.OrdinalIgnoreCase) || text.Equals("-nan", StringComparison.OrdinalIgnoreCase))
                {
                    // The canonical NaN, with the sign asked for (.NET's NaN constant has the sign bit set).
                    return Value.FromSingleBits(text[0] == '-' ? unchecked((int)0xFFC00000) : 0x7FC00000);
                }

                if (TryParseSpecialFloat(text, out var special))
                {
                    return Value.FromSingle((float)special);
                }

                // Parsed as float directly: going through double could round twice.
                if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var single))
                {
                    return Value.FromSingle(single);
                }

                break;
            case ValueKind.F64:
                if (TryParseNanBits(text, out var bits64))
                {
                    return Value.FromDoubleBits(unchecked((long)bits64));
                }

                if (text.Equals("nan", StringComparison.OrdinalIgnoreCase) || text.Equals("-nan", StringComparison.OrdinalIgnoreCase))
                {
                    return Value.FromDoubleBits(text[0] == '-' ? unchecked((long)0xFFF8000000000000) : 0x7FF8000000000000);
                }

                if (TryParseSpecialFloat(text, out var @double)
                    || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out @double))
                {
                    return Value.FromDouble(@double);
                }

                break;
            default:
                throw new FormatException($"parameters of type {kind.ToString().ToLowerInvariant()} cannot be given on the command line");
        }

        throw new FormatException($"'{text}' is not a valid {kind.ToString().ToLowerInvariant()}");
    }

    /// <summary>A result in a form that parses back to the same value (floats round-trip; NaNs show their bits).</summary>
    public static string Format(Value value) => value.ToString();

    /// <summary>The form results are printed in for NaNs: <c>nan:0x</c> followed by the exact bits.</summary>
    private static bool TryParseNanBits(string text, out ulong bits)
    {
        bits = 0;
        return text.StartsWith("nan:0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(text.AsSpan(6), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bits);
    }

    private static bool TryParseSpecialFloat(string text, out double value)
    {
        switch (text.ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            default:
                value = 0;
                return false;
        }
    }
}
