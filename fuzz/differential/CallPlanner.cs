using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Fuzz.Differential;

/// <summary>
/// Decides which exports to call and with what: every exported function in export order, except
/// binaryen's hang-limit initializer (called before each call instead) and functions with a v128
/// in their signature (JavaScript cannot call them). Arguments mix edge values with random ones;
/// never NaN, whose bits JavaScript does not preserve.
/// </summary>
internal static class CallPlanner
{
    public const string MemoryExportName = "memory";

    public const string ResetExportName = "hangLimitInitializer";

    private static readonly int[] Int32Edges = [0, 1, -1, 2, int.MinValue, int.MaxValue, 0x80, 0xFFFF, 0x10000, -65536, 0x7F, 8];

    private static readonly long[] Int64Edges = [0, 1, -1, long.MinValue, long.MaxValue, uint.MaxValue, int.MinValue, 0x1_0000_0000, 0x7F];

    private static readonly float[] SingleEdges = [0f, -0f, 1f, -1f, 0.5f, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue, float.Epsilon, -float.Epsilon, 2147483648f, -2147483904f, 4294967296f, 1.5f, -0.75f];

    private static readonly double[] DoubleEdges = [0d, -0d, 1d, -1d, 0.5d, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, 2147483647.5, -2147483648.9, 9.2233720368547758E18, 4294967295.0, -0.25];

    public static CallPlan Plan(ModuleDefinition definition, Random random)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var calls = new List<PlannedCall>();
        foreach (var export in definition.Exports)
        {
            if (export.Kind != ExternalKind.Function || export.Name == ResetExportName)
            {
                continue;
            }

            var type = definition.GetFunctionType(export.Index);
            if (type.Parameters.Contains(ValueKind.V128) || type.Results.Contains(ValueKind.V128))
            {
                continue;
            }

            var arguments = type.Parameters.Select(kind => ValueText.FormatArgument(Argument(kind, random))).ToArray();
            calls.Add(new PlannedCall(export.Name, [.. type.Parameters], [.. type.Results], arguments));
        }

        return new CallPlan(MemoryExportName, ResetExportName, calls)
        {
            Globals = [.. definition.Exports
                .Where(export => export.Kind == ExternalKind.Global)
                .Select(export => new ObservedGlobal(export.Name, GlobalKind(definition, export.Index)))
                .Where(global => global.Type != ValueKind.V128)],
            Shape = Shape(definition),
        };
    }

    public const string HostModule = "fuzzing-support";

    private static ModuleShape Shape(ModuleDefinition definition)
    {
        var functionCount = definition.ImportedFunctionCount + definition.FunctionTypeIndices.Length;
        return new ModuleShape
        {
            DefinedFunctions = definition.FunctionTypeIndices.Length,
            Functions = [.. Enumerable.Range(0, functionCount).Select(i => (IReadOnlyList<ValueKind>)[.. definition.GetFunctionType((uint)i).Parameters])],
            ExportedFunctions = [.. definition.Exports.Where(export => export.Kind == ExternalKind.Function).Select(export => export.Name)],
            HostFunctions = definition.Imports
                .Where(import => import.Kind == ExternalKind.Function && import.Module == HostModule)
                .GroupBy(import => import.Name)
                .ToDictionary(group => group.Key, group => (IReadOnlyList<ValueKind>)[.. definition.Types[(int)group.First().FunctionTypeIndex].Parameters]),
            ImportedGlobals = [.. definition.Imports
                .Where(import => import.Kind == ExternalKind.Global)
                .Select(import => new ImportedGlobal(import.Module, import.Name, import.Global!.Kind, import.Global.Mutable))],
        };
    }

    private static ValueKind GlobalKind(ModuleDefinition definition, uint index)
    {
        var imported = definition.Imports.Where(import => import.Kind == ExternalKind.Global).Select(import => import.Global!.Kind).ToList();
        return index < imported.Count ? imported[(int)index] : definition.Globals[(int)index - imported.Count].Type.Kind;
    }

    private static Value Argument(ValueKind kind, Random random)
    {
        var edge = random.Next(3) != 0;
        return kind switch
        {
            ValueKind.I32 => Value.FromInt32(edge ? Int32Edges[random.Next(Int32Edges.Length)] : random.Next(int.MinValue, int.MaxValue)),
            ValueKind.I64 => Value.FromInt64(edge ? Int64Edges[random.Next(Int64Edges.Length)] : random.NextInt64(long.MinValue, long.MaxValue)),
            ValueKind.F32 => Value.FromSingle(edge ? SingleEdges[random.Next(SingleEdges.Length)] : NotNaN(BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue)))),
            ValueKind.F64 => Value.FromDouble(edge ? DoubleEdges[random.Next(DoubleEdges.Length)] : NotNaN(BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)))),
            _ => Value.Default(kind),
        };
    }

    private static float NotNaN(float value) => float.IsNaN(value) ? 1.25f : value;

    private static double NotNaN(double value) => double.IsNaN(value) ? -3.5d : value;
}
