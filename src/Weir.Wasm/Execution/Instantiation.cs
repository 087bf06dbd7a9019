using Weir.Wasm.Compilation;
using Weir.Wasm.Instructions;
using Weir.Wasm.Model;

namespace Weir.Wasm.Execution;

/// <summary>The spec's instantiation algorithm: check imports, allocate, initialize, run start.</summary>
internal static class Instantiation
{
    public static Instance Run(Store store, Module module, object[] resolvedImports)
    {
        var definition = module.Definition;
        var compiled = module.Compiled;
        var context = new InstanceContext { Execution = store.Execution, Store = store, Module = compiled };

        // Counted in the stack limit from the next outermost call on (a host function instantiating
        // during a guest call gets it only for later calls).
        store.Execution.LargestFrameBytes = Math.Max(store.Execution.LargestFrameBytes, compiled.LargestFrameBytes);
        var functions = new List<Function?>();
        var tables = new List<Table>();
        var memories = new List<Memory>();
        var globals = new List<Global>();

        for (var i = 0; i < definition.Imports.Length; i++)
        {
            var import = definition.Imports[i];
            var resolved = resolvedImports[i];
            switch (import.Kind)
            {
                case ExternalKind.Function:
                    functions.Add(BindFunction(store, definition.Types[(int)import.FunctionTypeIndex], import, resolved, context));
                    break;
                case ExternalKind.Table:
                    tables.Add(CheckTable(import, resolved));
                    break;
                case ExternalKind.Memory:
                    memories.Add(CheckMemory(import, resolved));
                    break;
                case ExternalKind.Global:
                    globals.Add(CheckGlobal(import, resolved));
                    break;
            }
        }

        var allFunctions = new Function?[compiled.FunctionTypes.Length];
        functions.CopyTo(allFunctions);
        context.Functions = allFunctions;
        foreach (var tableType in definition.Tables)
        {
            tables.Add(new Table(store, tableType));
        }

        foreach (var memoryType in definition.Memories)
        {
            memories.Add(new Memory(store, memoryType));
        }

        context.Tables = [.. tables];
        context.Memories = [.. memories];
        context.Memory0 = memories.Count > 0 ? memories[0] : null;
        var importedGlobals = globals.Count;
        var allGlobals = new Global[importedGlobals + definition.Globals.Length];
        globals.CopyTo(allGlobals);
        context.Globals = allGlobals;
        for (var i = 0; i < definition.Globals.Length; i++)
        {
            // Initializers may read only imported globals, which are already in place.
            var (type, initializer) = definition.Globals[i];
            allGlobals[importedGlobals + i] = new Global(type, Evaluate(initializer, context));
        }

        context.DataSegments = definition.Data.Select(segment => segment.Data).ToArray();
        context.ElementSegments = new object?[]?[definition.Elements.Length];
        for (var i = 0; i < definition.Elements.Length; i++)
        {
            var segment = definition.Elements[i];
            if (segment.Mode == SegmentMode.Passive)
            {
                var items = new object?[segment.Items.Length];
                for (var j = 0; j < items.Length; j++)
                {
                    items[j] = Evaluate(segment.Items[j], context).AsReference();
                }

                context.ElementSegments[i] = items;
            }
            else
            {
                // Active and declarative segments are dropped once instantiation has used them.
                context.ElementSegments[i] = [];
            }
        }

        var instance = new Instance(module, store, context);
        context.Instance = instance;

        for (var i = 0; i < definition.Elements.Length; i++)
        {
            var segment = definition.Elements[i];
            if (segment.Mode != SegmentMode.Active)
            {
                continue;
            }

            // table.init semantics: the whole range is checked before anything is written, and the
            // segments before a failing one stay written. Items go straight into the table.
            var offset = (uint)Evaluate(segment.TableOffset!, context).AsInt32();
            var elements = context.Tables[(int)segment.TableIndex].Elements;
            if ((ulong)offset + (ulong)segment.Items.Length > (ulong)elements.Length)
            {
                throw new WasmTrapException(TrapCode.TableOutOfBounds);
            }

            for (var j = 0; j < segment.Items.Length; j++)
            {
                elements[offset + j] = Evaluate(segment.Items[j], context).AsReference();
            }
        }

        for (var i = 0; i < definition.Data.Length; i++)
        {
            var segment = definition.Data[i];
            if (segment.Mode == SegmentMode.Active)
            {
                var offset = (uint)Evaluate(segment.MemoryOffset!, context).AsInt32();
                BulkOperations.MemoryInit(offset, 0, (uint)segment.Data.Length, context, i);
                context.DataSegments[i] = ReadOnlyMemory<byte>.Empty;
            }
        }

        if (definition.StartFunction is uint start)
        {
            TypedCalls.CallAction(context.GetFunction((int)start));
        }

        return instance;
    }

