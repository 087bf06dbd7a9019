using System.Globalization;
using System.Runtime.Intrinsics;
using Weir.Wasm.Model;

namespace Weir.Wasm;

/// <summary>
/// A WebAssembly value of any type, for untyped calls (<see cref="Function.Invoke"/>). Typed calls
/// through <see cref="Instance.GetFunction{TResult}(string)"/> avoid it entirely.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly long _bits;
    private readonly Vector128<byte> _vector;
    private readonly object? _reference;

    private Value(ValueKind kind, long bits, Vector128<byte> vector, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _vector = vector;
        _reference = reference;
    }

    /// <summary>The value's type.</summary>
    public ValueKind Kind { get; }

    /// <summary>An i32.</summary>
    public static Value FromInt32(int value) => new(ValueKind.I32, value, default, null);

    /// <summary>An i64.</summary>
    public static Value FromInt64(long value) => new(ValueKind.I64, value, default, null);

    /// <summary>An f32.</summary>
    public static Value FromSingle(float value) => new(ValueKind.F32, BitConverter.SingleToInt32Bits(value), default, null);

    /// <summary>An f32 from its exact bits (keeps NaN payloads).</summary>
    public static Value FromSingleBits(int bits) => new(ValueKind.F32, bits, default, null);

    /// <summary>An f64.</summary>
    public static Value FromDouble(double value) => new(ValueKind.F64, BitConverter.DoubleToInt64Bits(value), default, null);

    /// <summary>An f64 from its exact bits (keeps NaN payloads).</summary>
    public static Value FromDoubleBits(long bits) => new(ValueKind.F64, bits, default, null);

    /// <summary>A v128.</summary>
    public static Value FromVector(Vector128<byte> value) => new(ValueKind.V128, 0, value, null);

    /// <summary>A funcref (null or a <see cref="Function"/>).</summary>
    public static Value FromFunction(Function? function) => new(ValueKind.FuncRef, 0, default, function);

    /// <summary>An externref (null or any host object).</summary>
    public static Value FromExtern(object? reference) => new(ValueKind.ExternRef, 0, default, reference);

    /// <summary>The zero value of a type (null for references).</summary>
    public static Value Default(ValueKind kind) => new(kind, 0, default, null);

    /// <summary>The i32 value.</summary>
    public int AsInt32() => (int)_bits;

    /// <summary>The i64 value.</summary>
    public long AsInt64() => _bits;

    /// <summary>The f32 value.</summary>
    public float AsSingle() => BitConverter.Int32BitsToSingle((int)_bits);

    /// <summary>The f64 value.</summary>
    public double AsDouble() => BitConverter.Int64BitsToDouble(_bits);

    /// <summary>The v128 value.</summary>
    public Vector128<byte> AsVector() => _vector;

    /// <summary>The reference (funcref or externref), or null.</summary>
    public object? AsReference() => _reference;

    /// <summary>The raw bits of a scalar (i32, i64, f32, f64).</summary>
    public long Bits => _bits;

    /// <inheritdoc />
    public bool Equals(Value other) =>
        Kind == other.Kind && _bits == other._bits && _vector == other._vector && ReferenceEquals(_reference, other._reference);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _vector, _reference);

    /// <summary>Compares two values by type and bits.</summary>
    public static bool operator ==(Value left, Value right) => left.Equals(right);

    /// <summary>Compares two values by type and bits.</summary>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>The value in a form that round-trips (floats use the shortest exact form, NaNs show their bits).</summary>
    public override string ToString() => Kind switch
    {
        ValueKind.I32 => AsInt32().ToString(CultureInfo.InvariantCulture),
        ValueKind.I64 => AsInt64().ToString(CultureInfo.InvariantCulture),
        ValueKind.F32 => float.IsNaN(AsSingle()) ? $"nan:0x{(uint)_bits:x8}" : AsSingle().ToString("R", CultureInfo.InvariantCulture),
        ValueKind.F64 => double.IsNaN(AsDouble()) ? $"nan:0x{(ulong)_bits:x16}" : AsDouble().ToString("R", CultureInfo.InvariantCulture),
        ValueKind.V128 => "v128:" + Convert.ToHexString(AsVectorBytes()),
        _ => _reference is null ? "null" : $"ref:{_reference}",
    };

    private byte[] AsVectorBytes()
    {
        var bytes = new byte[16];
        _vector.CopyTo(bytes);
        return bytes;
    }

    /// <summary>The type name of this value, as in the text format.</summary>
    public string KindName => ValueKinds.ToText(Kind);
}
