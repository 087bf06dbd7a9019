using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Weir.Wasm.Instructions;
using Weir.Wasm.Model;

namespace Weir.Wasm.Decoding;

/// <summary>
/// Decodes the binary format of a WebAssembly 2.0 module into a <see cref="ModuleDefinition"/>.
/// Everything outside function bodies is decoded and checked here; the instructions of function
/// bodies are only located (their locals are decoded), and <see cref="Validation.ModuleValidator"/>
/// decodes them while it type-checks them.
/// </summary>
/// <remarks>
/// Error reasons use the wording of the WebAssembly reference interpreter (and so of the spec test
/// suite), for example "unexpected end of section or function", "section size mismatch" or
/// "length out of bounds". Every count is checked against the bytes left before anything is
/// allocated for it, and the counts the model expands (locals, element items, constant
/// expressions, types, imports, exports...) are bounded by the WebAssembly JS API's
/// implementation limits, so no input makes the decoder allocate without bound.
/// </remarks>
public static class ModuleDecoder
{
    /// <summary>
    /// The most locals one function may have, its parameters included: an implementation limit
    /// (the spec allows 2^32 - 1) that keeps every function compilable to IL.
    /// </summary>
    public const int MaximumLocals = DecodingLimits.LocalsPerFunction;

    private const uint Magic = 0x6D736100;
    private const uint Version = 1;

