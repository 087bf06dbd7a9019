namespace Weir.Wasm.Model;

/// <summary>Helpers for <see cref="ValueKind"/>.</summary>
public static class ValueKinds
{
    /// <summary>The text-format name of a value type, for example <c>i32</c> or <c>funcref</c>.</summary>
    public static string ToText(ValueKind kind) => kind switch
    {
        ValueKind.I32 => "i32",
        ValueKind.I64 => "i64",
        ValueKind.F32 => "f32",
        ValueKind.F64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        _ => $"0x{(byte)kind:X2}",
    };

    /// <summary>True for <see cref="ValueKind.FuncRef"/> and <see cref="ValueKind.ExternRef"/>.</summary>
    public static bool IsReference(ValueKind kind) => kind is ValueKind.FuncRef or ValueKind.ExternRef;

    /// <summary>True when the byte encodes a value type of Wasm 2.0.</summary>
    public static bool IsDefined(byte encoding) => encoding is 0x7F or 0x7E or 0x7D or 0x7C or 0x7B or 0x70 or 0x6F;
}
