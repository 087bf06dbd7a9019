using System.Runtime.Intrinsics;
using Weir.Wasm.Model;

namespace Weir.Wasm;

/// <summary>A global variable, shared between the modules that import and export it.</summary>
public sealed class Global : Extern
{
    // Read and written directly by compiled code: scalars keep their bits in Bits.
    internal long Bits;
    internal Vector128<byte> Vector;
    internal object? Reference;

    /// <summary>Creates a global holding <paramref name="initialValue"/>, which must be of the global's type.</summary>
    public Global(GlobalType type, Value initialValue)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (initialValue.Kind != type.Kind)
        {
            throw new ArgumentException($"a {ValueKinds.ToText(type.Kind)} global cannot hold a {initialValue.KindName}", nameof(initialValue));
        }

        Type = type;
        Store(initialValue);
    }

    /// <inheritdoc />
    public override ExternalKind Kind => ExternalKind.Global;

    /// <summary>The global's type.</summary>
    public GlobalType Type { get; }

    /// <summary>The current value. Setting it is allowed for mutable globals only.</summary>
    public Value Value
    {
        get => Type.Kind switch
        {
            ValueKind.I32 => Value.FromInt32((int)Bits),
            ValueKind.I64 => Value.FromInt64(Bits),
            ValueKind.F32 => Value.FromSingleBits((int)Bits),
            ValueKind.F64 => Value.FromDoubleBits(Bits),
            ValueKind.V128 => Value.FromVector(Vector),
            ValueKind.FuncRef => Value.FromFunction((Function?)Reference),
            _ => Value.FromExtern(Reference),
        };
        set
        {
            if (!Type.Mutable)
            {
                throw new InvalidOperationException("the global is immutable");
            }

            if (value.Kind != Type.Kind)
            {
                throw new ArgumentException($"a {ValueKinds.ToText(Type.Kind)} global cannot hold a {value.KindName}", nameof(value));
            }

            Store(value);
        }
    }

    private void Store(Value value)
    {
        switch (value.Kind)
        {
            case ValueKind.V128:
                Vector = value.AsVector();
                break;
            case ValueKind.FuncRef:
            case ValueKind.ExternRef:
                Reference = value.AsReference();
                break;
            default:
                Bits = value.Kind == ValueKind.I32 || value.Kind == ValueKind.F32 ? (int)value.Bits : value.Bits;
                break;
        }
    }
}
