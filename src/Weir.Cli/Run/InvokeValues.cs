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

    private static bool TryParseSpecialFloat(string text, out double value)
    {
        switch (text.ToLowerInvariant())
        {
            case "nan":
                value = double.NaN;
                return true;
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
