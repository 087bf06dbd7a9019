using Weir.Wasm.Decoding;

namespace Weir.Wasm.Instructions;

/// <summary>
/// Decodes instructions one at a time from a function body or constant expression. Immediates are
/// read exactly as the binary format defines them; typing is left to the validator.
/// </summary>
internal ref struct InstructionReader
{
    private WasmReader _reader;

    /// <param name="code">The instruction bytes.</param>
    /// <param name="baseOffset">The absolute offset of <paramref name="code"/>[0] in the binary.</param>
    public InstructionReader(ReadOnlySpan<byte> code, int baseOffset)
    {
        _reader = new WasmReader(code, baseOffset);
    }

    public readonly bool AtEnd => _reader.AtEnd;

    public readonly int Offset => _reader.Offset;

    /// <summary>Decodes the next instruction into <paramref name="instruction"/>.</summary>
    public void Read(ref Instruction instruction)
    {
        instruction.Offset = _reader.Offset;
        instruction.Targets = null;
        var first = _reader.ReadByte();
        Opcode opcode;
        if (first == 0xFC)
        {
            var sub = _reader.ReadVarUInt32();
            if (sub > 17)
            {
                throw _reader.Malformed("illegal opcode", instruction.Offset);
            }

            opcode = (Opcode)(0xFC00 | (int)sub);
        }
        else if (first == 0xFD)
        {
            var sub = _reader.ReadVarUInt32();
            if (sub > 0xFF || !DefinedVectorOpcodes[(int)sub])
            {
                throw _reader.Malformed("illegal opcode", instruction.Offset);
            }

            opcode = (Opcode)(0xFD00 | (int)sub);
        }
        else
        {
            opcode = (Opcode)first;
            if (!IsDefinedSingleByte(first))
            {
                throw _reader.Malformed("illegal opcode", instruction.Offset);
            }
        }

        instruction.Opcode = opcode;
        ReadImmediates(opcode, ref instruction);
    }

    // Enum.IsDefined per instruction would dominate decoding time; the table is built once.
    private static readonly bool[] DefinedVectorOpcodes = BuildDefinedVectorOpcodes();

    private static bool[] BuildDefinedVectorOpcodes()
    {
        var defined = new bool[256];
        foreach (var opcode in Enum.GetValues<Opcode>())
        {
            if (((int)opcode >> 8) == 0xFD)
            {
                defined[(int)opcode & 0xFF] = true;
            }
        }

        return defined;
    }

    private static bool IsDefinedSingleByte(byte code) => code switch
    {
        <= 0x05 => true,
        >= 0x0B and <= 0x11 => true,
        0x1A or 0x1B or 0x1C => true,
        >= 0x20 and <= 0x26 => true,
        >= 0x28 and <= 0xC4 => true,
        >= 0xD0 and <= 0xD2 => true,
        _ => false,
    };

    private void ReadImmediates(Opcode opcode, ref Instruction instruction)
    {
        switch (opcode)
        {
            case Opcode.Block:
            case Opcode.Loop:
            case Opcode.If:
                instruction.BlockType = ReadBlockType();
                break;
            case Opcode.Br:
            case Opcode.BrIf:
            case Opcode.Call:
            case Opcode.LocalGet:
            case Opcode.LocalSet:
            case Opcode.LocalTee:
            case Opcode.GlobalGet:
            case Opcode.GlobalSet:
            case Opcode.TableGet:
            case Opcode.TableSet:
            case Opcode.RefFunc:
            case Opcode.DataDrop:
            case Opcode.ElemDrop:
            case Opcode.TableGrow:
            case Opcode.TableSize:
            case Opcode.TableFill:
                instruction.Index = _reader.ReadVarUInt32();
                break;
            case Opcode.BrTable:
            {
                var start = _reader.Offset;
                var available = _reader.Remaining;
                var count = _reader.ReadVarUInt32();
                if (count > (uint)available)
                {
                    // Each target takes at least one byte: a larger count cannot be real.
                    throw _reader.Malformed("length out of bounds", start);
                }

                var targets = new uint[count + 1];
                for (var i = 0; i <= count; i++)
                {
                    targets[i] = _reader.ReadVarUInt32();
                }

                instruction.Targets = targets;
                break;
            }

            case Opcode.CallIndirect:
                instruction.Index = _reader.ReadVarUInt32();
                instruction.SecondIndex = _reader.ReadVarUInt32();
                break;
            case Opcode.SelectTyped:
            {
                var start = _reader.Offset;
                var available = _reader.Remaining;
                var count = _reader.ReadVarUInt32();
                if (count > (uint)available)
                {
                    throw _reader.Malformed("length out of bounds", start);
                }

                instruction.SelectTypeCount = (int)count;
                for (var i = 0u; i < count; i++)
                {
                    var kind = ReadValueKind();
                    if (i == 0)
                    {
                        instruction.Kind = kind;
                    }
                }

                break;
            }

            case Opcode.MemorySize:
            case Opcode.MemoryGrow:
                instruction.Index = ReadZeroByte();
                break;
            case Opcode.I32Const:
                instruction.Constant = _reader.ReadVarInt32();
                break;
            case Opcode.I64Const:
                instruction.Constant = _reader.ReadVarInt64();
                break;
            case Opcode.F32Const:
                instruction.Constant = _reader.ReadUInt32LittleEndian();
                break;
            case Opcode.F64Const:
                instruction.Constant = (long)_reader.ReadUInt64LittleEndian();
                break;
            case Opcode.RefNull:
            {
                var kind = _reader.ReadByte();
                if (kind is not ((byte)ValueKind.FuncRef or (byte)ValueKind.ExternRef))
                {
                    throw _reader.Malformed("malformed reference type");
                }

                instruction.Kind = (ValueKind)kind;
                break;
            }

            case Opcode.MemoryInit:
                instruction.Index = _reader.ReadVarUInt32();
                instruction.SecondIndex = ReadZeroByte();
                break;
            case Opcode.MemoryCopy:
                instruction.Index = ReadZeroByte();
                instruction.SecondIndex = ReadZeroByte();
                break;
            case Opcode.MemoryFill:
                instruction.Index = ReadZeroByte();
                break;
            case Opcode.TableInit:
                instruction.Index = _reader.ReadVarUInt32();
                instruction.SecondIndex = _reader.ReadVarUInt32();
                break;
            case Opcode.TableCopy:
                instruction.Index = _reader.ReadVarUInt32();
                instruction.SecondIndex = _reader.ReadVarUInt32();
                break;
            case Opcode.V128Const:
            case Opcode.I8x16Shuffle:
                instruction.Vector = _reader.ReadVector128();
                break;
            default:
                if (IsMemoryAccess(opcode))
                {
                    ReadMemoryArgument(ref instruction);
                    if (IsLaneMemoryAccess(opcode))
                    {
                        instruction.Constant = _reader.ReadByte();
                    }
                }
                else if (IsLaneAccess(opcode))
                {
                    instruction.Constant = _reader.ReadByte();
                }

                break;
        }
    }

    private uint ReadZeroByte()
    {
        var value = _reader.ReadByte();
        if (value != 0)
        {
            throw _reader.Malformed("zero byte expected");
        }

        return 0;
    }

    private ValueKind ReadValueKind()
    {
        var value = _reader.ReadByte();
        if (!Model.ValueKinds.IsDefined(value))
        {
            throw _reader.Malformed("malformed value type");
        }

        return (ValueKind)value;
    }

    private BlockType ReadBlockType()
    {
        var first = _reader.PeekByte();
        if (first == 0x40)
        {
            _reader.ReadByte();
            return BlockType.Empty;
        }

        // A single byte with bit 6 set is a negative one-byte number: a value type or nothing.
        if ((first & 0xC0) == 0x40)
        {
            if (!Model.ValueKinds.IsDefined(first))
            {
                throw _reader.Malformed("malformed value type");
            }

            _reader.ReadByte();
            return BlockType.Of((ValueKind)first);
        }

        // Any other encoding is a type index; negative or huge ones name no type, which the
        // validator reports as an unknown type.
        var index = _reader.ReadVarInt33();
        return BlockType.OfType(index is < 0 or > int.MaxValue ? int.MaxValue : (int)index);
    }

    private void ReadMemoryArgument(ref Instruction instruction)
    {
        // Wasm 2.0 reads the alignment as a plain u32; an exponent above the natural alignment is a
        // validation error ("alignment must not be larger than natural"), not a decoding one.
        instruction.AlignmentExponent = _reader.ReadVarUInt32();
        instruction.MemoryOffset = _reader.ReadVarUInt32();
    }

    public static bool IsMemoryAccess(Opcode opcode) =>
        opcode is >= Opcode.I32Load and <= Opcode.I64Store32
        || opcode is >= Opcode.V128Load and <= Opcode.V128Store
        || opcode is >= Opcode.V128Load8Lane and <= Opcode.V128Load64Zero;

    public static bool IsLaneMemoryAccess(Opcode opcode) => opcode is >= Opcode.V128Load8Lane and <= Opcode.V128Store64Lane;

    public static bool IsLaneAccess(Opcode opcode) => opcode is >= Opcode.I8x16ExtractLaneS and <= Opcode.F64x2ReplaceLane;
}