    // Sections must appear in this order (the data count section sits between element and code).
    private static ReadOnlySpan<byte> SectionOrder => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];

    /// <summary>Decodes a binary module.</summary>
    /// <param name="binary">The whole <c>.wasm</c> file. The definition keeps referring to it (function bodies, data, custom sections), so it must not change afterwards.</param>
    /// <returns>The decoded module, not yet validated.</returns>
    /// <exception cref="WasmMalformedException">The bytes are not a well-formed binary module.</exception>
    public static ModuleDefinition Decode(ReadOnlyMemory<byte> binary)
    {
        var parts = new ModuleParts(binary);
        var reader = new WasmReader(binary.Span);
        ReadHeader(ref reader);
        var lastOrder = 0;
        while (!reader.AtEnd)
        {
            var idOffset = reader.Offset;
            var id = reader.ReadByte();
            if (id > (byte)SectionId.DataCount)
            {
                throw new WasmMalformedException("malformed section id", idOffset);
            }

            if (id == (byte)SectionId.Custom)
            {
                ReadCustomSection(ref reader, parts);
                continue;
            }

            var order = SectionOrder[id];
            if (order <= lastOrder)
            {
                // A duplicate or a section out of order: what follows cannot belong to the module.
                throw new WasmMalformedException("unexpected content after last section", idOffset);
            }

            lastOrder = order;
            var size = reader.ReadLength();
            var start = reader.Offset;
            ReadSection(ref reader, (SectionId)id, parts);
            if (reader.Offset != start + size)
            {
                throw new WasmMalformedException("section size mismatch", start);
            }
        }

        return parts.Build(reader.Offset);
    }

    private static void ReadHeader(ref WasmReader reader)
    {
        if (reader.ReadUInt32LittleEndian() != Magic)
        {
            throw new WasmMalformedException("magic header not detected", 0);
        }

        if (reader.ReadUInt32LittleEndian() != Version)
        {
            throw new WasmMalformedException("unknown binary version", 4);
        }
    }

    private static void ReadSection(ref WasmReader reader, SectionId id, ModuleParts parts)
    {
        switch (id)
        {
            case SectionId.Type:
                ReadTypeSection(ref reader, parts);
                break;
            case SectionId.Import:
                ReadImportSection(ref reader, parts);
                break;
            case SectionId.Function:
            {
                var countOffset = reader.Offset;
                var count = reader.ReadLength();
                DecodingLimits.Check(count, DecodingLimits.Functions, "functions", countOffset);
                var indices = new uint[count];
                var offsets = parts.Offsets.Functions = new int[count];
                for (var i = 0; i < indices.Length; i++)
                {
                    offsets[i] = reader.Offset;
                    indices[i] = reader.ReadVarUInt32();
                }

                parts.FunctionTypeIndices = ImmutableCollectionsMarshal.AsImmutableArray(indices);
                break;
            }

            case SectionId.Table:
            {
                var countOffset = reader.Offset;
                var count = reader.ReadLength();
                DecodingLimits.Check(count, DecodingLimits.Tables, "tables", countOffset);
                var tables = ImmutableArray.CreateBuilder<TableType>(Math.Min(count, 64));
                var offsets = parts.Offsets.Tables = new int[count];
                for (var i = 0; i < count; i++)
                {
                    offsets[i] = reader.Offset;
                    tables.Add(ReadTableType(ref reader));
                }

                parts.Tables = tables.ToImmutable();
                break;
            }

            case SectionId.Memory:
            {
                var countOffset = reader.Offset;
                var count = reader.ReadLength();
                DecodingLimits.Check(count, DecodingLimits.Memories, "memories", countOffset);
                var memories = ImmutableArray.CreateBuilder<MemoryType>(Math.Min(count, 64));
                var offsets = parts.Offsets.Memories = new int[count];
                for (var i = 0; i < count; i++)
                {
                    offsets[i] = reader.Offset;
                    memories.Add(new MemoryType(ReadLimits(ref reader)));
                }

                parts.Memories = memories.ToImmutable();
                break;
            }

            case SectionId.Global:
                ReadGlobalSection(ref reader, parts);
                break;
            case SectionId.Export:
                ReadExportSection(ref reader, parts);
                break;
            case SectionId.Start:
                parts.Offsets.Start = reader.Offset;
                parts.StartFunction = reader.ReadVarUInt32();
                break;
            case SectionId.Element:
                ReadElementSection(ref reader, parts);
                break;
            case SectionId.DataCount:
                parts.DataCount = reader.ReadVarUInt32();
                break;
            case SectionId.Code:
                ReadCodeSection(ref reader, parts);
                break;
            case SectionId.Data:
                ReadDataSection(ref reader, parts);
                break;
            default:
                throw new InvalidOperationException($"Section {id} has no reader.");
        }
    }

    private static void ReadCustomSection(ref WasmReader reader, ModuleParts parts)
    {
        var sectionOffset = reader.Offset - 1;
        var size = reader.ReadLength();
        var start = reader.Offset;
        var end = start + size;
        var name = reader.ReadName();
        if (reader.Offset > end || end > parts.Binary.Length)
        {
            // The name runs past the section's end, or the section past the binary's.
            throw new WasmMalformedException(WasmReader.UnexpectedEnd, Math.Min(end, parts.Binary.Length));
        }

        var content = parts.Binary.Slice(reader.Offset, end - reader.Offset);
        if (name == "name" && parts.Names is null)
        {
            parts.Names = NameSectionReader.TryRead(content.Span, reader.Offset);
        }

        parts.CustomSections.Add(new CustomSection(name, content, sectionOffset));
        reader.Position = end;
    }

    private static void ReadTypeSection(ref WasmReader reader, ModuleParts parts)
    {
        var countOffset = reader.Offset;
        var count = reader.ReadLength();
        DecodingLimits.Check(count, DecodingLimits.Types, "types", countOffset);
        var types = ImmutableArray.CreateBuilder<FunctionType>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            var form = reader.ReadTypeByte();
            if (form != 0x60)
            {
                throw reader.Malformed("malformed function type", reader.Offset - 1);
            }

            var parametersOffset = reader.Offset;
            var parameters = ReadValueKinds(ref reader);
            DecodingLimits.Check(parameters.Length, DecodingLimits.FunctionParameters, "parameters", parametersOffset);
            var resultsOffset = reader.Offset;
            var results = ReadValueKinds(ref reader);
            DecodingLimits.Check(results.Length, DecodingLimits.FunctionResults, "results", resultsOffset);
            types.Add(new FunctionType(parameters, results));
        }

        parts.Types = types.ToImmutable();
    }

    private static ImmutableArray<ValueKind> ReadValueKinds(ref WasmReader reader)
    {
        var count = reader.ReadLength();
        if (count == 0)
        {
            return [];
        }

        var kinds = new ValueKind[count];
        for (var i = 0; i < kinds.Length; i++)
        {
            kinds[i] = ReadValueKind(ref reader);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(kinds);
    }

    private static ValueKind ReadValueKind(ref WasmReader reader)
    {
        var encoding = reader.ReadTypeByte();
        if (!ValueKinds.IsDefined(encoding))
        {
            throw reader.Malformed("malformed value type", reader.Offset - 1);
        }

        return (ValueKind)encoding;
    }

    private static ValueKind ReadReferenceKind(ref WasmReader reader)
    {
        var encoding = reader.ReadTypeByte();
        if (encoding is not ((byte)ValueKind.FuncRef or (byte)ValueKind.ExternRef))
        {
            throw reader.Malformed("malformed reference type", reader.Offset - 1);
        }

        return (ValueKind)encoding;
    }

    private static Limits ReadLimits(ref WasmReader reader)
    {
        var hasMaximum = reader.ReadFlag();
        var minimum = reader.ReadVarUInt32();
        ulong? maximum = hasMaximum ? reader.ReadVarUInt32() : null;
        return new Limits(minimum, maximum);
    }

    private static TableType ReadTableType(ref WasmReader reader)
    {
        var kind = ReadReferenceKind(ref reader);
        return new TableType(kind, ReadLimits(ref reader));
    }

    private static GlobalType ReadGlobalType(ref WasmReader reader)
    {
        var kind = ReadValueKind(ref reader);
        var mutability = reader.ReadByte();
        if (mutability > 1)
        {
            throw reader.Malformed("malformed mutability", reader.Offset - 1);
        }

        return new GlobalType(kind, mutability == 1);
    }

    private static void ReadImportSection(ref WasmReader reader, ModuleParts parts)
    {
        var countOffset = reader.Offset;
        var count = reader.ReadLength();
        DecodingLimits.Check(count, DecodingLimits.Imports, "imports", countOffset);
        var imports = ImmutableArray.CreateBuilder<Import>(Math.Min(count, 1024));
        var offsets = parts.Offsets.Imports = new int[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = reader.Offset;
            var module = reader.ReadName();
            var name = reader.ReadName();
            var kind = reader.ReadByte();
            imports.Add(kind switch
            {
                (byte)ExternalKind.Function => new Import(module, name, ExternalKind.Function, FunctionTypeIndex: reader.ReadVarUInt32()),
                (byte)ExternalKind.Table => new Import(module, name, ExternalKind.Table, Table: ReadTableType(ref reader)),
                (byte)ExternalKind.Memory => new Import(module, name, ExternalKind.Memory, Memory: new MemoryType(ReadLimits(ref reader))),
                (byte)ExternalKind.Global => new Import(module, name, ExternalKind.Global, Global: ReadGlobalType(ref reader)),
                _ => throw reader.Malformed("malformed import kind", reader.Offset - 1),
            });
        }

        parts.Imports = imports.ToImmutable();
    }

    private static void ReadGlobalSection(ref WasmReader reader, ModuleParts parts)
    {
        var countOffset = reader.Offset;
        var count = reader.ReadLength();
        DecodingLimits.Check(count, DecodingLimits.Globals, "globals", countOffset);
        var globals = ImmutableArray.CreateBuilder<(GlobalType Type, ConstantExpression Initializer)>(Math.Min(count, 1024));
        var offsets = parts.Offsets.Globals = new int[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = reader.Offset;
            var type = ReadGlobalType(ref reader);
            globals.Add((type, ReadConstantExpression(ref reader, parts)));
        }

        parts.Globals = globals.ToImmutable();
    }

    private static void ReadExportSection(ref WasmReader reader, ModuleParts parts)
    {
        var countOffset = reader.Offset;
        var count = reader.ReadLength();
        DecodingLimits.Check(count, DecodingLimits.Exports, "exports", countOffset);
        var exports = ImmutableArray.CreateBuilder<Export>(Math.Min(count, 1024));
        var offsets = parts.Offsets.Exports = new int[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = reader.Offset;
            var name = reader.ReadName();
            var kind = reader.ReadByte();
            if (kind > (byte)ExternalKind.Global)
            {
                throw reader.Malformed("malformed export kind", reader.Offset - 1);
            }

            exports.Add(new Export(name, (ExternalKind)kind, reader.ReadVarUInt32()));
        }

        parts.Exports = exports.ToImmutable();
    }

    private static void ReadElementSection(ref WasmReader reader, ModuleParts parts)
    {
        var count = reader.ReadLength();
        var segments = ImmutableArray.CreateBuilder<ElementSegment>(Math.Min(count, 1024));
        var offsets = parts.Offsets.Elements = new int[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = reader.Offset;
            segments.Add(ReadElementSegment(ref reader, parts));
        }

        parts.Elements = segments.ToImmutable();
    }

    private static ElementSegment ReadElementSegment(ref WasmReader reader, ModuleParts parts)
    {
        var flagsOffset = reader.Offset;
        var flags = reader.ReadVarUInt32();
        if (flags > 7)
        {
            throw new WasmMalformedException("malformed elements segment kind", flagsOffset);
        }

        // Bit 0: passive or declarative (not active); bit 1: explicit table index (active) or
        // declarative (otherwise); bit 2: items are expressions rather than function indices.
        var notActive = (flags & 1) != 0;
        var explicitTableOrDeclarative = (flags & 2) != 0;
        var expressions = (flags & 4) != 0;
        var mode = !notActive ? SegmentMode.Active : explicitTableOrDeclarative ? SegmentMode.Declarative : SegmentMode.Passive;

        var tableIndex = 0u;
        ConstantExpression? offset = null;
        if (mode == SegmentMode.Active)
        {
            if (explicitTableOrDeclarative)
            {
                tableIndex = reader.ReadVarUInt32();
            }

            offset = ReadConstantExpression(ref reader, parts);
        }

        var kind = ValueKind.FuncRef;
        if (notActive || explicitTableOrDeclarative)
        {
            kind = expressions ? ReadReferenceKind(ref reader) : ReadElementKind(ref reader);
        }

        var countOffset = reader.Offset;
        var count = reader.ReadLength();
        DecodingLimits.Check(count, DecodingLimits.ElementSegmentEntries, "element segment entries", countOffset);
        var items = new ConstantExpression[count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = expressions ? ReadConstantExpression(ref reader, parts) : ReadFunctionIndexItem(ref reader, parts);
        }

        return new ElementSegment(mode, kind, tableIndex, offset, ImmutableCollectionsMarshal.AsImmutableArray(items));
    }

    /// <summary>
    /// Reads an element given as a function index, as the equivalent <c>ref.func</c> expression.
    /// Tables often repeat functions, so one expression is shared per index.
    /// </summary>
    private static ConstantExpression ReadFunctionIndexItem(ref WasmReader reader, ModuleParts parts)
    {
        var itemOffset = reader.Offset;
        var index = reader.ReadVarUInt32();
        if (parts.FunctionReferenceItems.TryGetValue(index, out var shared))
        {
            return shared;
        }

        parts.CountConstantInstructions(1, itemOffset);
        var item = new ConstantExpression([new Instruction { Opcode = Opcode.RefFunc, Offset = itemOffset, Index = index }], itemOffset);
        parts.FunctionReferenceItems.Add(index, item);
        return item;
    }

    private static ValueKind ReadElementKind(ref WasmReader reader)
    {
        if (reader.ReadByte() != 0x00)
        {
            throw reader.Malformed("malformed element kind", reader.Offset - 1);
        }

        return ValueKind.FuncRef;
    }

    private static void ReadDataSection(ref WasmReader reader, ModuleParts parts)
    {
        var countOffset = reader.Offset;
        var count = reader.ReadLength();
        DecodingLimits.Check(count, DecodingLimits.DataSegments, "data segments", countOffset);
        var segments = ImmutableArray.CreateBuilder<DataSegment>(Math.Min(count, 1024));
        var offsets = parts.Offsets.Data = new int[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = reader.Offset;
            var flagsOffset = reader.Offset;
            var flags = reader.ReadVarUInt32();
            var memoryIndex = 0u;
            ConstantExpression? offset = null;
            switch (flags)
            {
                case 0:
                    offset = ReadConstantExpression(ref reader, parts);
                    break;
                case 1:
                    break;
                case 2:
                    memoryIndex = reader.ReadVarUInt32();
                    offset = ReadConstantExpression(ref reader, parts);
                    break;
                default:
                    throw new WasmMalformedException("malformed data segment kind", flagsOffset);
            }

            var length = reader.ReadLength();
            var dataOffset = reader.Offset;
            reader.Skip(length);
            var bytes = parts.Binary.Slice(dataOffset, length);
            segments.Add(new DataSegment(flags == 1 ? SegmentMode.Passive : SegmentMode.Active, memoryIndex, offset, bytes));
        }

        parts.Data = segments.ToImmutable();
    }

    private static void ReadCodeSection(ref WasmReader reader, ModuleParts parts)
    {
        var countOffset = reader.Offset;
        var count = reader.ReadLength();
        DecodingLimits.Check(count, DecodingLimits.Functions, "functions", countOffset);
        var bodies = ImmutableArray.CreateBuilder<FunctionBody>(Math.Min(count, 4096));
        for (var i = 0; i < count; i++)
        {
            var sizeOffset = reader.Offset;
            var size = reader.ReadLength();
            if (size > DecodingLimits.FunctionBodySize)
            {
                throw new WasmMalformedException($"function body too large: {size} bytes exceeds the limit of {DecodingLimits.FunctionBodySize}", sizeOffset);
            }

            var start = reader.Offset;
            var end = start + size;
            var locals = ReadLocals(ref reader, parts, ParameterCount(parts, i));
            if (reader.Offset > end)
            {
                throw new WasmMalformedException("section size mismatch", start);
            }

            if (end > parts.Binary.Length)
            {
                throw new WasmMalformedException(WasmReader.UnexpectedEnd, parts.Binary.Length);
            }

            bodies.Add(new FunctionBody(locals, reader.Offset, end - reader.Offset));

            // The instructions are decoded by the validator, which walks them anyway.
            reader.Position = end;
        }

        parts.Bodies = bodies.ToImmutable();
    }

    /// <summary>The parameters of the function a body belongs to, or 0 when its type is unknown (validation reports that).</summary>
    private static int ParameterCount(ModuleParts parts, int bodyIndex) =>
        bodyIndex < parts.FunctionTypeIndices.Length && parts.FunctionTypeIndices[bodyIndex] < (uint)parts.Types.Length
            ? parts.Types[(int)parts.FunctionTypeIndices[bodyIndex]].Parameters.Length
            : 0;

    private static ImmutableArray<ValueKind> ReadLocals(ref WasmReader reader, ModuleParts parts, int parameterCount)
    {
        var declarationsOffset = reader.Offset;
        var declarationCount = reader.ReadLength();
        if (declarationCount == 0)
        {
            if (parameterCount > MaximumLocals)
            {
                throw new WasmMalformedException("too many locals", declarationsOffset);
            }

            return [];
        }

        // Every declaration is read before the total is judged, as the reference decoder does,
        // so a malformed type after a huge count is still reported as malformed type.
        var declarations = parts.LocalDeclarations;
        declarations.Clear();
        var total = 0UL;
        for (var i = 0; i < declarationCount; i++)
        {
            var count = reader.ReadVarUInt32();
            var kind = ReadValueKind(ref reader);
            declarations.Add((count, kind));
            total += count;
        }

        if (total + (ulong)parameterCount > MaximumLocals)
        {
            throw new WasmMalformedException("too many locals", declarationsOffset);
        }

        // Functions often declare the same locals: they share one expanded array, and only
        // distinct declarations count toward the module's budget.
        var encoding = parts.Binary[declarationsOffset..reader.Offset];
        if (parts.LocalsByDeclaration.TryGetValue(encoding, out var shared))
        {
            return shared;
        }

        parts.ExpandedLocals += (long)total;
        if (parts.ExpandedLocals > DecodingLimits.LocalsPerModule)
        {
            throw new WasmMalformedException($"too many locals in the module: more than {DecodingLimits.LocalsPerModule} in distinct declarations", declarationsOffset);
        }

        var locals = new ValueKind[(int)total];
        var next = 0;
        foreach (var (count, kind) in declarations)
        {
            locals.AsSpan(next, (int)count).Fill(kind);
            next += (int)count;
        }

        var expanded = ImmutableCollectionsMarshal.AsImmutableArray(locals);
        parts.LocalsByDeclaration.Add(encoding, expanded);
        return expanded;
    }

    /// <summary>
    /// Reads instructions up to the <c>end</c> that closes the expression. Whether they are
    /// constant is a validation question; here they only have to be well formed.
    /// </summary>
    private static ConstantExpression ReadConstantExpression(ref WasmReader reader, ModuleParts parts)
    {
        var start = reader.Offset;
        var instructions = new InstructionReader(parts.Binary.Span[start..], start);
        var nesting = default(BlockNesting);
        var builder = parts.ExpressionBuilder;
        builder.Clear();
        var instruction = default(Instruction);
        while (true)
        {
            instructions.Read(ref instruction);
            if (nesting.Track(instruction))
            {
                break;
            }

            parts.CountConstantInstructions(1, instruction.Offset);
            builder.Add(instruction);
        }

        reader.Position += instructions.Offset - start;
        return new ConstantExpression(builder.ToImmutable(), start);
    }

    /// <summary>Compares byte ranges by content.</summary>
    private sealed class ByteContentComparer : IEqualityComparer<ReadOnlyMemory<byte>>
    {
        public static ByteContentComparer Instance { get; } = new();

        public bool Equals(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceEqual(y.Span);

        public int GetHashCode(ReadOnlyMemory<byte> obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj.Span);
            return hash.ToHashCode();
        }
    }

    /// <summary>The pieces of the module collected while the sections are read.</summary>
    private sealed class ModuleParts(ReadOnlyMemory<byte> binary)
    {
        public ReadOnlyMemory<byte> Binary { get; } = binary;

        public ImmutableArray<FunctionType> Types { get; set; } = [];

        public ImmutableArray<Import> Imports { get; set; } = [];

        public ImmutableArray<uint> FunctionTypeIndices { get; set; } = [];

        public ImmutableArray<TableType> Tables { get; set; } = [];

        public ImmutableArray<MemoryType> Memories { get; set; } = [];

        public ImmutableArray<(GlobalType Type, ConstantExpression Initializer)> Globals { get; set; } = [];

        public ImmutableArray<Export> Exports { get; set; } = [];

        public uint? StartFunction { get; set; }

        public ImmutableArray<ElementSegment> Elements { get; set; } = [];

        public ImmutableArray<DataSegment> Data { get; set; } = [];

        public uint? DataCount { get; set; }

        public ImmutableArray<FunctionBody> Bodies { get; set; } = [];

        public ImmutableArray<CustomSection>.Builder CustomSections { get; } = ImmutableArray.CreateBuilder<CustomSection>();

        public NameSection? Names { get; set; }

        public ItemOffsets Offsets { get; } = new();

        /// <summary>Reused by every function body: the local declarations before expansion.</summary>
        public List<(uint Count, ValueKind Kind)> LocalDeclarations { get; } = [];

        /// <summary>Reused by every constant expression.</summary>
        public ImmutableArray<Instruction>.Builder ExpressionBuilder { get; } = ImmutableArray.CreateBuilder<Instruction>();

        /// <summary>Expanded locals by the bytes of their declarations.</summary>
        public Dictionary<ReadOnlyMemory<byte>, ImmutableArray<ValueKind>> LocalsByDeclaration { get; } = new(ByteContentComparer.Instance);

        public long ExpandedLocals { get; set; }

        /// <summary>Element items given as function indices, one expression per index.</summary>
        public Dictionary<uint, ConstantExpression> FunctionReferenceItems { get; } = [];

        private int _constantInstructions;

        public void CountConstantInstructions(int count, int offset)
        {
            _constantInstructions += count;
            if (_constantInstructions > DecodingLimits.ConstantInstructionsPerModule)
            {
                throw new WasmMalformedException($"too many constant expression instructions: more than {DecodingLimits.ConstantInstructionsPerModule}", offset);
            }
        }

        public ModuleDefinition Build(int endOffset)
        {
            if (FunctionTypeIndices.Length != Bodies.Length)
            {
                throw new WasmMalformedException("function and code section have inconsistent lengths", endOffset);
            }

            if (DataCount is { } dataCount && dataCount != (uint)Data.Length)
            {
                throw new WasmMalformedException("data count and data section have inconsistent lengths", endOffset);
            }

            return new ModuleDefinition
            {
                Binary = Binary,
                Types = Types,
                Imports = Imports,
                FunctionTypeIndices = FunctionTypeIndices,
                Tables = Tables,
                Memories = Memories,
                Globals = Globals,
                Exports = Exports,
                StartFunction = StartFunction,
                Elements = Elements,
                Data = Data,
                DataCount = DataCount,
                Bodies = Bodies,
                CustomSections = CustomSections.ToImmutable(),
                Names = Names ?? NameSection.Empty,
                Offsets = Offsets,
            };
        }
    }
}