    private static Function BindFunction(Store store, FunctionType expected, Import import, object resolved, InstanceContext context)
    {
        switch (resolved)
        {
            case Function function:
                if (!function.Type.Equals(expected))
                {
                    throw Incompatible(import, $"expected {expected}, found {function.Type}");
                }

                return function;
            case HostFunctionDefinition host:
                if (!host.Type.Equals(expected))
                {
                    throw Incompatible(import, $"expected {expected}, found {host.Type}");
                }

                var adapters = store.Engine.HostAdapters;
                var (code, holder) = host.Untyped
                    ? adapters.GetUntyped(host.Type)
                    : adapters.GetTyped(host.DelegateType, host.Type, host.HasCaller);
                var binding = new HostFunctionBinding(host.Callback, new Caller(context), host.Type, holder);
                return new Function(store, host.Type, store.Engine.GetTypeId(host.Type), binding, code, $"{import.Module}.{import.Name}");
            default:
                throw Incompatible(import, $"expected a function, found a {DescribeKind(resolved)}");
        }
    }

    private static Table CheckTable(Import import, object resolved)
    {
        if (resolved is not Table table)
        {
            throw Incompatible(import, $"expected a table, found a {DescribeKind(resolved)}");
        }

        var expected = import.Table!;
        if (table.ElementKind != expected.ElementKind || !LimitsMatch(table.Size, table.DeclaredMaximum, expected.Limits))
        {
            throw Incompatible(import, $"expected table {expected}, found {table.Type}");
        }

        return table;
    }

    private static Memory CheckMemory(Import import, object resolved)
    {
        if (resolved is not Memory memory)
        {
            throw Incompatible(import, $"expected a memory, found a {DescribeKind(resolved)}");
        }

        var expected = import.Memory!;
        if (!LimitsMatch(memory.Pages, memory.DeclaredMaximumPages, expected.Limits))
        {
            throw Incompatible(import, $"expected memory {expected}, found {memory.Type}");
        }

        return memory;
    }

    private static Global CheckGlobal(Import import, object resolved)
    {
        if (resolved is not Global global)
        {
            throw Incompatible(import, $"expected a global, found a {DescribeKind(resolved)}");
        }

        if (global.Type != import.Global)
        {
            throw Incompatible(import, $"expected global {import.Global}, found {global.Type}");
        }

        return global;
    }

    private static bool LimitsMatch(ulong actualMinimum, ulong? actualMaximum, Limits expected) =>
        actualMinimum >= expected.Minimum
        && (expected.Maximum is not ulong expectedMaximum || (actualMaximum is ulong maximum && maximum <= expectedMaximum));

    private static string DescribeKind(object resolved) => resolved switch
    {
        HostFunctionDefinition => "function",
        Extern item => item.Kind.ToString().ToLowerInvariant(),
        _ => resolved.GetType().Name,
    };

    private static WasmLinkException Incompatible(Import import, string detail) =>
        new($"incompatible import type for {import.Module}.{import.Name}: {detail}");

    /// <summary>Evaluates a validated constant expression.</summary>
    public static Value Evaluate(ConstantExpression expression, InstanceContext context)
    {
        var instruction = expression.Instructions[^1];
        return instruction.Opcode switch
        {
            Opcode.I32Const => Value.FromInt32((int)instruction.Constant),
            Opcode.I64Const => Value.FromInt64(instruction.Constant),
            Opcode.F32Const => Value.FromSingleBits((int)instruction.Constant),
            Opcode.F64Const => Value.FromDoubleBits(instruction.Constant),
            Opcode.V128Const => Value.FromVector(instruction.Vector),
            Opcode.RefNull => Value.Default(instruction.Kind),
            Opcode.RefFunc => Value.FromFunction(context.GetFunction((int)instruction.Index)),
            Opcode.GlobalGet => context.Globals[instruction.Index].Value,
            _ => throw new WasmValidationException("constant expression required", instruction.Offset),
        };
    }
}
