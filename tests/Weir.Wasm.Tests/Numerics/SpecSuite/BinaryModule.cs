using System.Text;
using Weir.Wasm.Instructions;

namespace Weir.Wasm.Tests.Numerics.SpecSuite;

/// <summary>
/// Just enough of a Wasm binary to run straight-line functions: signatures, exported functions,
/// bodies, the first memory's size and active data segments with constant offsets. Written
/// independently of the runtime's decoder so the helpers can be checked before it exists.
/// </summary>
internal sealed class BinaryModule
{
    private readonly List<(ValueKind[] Parameters, ValueKind[] Results)> _types = [];
    private readonly List<int> _functionTypes = [];
    private readonly List<FunctionCode> _bodies = [];
    private readonly Dictionary<string, int> _exportedFunctions = new(StringComparer.Ordinal);
    private readonly List<(uint Offset, byte[] Bytes)> _activeData = [];
    private readonly List<object?> _globals = [];
    private int _importedFunctions;

    private BinaryModule()
    {
    }

    public long MemoryPages { get; private set; } = -1;

    /// <summary>False when a data segment's offset is not a plain constant, so memory contents are unknown.</summary>
    public bool MemoryIsKnown { get; private set; } = true;

    public IReadOnlyList<(uint Offset, byte[] Bytes)> ActiveData => _activeData;

    /// <summary>Initial global values; null for imported globals or initializers other than a constant.</summary>
    public IReadOnlyList<object?> Globals => _globals;

    public static BinaryModule Parse(byte[] binary)
    {
        var module = new BinaryModule();
        var reader = new ByteReader(binary, 8);
        while (!reader.AtEnd)
        {
            var id = reader.Byte();
            var size = (int)reader.UInt32();
            var section = new ByteReader(binary, reader.Position, reader.Position + size);
            reader.Position += size;
            switch (id)
            {
                case 1: module.ReadTypes(ref section); break;
                case 2: module.ReadImports(ref section); break;
                case 3: module.ReadFunctions(ref section); break;
                case 5: module.ReadMemories(ref section); break;
                case 6: module.ReadGlobals(ref section); break;
                case 7: module.ReadExports(ref section); break;
                case 10: module.ReadCode(ref section, binary); break;
                case 11: module.ReadData(ref section); break;
                default: break;
            }
        }

        return module;
    }

    /// <summary>Finds an exported function defined in this module (imports cannot be run here).</summary>
    public bool TryGetExport(string name, out FunctionCode function, out ValueKind[] parameters)
    {
        function = null!;
        parameters = [];
        if (!_exportedFunctions.TryGetValue(name, out var index) || index < _importedFunctions)
        {
            return false;
        }

        var defined = index - _importedFunctions;
        function = _bodies[defined];
        parameters = _types[_functionTypes[defined]].Parameters;
        return true;
    }

    private void ReadTypes(ref ByteReader reader)
    {
        for (var count = reader.UInt32(); count > 0; count--)
        {
            reader.Byte();
            var parameters = ReadValueKinds(ref reader);
            var results = ReadValueKinds(ref reader);
            _types.Add((parameters, results));
        }
    }

    private void ReadImports(ref ByteReader reader)
    {
        for (var count = reader.UInt32(); count > 0; count--)
        {
            reader.Name();
            reader.Name();
            switch (reader.Byte())
            {
                case 0:
                    reader.UInt32();
                    _importedFunctions++;
                    break;
                case 1:
                    reader.Byte();
                    ReadLimits(ref reader);
                    break;
                case 2:
                    // An imported memory has contents this harness cannot know.
                    ReadLimits(ref reader);
                    MemoryIsKnown = false;
                    break;
                default:
                    reader.Byte();
                    reader.Byte();
                    _globals.Add(null);
                    break;
            }
        }
    }

    private void ReadFunctions(ref ByteReader reader)
    {
        for (var count = reader.UInt32(); count > 0; count--)
        {
            _functionTypes.Add((int)reader.UInt32());
        }
    }

    private void ReadMemories(ref ByteReader reader)
    {
        if (reader.UInt32() > 0)
        {
            MemoryPages = ReadLimits(ref reader);
        }
    }

    private void ReadGlobals(ref ByteReader reader)
    {
        for (var count = reader.UInt32(); count > 0; count--)
        {
            reader.Byte();
            reader.Byte();
            _globals.Add(ReadConstantExpression(ref reader));
        }
    }

