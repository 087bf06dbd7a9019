namespace Weir.Wasm.Compilation;

/// <summary>Conversions generated code needs between CLR representations and <see cref="Value"/>.</summary>
internal static class ValueConversions
{
    public static Value FunctionFromObject(object? reference) => Value.FromFunction((Function?)reference);
}
