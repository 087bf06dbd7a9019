using System.Globalization;
using System.Runtime.Intrinsics;
using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Cli.SpecTests;

/// <summary>
/// Renders values for failure reports: integers as unsigned decimals (as the scripts write them),
/// floats as their value with the exact bits alongside, since two different NaNs or zeros print alike.
/// </summary>
internal static class SpecValueText
{
    public static string Format(Value value) => value.Kind switch
    {
        ValueKind.I32 or ValueKind.I64 or ValueKind.F32 or ValueKind.F64 =>
            FormatScalar(value.Kind, ExpectedNumber.Exact((ulong)value.Bits)),
        ValueKind.V128 => FormatVector(value, VectorShape.I32),
        ValueKind.FuncRef => value.AsReference() is Function function ? $"funcref:{function.Name ?? "function"}" : "funcref:null",
        ValueKind.ExternRef => value.AsReference() switch
        {
            null => "externref:null",
            HostReference reference => "externref:" + reference.Id.ToString(CultureInfo.InvariantCulture),
            var other => $"externref:<{other.GetType().Name}>",
        },
        _ => value.ToString(),
    };

    public static string FormatScalar(ValueKind kind, ExpectedNumber number) => kind switch
    {
        ValueKind.I32 => "i32:" + ((uint)number.Bits).ToString(CultureInfo.InvariantCulture),
        ValueKind.I64 => "i64:" + number.Bits.ToString(CultureInfo.InvariantCulture),
        ValueKind.F32 => "f32:" + FormatFloat(number, isDouble: false),
        ValueKind.F64 => "f64:" + FormatFloat(number, isDouble: true),
        _ => ValueKinds.ToText(kind),
    };

    public static string FormatLane(VectorShape shape, ExpectedNumber lane) => shape.IsFloat
        ? FormatFloat(lane, isDouble: shape.LaneBytes == 8)
        : lane.Bits.ToString(CultureInfo.InvariantCulture);

    public static string FormatVector(Value value, VectorShape shape)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.AsVector().CopyTo(bytes);
        var lanes = new string[shape.LaneCount];
        for (var i = 0; i < lanes.Length; i++)
        {
            lanes[i] = FormatLane(shape, ExpectedNumber.Exact(shape.ReadLane(bytes, i)));
        }

        return $"v128:{shape}[{string.Join(' ', lanes)}]";
    }

    private static string FormatFloat(ExpectedNumber number, bool isDouble)
    {
        switch (number.Nan)
        {
            case NanExpectation.Canonical:
                return "nan:canonical";
            case NanExpectation.Arithmetic:
                return "nan:arithmetic";
        }

        if (isDouble)
        {
            var value = BitConverter.UInt64BitsToDouble(number.Bits);
            return double.IsNaN(value)
                ? $"nan:0x{number.Bits:x16}"
                : $"{value.ToString("R", CultureInfo.InvariantCulture)} (0x{number.Bits:x16})";
        }

        var bits = (uint)number.Bits;
        var single = BitConverter.UInt32BitsToSingle(bits);
        return float.IsNaN(single)
            ? $"nan:0x{bits:x8}"
            : $"{single.ToString("R", CultureInfo.InvariantCulture)} (0x{bits:x8})";
    }
}