    /// <summary>The value of a one-instruction constant expression, or null when it is not a plain constant.</summary>
    private static object? ReadConstantExpression(ref ByteReader reader)
    {
        object? value;
        switch (reader.Byte())
        {
            case (byte)Opcode.I32Const:
                value = reader.Int32();
                break;
            case (byte)Opcode.I64Const:
                value = reader.Int64();
                break;
            case (byte)Opcode.F32Const:
                value = BitConverter.ToSingle(reader.Bytes(4));
                break;
            case (byte)Opcode.F64Const:
                value = BitConverter.ToDouble(reader.Bytes(8));
                break;
            case 0xFD:
                if (reader.UInt32() != ((int)Opcode.V128Const & 0xFF))
                {
                    throw new NotSupportedException("Only v128.const is a constant vector instruction.");
                }

                value = System.Runtime.Intrinsics.Vector128.Create(reader.Bytes(16));
                break;
            case (byte)Opcode.GlobalGet:
            case (byte)Opcode.RefFunc:
                reader.UInt32();
                value = null;
                break;
            case (byte)Opcode.RefNull:
                reader.Byte();
                value = null;
                break;
            default:
                throw new NotSupportedException("Constant expressions other than a single instruction are not supported here.");
        }

        if (reader.Byte() != (byte)Opcode.End)
        {
            throw new NotSupportedException("Constant expressions other than a single instruction are not supported here.");
        }

        return value;
    }

    private void ReadExports(ref ByteReader reader)
    {
        for (var count = reader.UInt32(); count > 0; count--)
        {
            var name = reader.Name();
            var kind = reader.Byte();
            var index = (int)reader.UInt32();
            if (kind == 0)
            {
                _exportedFunctions[name] = index;
            }
        }
    }

    private void ReadCode(ref ByteReader reader, byte[] binary)
    {
        var functionIndex = 0;
        for (var count = reader.UInt32(); count > 0; count--, functionIndex++)
        {
            var size = (int)reader.UInt32();
            var body = new ByteReader(binary, reader.Position, reader.Position + size);
            reader.Position += size;
            var locals = new List<ValueKind>(_types[_functionTypes[functionIndex]].Parameters);
            for (var groups = body.UInt32(); groups > 0; groups--)
            {
                var repeat = body.UInt32();
                var kind = (ValueKind)body.Byte();
                locals.AddRange(Enumerable.Repeat(kind, (int)repeat));
            }

            _bodies.Add(new FunctionCode(binary.AsMemory(body.Position, body.End - body.Position), locals.ToArray()));
        }
    }

    private void ReadData(ref ByteReader reader)
    {
        for (var count = reader.UInt32(); count > 0; count--)
        {
            var flags = reader.UInt32();
            if (flags == 1)
            {
                reader.Position += (int)reader.UInt32();
                continue;
            }

            if (flags == 2)
            {
                reader.UInt32();
            }

            // Only "i32.const n; end" offsets are understood.
            uint? offset = null;
            if (reader.Byte() == (byte)Opcode.I32Const)
            {
                offset = (uint)reader.Int32();
                offset = reader.Byte() == (byte)Opcode.End ? offset : null;
            }

            if (offset is null)
            {
                MemoryIsKnown = false;
                return;
            }

            var length = (int)reader.UInt32();
            _activeData.Add((offset.Value, reader.Bytes(length)));
        }
    }

    private static ValueKind[] ReadValueKinds(ref ByteReader reader)
    {
        var kinds = new ValueKind[reader.UInt32()];
        for (var i = 0; i < kinds.Length; i++)
        {
            kinds[i] = (ValueKind)reader.Byte();
        }

        return kinds;
    }

    private static long ReadLimits(ref ByteReader reader)
    {
        var flags = reader.Byte();
        var minimum = reader.UInt32();
        if ((flags & 1) != 0)
        {
            reader.UInt32();
        }

        return minimum;
    }

    private ref struct ByteReader(byte[] bytes, int position, int end)
    {
        public ByteReader(byte[] bytes, int position)
            : this(bytes, position, bytes.Length)
        {
        }

        public int Position = position;

        public readonly int End => end;

        public readonly bool AtEnd => Position >= end;

        public byte Byte() => bytes[Position++];

        public byte[] Bytes(int count)
        {
            var slice = bytes.AsSpan(Position, count).ToArray();
            Position += count;
            return slice;
        }

        public string Name() => Encoding.UTF8.GetString(Bytes((int)UInt32()));

        public uint UInt32()
        {
            uint result = 0;
            for (var shift = 0; ; shift += 7)
            {
                var next = Byte();
                result |= (uint)(next & 0x7F) << shift;
                if ((next & 0x80) == 0)
                {
                    return result;
                }
            }
        }

        public int Int32() => (int)Int64();

        public long Int64()
        {
            long result = 0;
            var shift = 0;
            byte next;
            do
            {
                next = Byte();
                result |= (long)(next & 0x7F) << shift;
                shift += 7;
            }
            while ((next & 0x80) != 0);

            return shift < 64 && (next & 0x40) != 0 ? result | (-1L << shift) : result;
        }
    }
}
