using System.Globalization;
using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Fuzz.Differential;

/// <summary>
/// The text form values take in observations, identical to <c>encode</c> in v8-harness.js:
/// integers in decimal, floats as their bits (every NaN is "nan", since payloads may differ
/// between engines), references only as null or not (V8 and Weir objects cannot be compared).
/// </summary>
internal static class ValueText
{
    public static string Format(Value value) => value.Kind switch
    {
        ValueKind.I32 => value.AsInt32().ToString(CultureInfo.InvariantCulture),
        ValueKind.I64 => value.AsInt64().ToString(CultureInfo.InvariantCulture),
        ValueKind.F32 => FormatSingle(value.AsSingle()),
        ValueKind.F64 => FormatDouble(value.AsDouble()),
        ValueKind.V128 => "v128",
        _ => value.AsReference() is null ? "null" : "ref",
    };

    public static string FormatSingle(float value) =>
        float.IsNaN(value) ? "nan" : "f32:" + BitConverter.SingleToUInt32Bits(value).ToString("x8", CultureInfo.InvariantCulture);

    public static string FormatDouble(double value) =>
        double.IsNaN(value) ? "nan" : "f64:" + BitConverter.DoubleToUInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>An argument's wire form: decimal integers, float bits in hex without prefix, "null" for references.</summary>
    public static string FormatArgument(Value value) => value.Kind switch
    {
        ValueKind.I32 => value.AsInt32().ToString(CultureInfo.InvariantCulture),
        ValueKind.I64 => value.AsInt64().ToString(CultureInfo.InvariantCulture),
        ValueKind.F32 => BitConverter.SingleToUInt32Bits(value.AsSingle()).ToString("x8", CultureInfo.InvariantCulture),
        ValueKind.F64 => BitConverter.DoubleToUInt64Bits(value.AsDouble()).ToString("x16", CultureInfo.InvariantCulture),
        _ => "null",
    };

    /// <summary>Reads an argument's wire form back.</summary>
    public static Value ParseArgument(ValueKind kind, string text) => kind switch
    {
        ValueKind.I32 => Value.FromInt32(int.Parse(text, CultureInfo.InvariantCulture)),
        ValueKind.I64 => Value.FromInt64(long.Parse(text, CultureInfo.InvariantCulture)),
        ValueKind.F32 => Value.FromSingleBits(unchecked((int)uint.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture))),
        ValueKind.F64 => Value.FromDoubleBits(unchecked((long)ulong.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture))),
        _ => Value.Default(kind),
    };

    /// <summary>The type's name as v8-harness.js expects it.</summary>
    public static string TypeName(ValueKind kind) => ValueKinds.ToText(kind);
}
