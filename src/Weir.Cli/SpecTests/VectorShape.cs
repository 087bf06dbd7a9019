namespace Weir.Cli.SpecTests;

/// <summary>How a v128 is split into lanes, as named by wast2json's <c>lane_type</c>.</summary>
internal sealed class VectorShape
{
    public static readonly VectorShape I8 = new("i8", 1, isFloat: false);
    public static readonly VectorShape I16 = new("i16", 2, isFloat: false);
    public static readonly VectorShape I32 = new("i32", 4, isFloat: false);
    public static readonly VectorShape I64 = new("i64", 8, isFloat: false);
    public static readonly VectorShape F32 = new("f32", 4, isFloat: true);
    public static readonly VectorShape F64 = new("f64", 8, isFloat: true);

    private VectorShape(string laneType, int laneBytes, bool isFloat)
    {
        LaneType = laneType;
        LaneBytes = laneBytes;
        IsFloat = isFloat;
    }

    /// <summary>The lane type as wast2json writes it, for example <c>i16</c>.</summary>
    public string LaneType { get; }

    public int LaneBytes { get; }

    public int LaneBits => LaneBytes * 8;

    public int LaneCount => 16 / LaneBytes;

    public bool IsFloat { get; }

    /// <summary>The text-format shape, for example <c>i16x8</c>.</summary>
    public override string ToString() => $"{LaneType}x{LaneCount}";

    public static VectorShape Parse(string? laneType) => laneType switch
    {
        "i8" => I8,
        "i16" => I16,
        "i32" => I32,
        "i64" => I64,
        "f32" => F32,
        "f64" => F64,
        null => throw new SpecFormatException("a v128 value needs a lane_type"),
        _ => throw new SpecFormatException($"unknown v128 lane_type '{laneType}'"),
    };

    /// <summary>Reads lane <paramref name="index"/> of a little-endian vector, zero-extended.</summary>
    public ulong ReadLane(ReadOnlySpan<byte> vector, int index)
    {
        var lane = vector.Slice(index * LaneBytes, LaneBytes);
        ulong bits = 0;
        for (var i = LaneBytes - 1; i >= 0; i--)
        {
            bits = (bits << 8) | lane[i];
        }

        return bits;
    }

    /// <summary>Writes the low bits of <paramref name="bits"/> into lane <paramref name="index"/>, little-endian.</summary>
    public void WriteLane(Span<byte> vector, int index, ulong bits)
    {
        var lane = vector.Slice(index * LaneBytes, LaneBytes);
        for (var i = 0; i < LaneBytes; i++)
        {
            lane[i] = (byte)(bits >> (8 * i));
        }
    }
}
