using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Weir.Wasm.Tests.Numerics.SpecSuite;

/// <summary>
/// Reads wast2json values (decimal bit patterns, v128 as lanes) and matches results against
/// expectations, including the nan:canonical and nan:arithmetic classes.
/// </summary>
internal static class WastValue
{
    /// <summary>Parses an argument into the CLR value the helpers take; false for reference types.</summary>
    public static bool TryParse(JsonElement value, out object parsed)
    {
        parsed = null!;
        switch (value.GetProperty("type").GetString())
        {
            case "i32":
                parsed = (int)(uint)ParseBits(value.GetProperty("value").GetString()!);
                return true;
            case "i64":
                parsed = (long)ParseBits(value.GetProperty("value").GetString()!);
                return true;
            case "f32":
                parsed = BitConverter.Int32BitsToSingle((int)(uint)ParseBits(value.GetProperty("value").GetString()!));
                return true;
            case "f64":
                parsed = BitConverter.Int64BitsToDouble((long)ParseBits(value.GetProperty("value").GetString()!));
                return true;
            case "v128":
                var laneType = value.GetProperty("lane_type").GetString()!;
                var laneBytes = LaneBytes(laneType);
                var bytes = new byte[16];
                var lane = 0;
                foreach (var element in value.GetProperty("value").EnumerateArray())
                {
                    var bits = ParseBits(element.GetString()!);
                    for (var b = 0; b < laneBytes; b++)
                    {
                        bytes[(lane * laneBytes) + b] = (byte)(bits >> (8 * b));
                    }

                    lane++;
                }

                parsed = Vector128.Create(bytes);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Null when <paramref name="actual"/> matches, else a description of the mismatch.</summary>
    public static string? Mismatch(JsonElement expected, object actual)
    {
        var type = expected.GetProperty("type").GetString()!;
        switch (type)
        {
            case "i32" when actual is int value:
                return Compare(expected.GetProperty("value").GetString()!, (uint)value, 32, isFloat: false);
            case "i64" when actual is long value:
                return Compare(expected.GetProperty("value").GetString()!, (ulong)value, 64, isFloat: false);
            case "f32" when actual is float value:
                return Compare(expected.GetProperty("value").GetString()!, (uint)BitConverter.SingleToInt32Bits(value), 32, isFloat: true);
            case "f64" when actual is double value:
                return Compare(expected.GetProperty("value").GetString()!, (ulong)BitConverter.DoubleToInt64Bits(value), 64, isFloat: true);
            case "v128" when actual is Vector128<byte> vector:
            {
                var laneType = expected.GetProperty("lane_type").GetString()!;
                var laneBytes = LaneBytes(laneType);
                var isFloat = laneType[0] == 'f';
                var lanes = expected.GetProperty("value").EnumerateArray().Select(element => element.GetString()!).ToArray();
                var problems = new List<string>();
                for (var lane = 0; lane < lanes.Length; lane++)
                {
                    ulong bits = 0;
                    for (var b = 0; b < laneBytes; b++)
                    {
                        bits |= (ulong)vector.GetElement((lane * laneBytes) + b) << (8 * b);
                    }

                    var problem = Compare(lanes[lane], bits, laneBytes * 8, isFloat);
                    if (problem is not null)
                    {
                        problems.Add($"lane {lane}: {problem}");
                    }
                }

                return problems.Count == 0 ? null : $"{laneType} lanes {string.Join("; ", problems)} (got {vector})";
            }

            default:
                return $"expected a {type}, got {actual.GetType().Name} {actual}";
        }
    }

    private static string? Compare(string expected, ulong actualBits, int width, bool isFloat)
    {
        if (isFloat && expected.StartsWith("nan:", StringComparison.Ordinal))
        {
            // Canonical: exponent all ones and only the top mantissa bit set, either sign.
            // Arithmetic: exponent all ones and the top mantissa bit set.
            var quiet = width == 32 ? 0x7FC0_0000UL : 0x7FF8_0000_0000_0000UL;
            var magnitude = width == 32 ? actualBits & 0x7FFF_FFFF : actualBits & 0x7FFF_FFFF_FFFF_FFFF;
            var matches = expected == "nan:canonical" ? magnitude == quiet : (magnitude & quiet) == quiet;
            return matches ? null : $"expected {expected}, got 0x{actualBits.ToString("X", CultureInfo.InvariantCulture)}";
        }

        var expectedBits = ParseBits(expected);
        if (width < 64)
        {
            expectedBits &= (1UL << width) - 1;
        }

        return expectedBits == actualBits
            ? null
            : $"expected 0x{expectedBits.ToString("X", CultureInfo.InvariantCulture)}, got 0x{actualBits.ToString("X", CultureInfo.InvariantCulture)}";
    }

    private static ulong ParseBits(string text) =>
        text.StartsWith('-')
            ? (ulong)long.Parse(text, CultureInfo.InvariantCulture)
            : ulong.Parse(text, CultureInfo.InvariantCulture);

    private static int LaneBytes(string laneType) => laneType switch
    {
        "i8" => 1,
        "i16" => 2,
        "i32" or "f32" => 4,
        "i64" or "f64" => 8,
        _ => throw new FormatException($"Unknown lane type {laneType}."),
    };
}
