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

    public static string MethodName(int functionIndex, string? name)
    {
        var readable = string.IsNullOrEmpty(name) ? "function" : Clean(name);
        return $"{readable}#{functionIndex.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Metadata names cannot hold NUL or be very long; names from a module can.</summary>
    private static string Clean(string name)
    {
        var cleaned = new string(name.Select(character => char.IsControl(character) || char.IsSurrogate(character) ? '?' : character).Take(200).ToArray());
        return cleaned.Length == 0 ? "function" : cleaned;
    }

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
