using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;

namespace Weir.Wasm.Compilation;

/// <summary>
/// Names compiled methods "name#index" inside a type named after the module, so that a .NET stack
/// trace can be turned back into WebAssembly frames without any lookup table.
/// </summary>
internal static class FunctionNaming
{
    public const string GeneratedNamespace = "Weir.Wasm.Generated";

    public static string MethodName(int functionIndex, string? name) =>
        $"{(string.IsNullOrEmpty(name) ? "function" : name)}#{functionIndex.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(MethodInfo method, [NotNullWhen(true)] out WasmStackFrame? frame)
    {
        frame = null;
        var type = method.DeclaringType;
        if (type is null || type.Namespace != GeneratedNamespace)
        {
            return false;
        }

        var name = method.Name;
        var hash = name.LastIndexOf('#');
        if (hash < 0 || !int.TryParse(name.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return false;
        }

        var functionName = name[..hash];
        var moduleName = type.Name.StartsWith("module$", StringComparison.Ordinal) ? null : type.Name;
        frame = new WasmStackFrame(moduleName, index, functionName == "function" ? null : functionName);
        return true;
    }
}
