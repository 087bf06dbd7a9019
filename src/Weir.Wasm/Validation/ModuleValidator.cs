using Weir.Wasm.Decoding;
using Weir.Wasm.Instructions;
using Weir.Wasm.Model;

namespace Weir.Wasm.Validation;

/// <summary>
/// Checks a decoded module against the validation rules of WebAssembly 2.0: index spaces, limits,
/// constant expressions, segments, exports, the start function and the typing of every function
/// body. A module that passes can be compiled without further checks.
/// </summary>
/// <remarks>
/// Function bodies are decoded here, not by <see cref="ModuleDecoder"/>, so this is also where a
/// malformed instruction sequence is found: such problems are reported as
/// <see cref="WasmMalformedException"/> (for example "illegal opcode", "END opcode expected" or
/// "data count section required"), and, as in the spec, a malformed body is reported in preference
/// to any validation error. Error reasons use the spec test suite's wording.
/// </remarks>
public static class ModuleValidator
{
    /// <summary>The largest memory a 32-bit address space allows, in pages.</summary>
    private const ulong MaximumMemoryPages = MemoryType.MaximumPages;

    /// <summary>Validates a module.</summary>
    /// <param name="module">A module from <see cref="ModuleDecoder.Decode"/>.</param>
    /// <exception cref="WasmValidationException">The module breaks a validation rule.</exception>
    /// <exception cref="WasmMalformedException">A function body is not well formed.</exception>
    public static void Validate(ModuleDefinition module)
    {
        ArgumentNullException.ThrowIfNull(module);
        try
        {
            ValidateModule(module);
        }
        catch (WasmValidationException)
        {
            CodeStructureScanner.ThrowIfMalformed(module);
            throw;
        }
        catch (WasmMalformedException exception) when (exception.Reason == CodeStructureScanner.DataCountRequired)
        {
            // A later body may be malformed in another way, which the spec's decoder finds first.
            CodeStructureScanner.ThrowIfMalformed(module);
            throw;
        }
    }

    // The order of the checks follows the reference interpreter, so that a module breaking several
    // rules reports the same one.
    private static void ValidateModule(ModuleDefinition module)
    {
        if (module.FunctionTypeIndices.Length != module.Bodies.Length)
        {
            throw new WasmMalformedException("function and code section have inconsistent lengths", module.Binary.Length);
        }

        var offsets = module.Offsets;
        var types = module.Types;
        var functions = new List<FunctionType>(module.FunctionTypeIndices.Length);
        var tables = new List<TableType>(module.Tables.Length);
        var globals = new List<GlobalType>(module.Globals.Length);
        var memoryCount = 0;
        for (var i = 0; i < module.Imports.Length; i++)
        {
            var import = module.Imports[i];
            var offset = ItemOffsets.Of(offsets?.Imports, i);
            switch (import.Kind)
            {
                case ExternalKind.Function:
                    functions.Add(ResolveType(types, import.FunctionTypeIndex, offset));
                    break;
                case ExternalKind.Table:
                    var table = import.Table ?? throw new WasmValidationException($"table import {i} has no table type", offset);
                    CheckTableType(table, offset);
                    tables.Add(table);
                    break;
                case ExternalKind.Memory:
                    CheckMemoryType(import.Memory ?? throw new WasmValidationException($"memory import {i} has no memory type", offset), offset);
                    memoryCount++;
                    break;
                case ExternalKind.Global:
                    globals.Add(import.Global ?? throw new WasmValidationException($"global import {i} has no global type", offset));
                    break;
                default:
                    throw new WasmValidationException($"import {i} has the unknown kind {import.Kind}", offset);
            }
        }

        var importedFunctionCount = functions.Count;
        var importedGlobalCount = globals.Count;
        for (var i = 0; i < module.FunctionTypeIndices.Length; i++)
        {
            functions.Add(ResolveType(types, module.FunctionTypeIndices[i], ItemOffsets.Of(offsets?.Functions, i)));
        }

        tables.AddRange(module.Tables);
        memoryCount += module.Memories.Length;
        foreach (var (type, _) in module.Globals)
        {
            globals.Add(type);
        }

        var context = new ValidationContext(
            module,
            [.. functions],
            [.. tables],
            memoryCount,
            [.. globals],
            importedGlobalCount,
            CollectDeclaredFunctionReferences(module, functions.Count));

        for (var i = 0; i < module.Globals.Length; i++)
        {
            var (type, initializer) = module.Globals[i];
            CheckConstant(context, initializer, type.Kind);
        }

        for (var i = 0; i < module.Tables.Length; i++)
        {
            CheckTableType(module.Tables[i], ItemOffsets.Of(offsets?.Tables, i));
        }

        for (var i = 0; i < module.Memories.Length; i++)
        {
            CheckMemoryType(module.Memories[i], ItemOffsets.Of(offsets?.Memories, i));
        }

        for (var i = 0; i < module.Elements.Length; i++)
        {
            CheckElementSegment(context, module.Elements[i], ItemOffsets.Of(offsets?.Elements, i));
        }

        for (var i = 0; i < module.Data.Length; i++)
        {
            CheckDataSegment(context, module.Data[i], ItemOffsets.Of(offsets?.Data, i));
        }

        var functionValidator = new FunctionValidator(context);
        for (var i = 0; i < module.Bodies.Length; i++)
        {
            var index = importedFunctionCount + i;
            functionValidator.Validate(index, context.Functions[index], module.Bodies[i]);
        }

        if (module.StartFunction is { } start)
        {
            var offset = offsets?.Start ?? 0;
            if (start >= (uint)context.Functions.Length)
            {
                throw new WasmValidationException($"unknown function {start}", offset);
            }

            var type = context.Functions[start];
            if (type.Parameters.Length != 0 || type.Results.Length != 0)
            {
                throw new WasmValidationException($"start function must have type [] -> [], function {start} has type {type}", offset);
            }
        }

        CheckExports(context, module);

        if (memoryCount > 1)
        {
            throw new WasmValidationException("multiple memories", ItemOffsets.Of(offsets?.Memories, module.Memories.Length - 1));
        }
    }

