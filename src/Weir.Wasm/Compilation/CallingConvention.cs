using System.Runtime.Intrinsics;
using Weir.Wasm.Model;

namespace Weir.Wasm.Compilation;

/// <summary>
/// How every callable (compiled Wasm function, host adapter) looks to the CLR: the Wasm
/// parameters, then one byref per result after the first, then the callee's context object last
/// (so arguments already on the IL stack need not be reordered), returning the first result.
/// </summary>
internal static class CallingConvention
{
    public static Type ClrType(ValueKind kind) => kind switch
    {
        ValueKind.I32 => typeof(int),
        ValueKind.I64 => typeof(long),
        ValueKind.F32 => typeof(float),
        ValueKind.F64 => typeof(double),
        ValueKind.V128 => typeof(Vector128<byte>),
        ValueKind.FuncRef or ValueKind.ExternRef => typeof(object),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown value type"),
    };

    public static Type ReturnType(FunctionType type) => type.Results.Length == 0 ? typeof(void) : ClrType(type.Results[0]);

    public static Type[] ParameterTypes(FunctionType type)
    {
        var parameters = new Type[type.Parameters.Length + Math.Max(0, type.Results.Length - 1) + 1];
        var index = 0;
        foreach (var kind in type.Parameters)
        {
            parameters[index++] = ClrType(kind);
        }

        for (var i = 1; i < type.Results.Length; i++)
        {
            parameters[index++] = ClrType(type.Results[i]).MakeByRefType();
        }

        parameters[index] = typeof(object);
        return parameters;
    }

    /// <summary>The IL argument index of the context parameter.</summary>
    public static int ContextArgumentIndex(FunctionType type) => type.Parameters.Length + Math.Max(0, type.Results.Length - 1);

    /// <summary>The value type a CLR type stands for in typed host functions and accessors, or null.</summary>
    public static ValueKind? KindOf(Type clrType)
    {
        if (clrType == typeof(int) || clrType == typeof(uint))
        {
            return ValueKind.I32;
        }

        if (clrType == typeof(long) || clrType == typeof(ulong))
        {
            return ValueKind.I64;
        }

        if (clrType == typeof(float))
        {
            return ValueKind.F32;
        }

        if (clrType == typeof(double))
        {
            return ValueKind.F64;
        }

        if (clrType == typeof(Vector128<byte>))
        {
            return ValueKind.V128;
        }

        if (clrType == typeof(Function))
        {
            return ValueKind.FuncRef;
        }

        if (clrType == typeof(object))
        {
            return ValueKind.ExternRef;
        }

        return null;
    }

    /// <summary>Whether a CLR type may stand for a Wasm value type (object may stand for both reference types).</summary>
    public static bool Matches(Type clrType, ValueKind kind) =>
        KindOf(clrType) == kind || (clrType == typeof(object) && kind == ValueKind.FuncRef);
}
