namespace Weir.Wasm;

/// <summary>One WebAssembly function active when a trap happened.</summary>
/// <param name="ModuleName">The module's name from its name section, or null.</param>
/// <param name="FunctionIndex">The function's index in its module's function index space.</param>
/// <param name="FunctionName">The function's name from the name section or its export name, or null.</param>
public sealed record WasmStackFrame(string? ModuleName, int FunctionIndex, string? FunctionName)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var name = FunctionName ?? $"<function {FunctionIndex}>";
        return ModuleName is null ? $"{name} (#{FunctionIndex})" : $"{ModuleName}!{name} (#{FunctionIndex})";
    }
}