    private static FunctionType ResolveType(System.Collections.Immutable.ImmutableArray<FunctionType> types, uint index, int offset) =>
        index < (uint)types.Length ? types[(int)index] : throw new WasmValidationException($"unknown type {index}", offset);

    private static void CheckTableType(TableType table, int offset)
    {
        // The decoder reads u32 limits; a definition built by hand might not.
        if (table.Limits.Minimum > uint.MaxValue || table.Limits.Maximum > uint.MaxValue)
        {
            throw new WasmValidationException("table size must be at most 2^32-1", offset);
        }

        if (table.Limits.Maximum is { } maximum && table.Limits.Minimum > maximum)
        {
            throw new WasmValidationException("size minimum must not be greater than maximum", offset);
        }
    }

    private static void CheckMemoryType(MemoryType memory, int offset)
    {
        var limits = memory.Limits;
        if (limits.Minimum > MaximumMemoryPages || limits.Maximum > MaximumMemoryPages)
        {
            throw new WasmValidationException("memory size must be at most 65536 pages (4GiB)", offset);
        }

        if (limits.Maximum is { } maximum && limits.Minimum > maximum)
        {
            throw new WasmValidationException("size minimum must not be greater than maximum", offset);
        }
    }

    /// <summary>
    /// The functions <c>ref.func</c> may name inside function bodies: those referenced by global
    /// initializers, element segments or exports.
    /// </summary>
    private static bool[] CollectDeclaredFunctionReferences(ModuleDefinition module, int functionCount)
    {
        var declared = new bool[functionCount];
        void Declare(ConstantExpression expression)
        {
            foreach (var instruction in expression.Instructions)
            {
                if (instruction.Opcode == Opcode.RefFunc && instruction.Index < (uint)declared.Length)
                {
                    declared[instruction.Index] = true;
                }
            }
        }

        foreach (var (_, initializer) in module.Globals)
        {
            Declare(initializer);
        }

        foreach (var segment in module.Elements)
        {
            foreach (var item in segment.Items)
            {
                Declare(item);
            }
        }

        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternalKind.Function && export.Index < (uint)declared.Length)
            {
                declared[export.Index] = true;
            }
        }

        return declared;
    }

    /// <summary>
    /// Checks that an initializer is constant (constants, <c>ref.null</c>, <c>ref.func</c> and
    /// <c>global.get</c> of an immutable imported global) and produces exactly one value of the type.
    /// </summary>
    private static void CheckConstant(ValidationContext context, ConstantExpression expression, ValueKind expected)
    {
        foreach (var instruction in expression.Instructions)
        {
            switch (instruction.Opcode)
            {
                case Opcode.I32Const:
                case Opcode.I64Const:
                case Opcode.F32Const:
                case Opcode.F64Const:
                case Opcode.V128Const:
                case Opcode.RefNull:
                case Opcode.RefFunc:
                    break;
                case Opcode.GlobalGet:
                    // Wasm 2.0 lets constant expressions read imported globals only.
                    if (instruction.Index >= (uint)context.ImportedGlobalCount)
                    {
                        throw new WasmValidationException($"unknown global {instruction.Index}", instruction.Offset);
                    }

                    if (context.Globals[instruction.Index].Mutable)
                    {
                        throw new WasmValidationException($"constant expression required: global {instruction.Index} is mutable", instruction.Offset);
                    }

                    break;
                default:
                    throw new WasmValidationException($"constant expression required: {instruction.Opcode} is not constant", instruction.Offset);
            }
        }

        var produced = 0;
        var kind = default(ValueKind);
        foreach (var instruction in expression.Instructions)
        {
            produced++;
            kind = instruction.Opcode switch
            {
                Opcode.I32Const => ValueKind.I32,
                Opcode.I64Const => ValueKind.I64,
                Opcode.F32Const => ValueKind.F32,
                Opcode.F64Const => ValueKind.F64,
                Opcode.V128Const => ValueKind.V128,
                Opcode.RefNull => instruction.Kind,
                Opcode.RefFunc => instruction.Index < (uint)context.Functions.Length
                    ? ValueKind.FuncRef
                    : throw new WasmValidationException($"unknown function {instruction.Index}", instruction.Offset),
                _ => context.Globals[instruction.Index].Kind,
            };
        }

        if (produced != 1 || kind != expected)
        {
            var found = produced == 1 ? ValueKinds.ToText(kind) : $"{produced} values";
            throw new WasmValidationException($"type mismatch: constant expression must produce one {ValueKinds.ToText(expected)}, it produces {found}", expression.Offset);
        }
    }

    private static void CheckElementSegment(ValidationContext context, ElementSegment segment, int offset)
    {
        foreach (var item in segment.Items)
        {
            CheckConstant(context, item, segment.ElementKind);
        }

        if (segment.Mode != SegmentMode.Active)
        {
            return;
        }

        if (segment.TableIndex >= (uint)context.Tables.Length)
        {
            throw new WasmValidationException($"unknown table {segment.TableIndex}", offset);
        }

        var tableKind = context.Tables[segment.TableIndex].ElementKind;
        if (tableKind != segment.ElementKind)
        {
            throw new WasmValidationException($"type mismatch: element segment of {ValueKinds.ToText(segment.ElementKind)} for a table of {ValueKinds.ToText(tableKind)}", offset);
        }

        CheckConstant(context, segment.TableOffset ?? throw new WasmValidationException("active element segment without an offset", offset), ValueKind.I32);
    }

    private static void CheckDataSegment(ValidationContext context, DataSegment segment, int offset)
    {
        if (segment.Mode != SegmentMode.Active)
        {
            return;
        }

        if (segment.MemoryIndex >= (uint)context.MemoryCount)
        {
            throw new WasmValidationException($"unknown memory {segment.MemoryIndex}", offset);
        }

        CheckConstant(context, segment.MemoryOffset ?? throw new WasmValidationException("active data segment without an offset", offset), ValueKind.I32);
    }

    private static void CheckExports(ValidationContext context, ModuleDefinition module)
    {
        var names = new HashSet<string>(module.Exports.Length, StringComparer.Ordinal);
        for (var i = 0; i < module.Exports.Length; i++)
        {
            var export = module.Exports[i];
            var offset = ItemOffsets.Of(module.Offsets?.Exports, i);
            var (count, space) = export.Kind switch
            {
                ExternalKind.Function => (context.Functions.Length, "function"),
                ExternalKind.Table => (context.Tables.Length, "table"),
                ExternalKind.Memory => (context.MemoryCount, "memory"),
                ExternalKind.Global => (context.Globals.Length, "global"),
                _ => (0, export.Kind.ToString()),
            };
            if (export.Index >= (uint)count)
            {
                throw new WasmValidationException($"unknown {space} {export.Index}", offset);
            }

            if (!names.Add(export.Name))
            {
                throw new WasmValidationException($"duplicate export name \"{export.Name}\"", offset);
            }
        }
    }
}
