using System.Collections.Frozen;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Text;
using Weir.Wasm.Model;

namespace Weir.Wasm.Compilation;

/// <summary>
/// Turns a validated module into one static IL method per function inside a collectible dynamic
/// assembly. RyuJIT compiles each method to machine code on its first call.
/// </summary>
internal static class ModuleCompiler
{
    private static int s_assemblyCounter;

    public static CompiledModule Compile(Engine engine, ModuleDefinition definition, string? moduleName)
    {
        var id = Interlocked.Increment(ref s_assemblyCounter);
        var assemblyName = new AssemblyName($"Weir.Wasm.Generated{id}");
        var assembly = AssemblyBuilder.DefineDynamicAssembly(assemblyName, AssemblyBuilderAccess.RunAndCollect);
        assembly.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!,
            [typeof(ModuleCompiler).Assembly.GetName().Name!]));
        var module = assembly.DefineDynamicModule(assemblyName.Name!);
        var typeName = moduleName is null ? $"module${id}" : Sanitize(moduleName);
        var typeBuilder = module.DefineType($"{FunctionNaming.GeneratedNamespace}.{typeName}", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);

        var typeIds = definition.Types.Select(engine.GetTypeId).ToArray();
        var names = FunctionNames(definition);
        var functionTypes = AllFunctionTypes(definition);
        var importedCount = definition.ImportedFunctionCount;
        var methods = new MethodBuilder[definition.FunctionTypeIndices.Length];
        for (var i = 0; i < methods.Length; i++)
        {
            var type = functionTypes[importedCount + i];
            var method = typeBuilder.DefineMethod(
                FunctionNaming.MethodName(importedCount + i, names[importedCount + i]),
                MethodAttributes.Public | MethodAttributes.Static,
                CallingConvention.ReturnType(type),
                CallingConvention.ParameterTypes(type));
            // Guest code is hot by nature: skip tier-0 so loops run optimized from the first call.
            method.SetImplementationFlags(MethodImplAttributes.IL | MethodImplAttributes.Managed | MethodImplAttributes.AggressiveOptimization);
            methods[i] = method;
        }

        var shared = new ModuleCompilationContext(engine, definition, functionTypes, typeIds, methods, GlobalKinds(definition), TableKinds(definition));
        var largestFrame = 0L;
        for (var i = 0; i < methods.Length; i++)
        {
            var function = new FunctionCompiler(shared, importedCount + i, methods[i].GetILGenerator());
            function.Compile();
            CheckImplementationLimits(function, definition, importedCount + i);
            largestFrame = Math.Max(largestFrame, function.FrameBoundBytes);
        }

        var created = typeBuilder.CreateType();
        var byName = created.GetMethods(BindingFlags.Public | BindingFlags.Static).ToDictionary(m => m.Name, StringComparer.Ordinal);
        var code = new nint[methods.Length];
        for (var i = 0; i < methods.Length; i++)
        {
            code[i] = byName[methods[i].Name].MethodHandle.GetFunctionPointer();
        }

        return new CompiledModule
        {
            GeneratedType = created,
            FunctionCode = code,
            TypeIds = typeIds,
            FunctionNames = names,
            FunctionTypes = functionTypes,
            FunctionTypeIds = functionTypes.Select(engine.GetTypeId).ToArray(),
            ExportsByName = definition.Exports.ToFrozenDictionary(export => export.Name, StringComparer.Ordinal),
            ImportedFunctionCount = importedCount,
            LargestFrameBytes = largestFrame,
        };
    }

    /// <summary>
    /// IL addresses locals and sizes the evaluation stack with 16 bits: a valid function with tens of
    /// thousands of locals and a deep operand stack (V8 accepts both) would otherwise compile to IL
    /// that the runtime rejects with InvalidProgramException on its first call.
    /// </summary>
    private static void CheckImplementationLimits(FunctionCompiler function, ModuleDefinition definition, int functionIndex)
    {
        const int maximumILLocals = 65_534;
        const int maximumOperandStack = 65_000;
        var offset = definition.Bodies[functionIndex - definition.ImportedFunctionCount].CodeOffset;
        if (function.DeepestOperandStack > maximumOperandStack)
        {
            throw new WasmValidationException(
                $"implementation limit: the operand stack reaches {function.DeepestOperandStack} values (Weir supports {maximumOperandStack})", offset, functionIndex);
        }

        if (function.ILLocalCount > maximumILLocals)
        {
            throw new WasmValidationException(
                $"implementation limit: locals and spilled operands need {function.ILLocalCount} IL locals (Weir supports {maximumILLocals})", offset, functionIndex);
        }
    }

    private static FunctionType[] AllFunctionTypes(ModuleDefinition definition)
    {
        var types = new List<FunctionType>();
        foreach (var import in definition.Imports)
        {
            if (import.Kind == ExternalKind.Function)
            {
                types.Add(definition.Types[(int)import.FunctionTypeIndex]);
            }
        }

        foreach (var typeIndex in definition.FunctionTypeIndices)
        {
            types.Add(definition.Types[(int)typeIndex]);
        }

        return [.. types];
    }

    private static ValueKind[] GlobalKinds(ModuleDefinition definition) =>
        [
            .. definition.Imports.Where(import => import.Kind == ExternalKind.Global).Select(import => import.Global!.Kind),
            .. definition.Globals.Select(global => global.Type.Kind),
        ];

    private static ValueKind[] TableKinds(ModuleDefinition definition) =>
        [
            .. definition.Imports.Where(import => import.Kind == ExternalKind.Table).Select(import => import.Table!.ElementKind),
            .. definition.Tables.Select(table => table.ElementKind),
        ];

    private static string?[] FunctionNames(ModuleDefinition definition)
    {
        var names = new string?[definition.ImportedFunctionCount + definition.FunctionTypeIndices.Length];
        var functionIndex = 0;
        foreach (var import in definition.Imports)
        {
            if (import.Kind == ExternalKind.Function)
            {
                names[functionIndex++] = $"{import.Module}.{import.Name}";
            }
        }

        foreach (var export in definition.Exports)
        {
            if (export.Kind == ExternalKind.Function && export.Index < names.Length)
            {
                names[export.Index] ??= export.Name;
            }
        }

        foreach (var (index, name) in definition.Names.FunctionNames)
        {
            if (index < names.Length)
            {
                names[index] = name;
            }
        }

        return names;
    }

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var character in name)
        {
            builder.Append(char.IsLetterOrDigit(character) || character is '_' or '-' ? character : '_');
        }

        return builder.Length == 0 ? "module" : builder.ToString();
    }
}
