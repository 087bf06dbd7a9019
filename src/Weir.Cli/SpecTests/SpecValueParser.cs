using System.Globalization;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Cli.SpecTests;

/// <summary>
/// Reads wast2json values: <c>{"type": "i32", "value": "4294967295"}</c> and friends. Numbers are
/// decimal bit patterns (unsigned), floats included; v128 values list their lanes in <c>lane_type</c>.
/// </summary>
internal static class SpecValueParser
{
    /// <summary>Reads an action argument (NaN classes are not allowed: an argument is one concrete value).</summary>
    public static Value ParseArgument(JsonElement element, HostReferenceTable references)
    {
        var (kind, typeName) = ReadKind(element);
        switch (kind)
        {
            case ValueKind.I32:
                return Value.FromInt32(unchecked((int)ParseBits(RequireText(element, typeName), 32)));
            case ValueKind.I64:
                return Value.FromInt64(unchecked((long)ParseBits(RequireText(element, typeName), 64)));
            case ValueKind.F32:
                return Value.FromSingleBits(unchecked((int)ParseBits(RequireText(element, typeName), 32)));
            case ValueKind.F64:
                return Value.FromDoubleBits(unchecked((long)ParseBits(RequireText(element, typeName), 64)));
            case ValueKind.V128:
            {
                var shape = VectorShape.Parse(ReadOptionalString(element, "lane_type"));
                var lanes = ReadLanes(element, shape);
                Span<byte> bytes = stackalloc byte[16];
                for (var i = 0; i < lanes.Length; i++)
                {
                    shape.WriteLane(bytes, i, ParseBits(lanes[i], shape.LaneBits));
                }

                return Value.FromVector(Vector128.Create<byte>(bytes));
            }

            case ValueKind.FuncRef:
                return RequireText(element, typeName) == "null"
                    ? Value.FromFunction(null)
                    : throw new SpecFormatException("a funcref argument can only be null");
            default:
            {
                var text = RequireText(element, typeName);
                return text == "null" ? Value.FromExtern(null) : Value.FromExtern(references.Get((uint)ParseBits(text, 32)));
            }
        }
    }

    /// <summary>Reads an expected result; without a <c>value</c> it accepts any value of the type.</summary>
    public static ExpectedValue ParseExpected(JsonElement element, HostReferenceTable references)
    {
        var (kind, _) = ReadKind(element);
        if (!element.TryGetProperty("value", out _))
        {
            return new ExpectedAnyValue(kind);
        }

        switch (kind)
        {
            case ValueKind.V128:
            {
                var shape = VectorShape.Parse(ReadOptionalString(element, "lane_type"));
                var lanes = ReadLanes(element, shape);
                return new ExpectedVector(shape, [.. lanes.Select(lane => ParseNumber(lane, shape.LaneBits, shape.IsFloat))]);
            }

            case ValueKind.FuncRef:
            case ValueKind.ExternRef:
            {
                var text = RequireText(element, ValueKinds.ToText(kind));
                if (text == "null")
                {
                    return new ExpectedReference(kind, ReferenceExpectation.Null);
                }

                // wast2json does not say which function a ref.func result is, only that there is one.
                return kind == ValueKind.FuncRef
                    ? new ExpectedReference(kind, ReferenceExpectation.NonNull)
                    : new ExpectedReference(kind, ReferenceExpectation.Identical, references.Get((uint)ParseBits(text, 32)));
            }

            default:
            {
                var isFloat = kind is ValueKind.F32 or ValueKind.F64;
                var width = kind is ValueKind.I32 or ValueKind.F32 ? 32 : 64;
                return new ExpectedScalar(kind, ParseNumber(RequireText(element, ValueKinds.ToText(kind)), width, isFloat));
            }
        }
    }

    /// <summary>
    /// Parses a decimal bit pattern of <paramref name="bitWidth"/> bits. wast2json writes them unsigned;
    /// a negative number is accepted as its two's complement so hand-written scripts read naturally.
    /// </summary>
    public static ulong ParseBits(string text, int bitWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        if (text.StartsWith('-'))
        {
            var minimum = bitWidth == 64 ? long.MinValue : -(1L << (bitWidth - 1));
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed) || signed < minimum)
            {
                throw new SpecFormatException($"'{text}' is not a {bitWidth}-bit number");
            }

            return unchecked((ulong)signed) & mask;
        }

        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) || bits > mask)
        {
            throw new SpecFormatException($"'{text}' is not a {bitWidth}-bit number");
        }

        return bits;
    }

    /// <summary>Parses an expected number: a bit pattern, or <c>nan:canonical</c> / <c>nan:arithmetic</c> for floats.</summary>
    public static ExpectedNumber ParseNumber(string text, int bitWidth, bool isFloat) => text switch
    {
        "nan:canonical" when isFloat => new ExpectedNumber(0, NanExpectation.Canonical),
        "nan:arithmetic" when isFloat => new ExpectedNumber(0, NanExpectation.Arithmetic),
        _ => ExpectedNumber.Exact(ParseBits(text, bitWidth)),
    };

    private static (ValueKind Kind, string TypeName) ReadKind(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SpecFormatException($"a value must be an object, not {element.ValueKind}");
        }

        var typeName = ReadOptionalString(element, "type") ?? throw new SpecFormatException("a value has no type");
        var kind = typeName switch
        {
            "i32" => ValueKind.I32,
            "i64" => ValueKind.I64,
            "f32" => ValueKind.F32,
            "f64" => ValueKind.F64,
            "v128" => ValueKind.V128,
            "funcref" => ValueKind.FuncRef,
            "externref" => ValueKind.ExternRef,
            _ => throw new SpecFormatException($"unknown value type '{typeName}'"),
        };
        return (kind, typeName);
    }

    private static string[] ReadLanes(JsonElement element, VectorShape shape)
    {
        if (!element.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new SpecFormatException($"a v128 value needs an array of {shape.LaneCount} lanes");
        }

        var lanes = value.EnumerateArray()
            .Select(lane => lane.ValueKind == JsonValueKind.String ? lane.GetString()! : throw new SpecFormatException("a v128 lane must be a string"))
            .ToArray();
        return lanes.Length == shape.LaneCount
            ? lanes
            : throw new SpecFormatException($"a {shape} value needs {shape.LaneCount} lanes, not {lanes.Length}");
    }

    private static string RequireText(JsonElement element, string typeName) =>
        ReadOptionalString(element, "value") ?? throw new SpecFormatException($"a value of type {typeName} needs a value");

    internal static string? ReadOptionalString(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SpecFormatException($"'{property}' must be a string, not {value.ValueKind}");
    }
}
