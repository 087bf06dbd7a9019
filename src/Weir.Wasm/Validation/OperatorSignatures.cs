using Weir.Wasm.Instructions;

namespace Weir.Wasm.Validation;

/// <summary>How the validator treats an instruction beyond its operand types.</summary>
internal enum OperatorForm : byte
{
    /// <summary>Control, variable, table, reference and other instructions checked one by one.</summary>
    Special = 0,

    /// <summary>Fixed operand and result types and nothing else to check.</summary>
    Plain,

    /// <summary>Needs memory 0; the types are fixed.</summary>
    Memory,

    /// <summary>A load or store: needs memory 0 and an alignment no larger than natural.</summary>
    MemoryAccess,

    /// <summary>A vector lane load or store: memory, alignment and a lane index.</summary>
    MemoryLaneAccess,

    /// <summary>A vector lane extract or replace: a lane index.</summary>
    LaneAccess,
}

/// <summary>The operand types (up to three), the result type (or none) and the extra checks of an instruction.</summary>
internal readonly struct OperatorSignature
{
    public OperatorSignature(OperatorForm form, ReadOnlySpan<ValueKind> parameters, ValueKind result, byte naturalAlignment = 0, byte laneCount = 0)
    {
        Form = form;
        ParameterCount = (byte)parameters.Length;
        First = parameters.Length > 0 ? parameters[0] : default;
        Second = parameters.Length > 1 ? parameters[1] : default;
        Third = parameters.Length > 2 ? parameters[2] : default;
        Result = result;
        NaturalAlignment = naturalAlignment;
        LaneCount = laneCount;
    }

    public OperatorForm Form { get; }

    public byte ParameterCount { get; }

    public ValueKind First { get; }

    public ValueKind Second { get; }

    public ValueKind Third { get; }

    /// <summary>The result type, or <see cref="OperatorSignatures.NoResult"/>.</summary>
    public ValueKind Result { get; }

    /// <summary>The natural alignment of a memory access as a power of two.</summary>
    public byte NaturalAlignment { get; }

    /// <summary>The number of lanes a lane index must stay below.</summary>
    public byte LaneCount { get; }
}

/// <summary>
/// The typing rules of every instruction whose operand and result types are fixed, in a table
/// indexed by <see cref="IndexOf"/> so the validator finds them without a large switch.
/// </summary>
internal static class OperatorSignatures
{
    /// <summary>Marks "no result" in <see cref="OperatorSignature.Result"/>.</summary>
    public const ValueKind NoResult = 0;

    private const ValueKind I32 = ValueKind.I32;
    private const ValueKind I64 = ValueKind.I64;
    private const ValueKind F32 = ValueKind.F32;
    private const ValueKind F64 = ValueKind.F64;
    private const ValueKind V128 = ValueKind.V128;

    private static readonly OperatorSignature[] Table = Build();

    /// <summary>A dense index for an opcode: single bytes first, then the 0xFC and 0xFD families.</summary>
    public static int IndexOf(Opcode opcode)
    {
        var value = (int)opcode;
        return (value >> 8) switch
        {
            0 => value,
            0xFC => 0x100 + (value & 0xFF),
            _ => 0x200 + (value & 0xFF),
        };
    }

    public static ref readonly OperatorSignature Of(Opcode opcode) => ref Table[IndexOf(opcode)];

    private static OperatorSignature[] Build()
    {
        var table = new OperatorSignature[0x300];

        // Loads and stores of numbers.
        Access(table, Opcode.I32Load, [I32], I32, 2);
        Access(table, Opcode.I64Load, [I32], I64, 3);
        Access(table, Opcode.F32Load, [I32], F32, 2);
        Access(table, Opcode.F64Load, [I32], F64, 3);
        Access(table, Opcode.I32Load8S, [I32], I32, 0);
        Access(table, Opcode.I32Load8U, [I32], I32, 0);
        Access(table, Opcode.I32Load16S, [I32], I32, 1);
        Access(table, Opcode.I32Load16U, [I32], I32, 1);
        Access(table, Opcode.I64Load8S, [I32], I64, 0);
        Access(table, Opcode.I64Load8U, [I32], I64, 0);
        Access(table, Opcode.I64Load16S, [I32], I64, 1);
        Access(table, Opcode.I64Load16U, [I32], I64, 1);
        Access(table, Opcode.I64Load32S, [I32], I64, 2);
        Access(table, Opcode.I64Load32U, [I32], I64, 2);
        Access(table, Opcode.I32Store, [I32, I32], NoResult, 2);
        Access(table, Opcode.I64Store, [I32, I64], NoResult, 3);
        Access(table, Opcode.F32Store, [I32, F32], NoResult, 2);
        Access(table, Opcode.F64Store, [I32, F64], NoResult, 3);
        Access(table, Opcode.I32Store8, [I32, I32], NoResult, 0);
        Access(table, Opcode.I32Store16, [I32, I32], NoResult, 1);
        Access(table, Opcode.I64Store8, [I32, I64], NoResult, 0);
        Access(table, Opcode.I64Store16, [I32, I64], NoResult, 1);
        Access(table, Opcode.I64Store32, [I32, I64], NoResult, 2);
        Memory(table, Opcode.MemorySize, [], I32);
        Memory(table, Opcode.MemoryGrow, [I32], I32);
        Memory(table, Opcode.MemoryCopy, [I32, I32, I32], NoResult);
        Memory(table, Opcode.MemoryFill, [I32, I32, I32], NoResult);

        // Constants.
        Plain(table, Opcode.I32Const, [], I32);
        Plain(table, Opcode.I64Const, [], I64);
        Plain(table, Opcode.F32Const, [], F32);
        Plain(table, Opcode.F64Const, [], F64);

        // Scalar comparisons and arithmetic.
        Plain(table, 0x45, 0x45, [I32], I32);
        Plain(table, 0x46, 0x4F, [I32, I32], I32);
        Plain(table, 0x50, 0x50, [I64], I32);
        Plain(table, 0x51, 0x5A, [I64, I64], I32);
        Plain(table, 0x5B, 0x60, [F32, F32], I32);
        Plain(table, 0x61, 0x66, [F64, F64], I32);
        Plain(table, 0x67, 0x69, [I32], I32);
        Plain(table, 0x6A, 0x78, [I32, I32], I32);
        Plain(table, 0x79, 0x7B, [I64], I64);
        Plain(table, 0x7C, 0x8A, [I64, I64], I64);
        Plain(table, 0x8B, 0x91, [F32], F32);
        Plain(table, 0x92, 0x98, [F32, F32], F32);
        Plain(table, 0x99, 0x9F, [F64], F64);
        Plain(table, 0xA0, 0xA6, [F64, F64], F64);

        // Conversions.
        Plain(table, 0xA7, 0xA7, [I64], I32);
        Plain(table, 0xA8, 0xA9, [F32], I32);
        Plain(table, 0xAA, 0xAB, [F64], I32);
        Plain(table, 0xAC, 0xAD, [I32], I64);
        Plain(table, 0xAE, 0xAF, [F32], I64);
        Plain(table, 0xB0, 0xB1, [F64], I64);
        Plain(table, 0xB2, 0xB3, [I32], F32);
        Plain(table, 0xB4, 0xB5, [I64], F32);
        Plain(table, 0xB6, 0xB6, [F64], F32);
        Plain(table, 0xB7, 0xB8, [I32], F64);
        Plain(table, 0xB9, 0xBA, [I64], F64);
        Plain(table, 0xBB, 0xBB, [F32], F64);
        Plain(table, 0xBC, 0xBC, [F32], I32);
        Plain(table, 0xBD, 0xBD, [F64], I64);
        Plain(table, 0xBE, 0xBE, [I32], F32);
        Plain(table, 0xBF, 0xBF, [I64], F64);
        Plain(table, 0xC0, 0xC1, [I32], I32);
        Plain(table, 0xC2, 0xC4, [I64], I64);

        // Saturating truncations.
        Plain(table, 0xFC00, 0xFC01, [F32], I32);
        Plain(table, 0xFC02, 0xFC03, [F64], I32);
        Plain(table, 0xFC04, 0xFC05, [F32], I64);
        Plain(table, 0xFC06, 0xFC07, [F64], I64);

        AddVectorInstructions(table);
        return table;
    }

    private static void AddVectorInstructions(OperatorSignature[] table)
    {
        // Every defined vector instruction from i8x16.swizzle on starts as a binary v128 operator;
        // the others are overridden below. i8x16.shuffle (before it) is checked by the validator.
        foreach (var opcode in Enum.GetValues<Opcode>())
        {
            if (((int)opcode >> 8) == 0xFD && (int)opcode >= (int)Opcode.I8x16Swizzle)
            {
                Plain(table, opcode, [V128, V128], V128);
            }
        }

        Access(table, Opcode.V128Load, [I32], V128, 4);
        Access(table, Opcode.V128Load8x8S, [I32], V128, 3);
        Access(table, Opcode.V128Load8x8U, [I32], V128, 3);
        Access(table, Opcode.V128Load16x4S, [I32], V128, 3);
        Access(table, Opcode.V128Load16x4U, [I32], V128, 3);
        Access(table, Opcode.V128Load32x2S, [I32], V128, 3);
        Access(table, Opcode.V128Load32x2U, [I32], V128, 3);
        Access(table, Opcode.V128Load8Splat, [I32], V128, 0);
        Access(table, Opcode.V128Load16Splat, [I32], V128, 1);
        Access(table, Opcode.V128Load32Splat, [I32], V128, 2);
        Access(table, Opcode.V128Load64Splat, [I32], V128, 3);
        Access(table, Opcode.V128Store, [I32, V128], NoResult, 4);
        Access(table, Opcode.V128Load32Zero, [I32], V128, 2);
        Access(table, Opcode.V128Load64Zero, [I32], V128, 3);
        MemoryLane(table, Opcode.V128Load8Lane, [I32, V128], V128, 0, 16);
        MemoryLane(table, Opcode.V128Load16Lane, [I32, V128], V128, 1, 8);
        MemoryLane(table, Opcode.V128Load32Lane, [I32, V128], V128, 2, 4);
        MemoryLane(table, Opcode.V128Load64Lane, [I32, V128], V128, 3, 2);
        MemoryLane(table, Opcode.V128Store8Lane, [I32, V128], NoResult, 0, 16);
        MemoryLane(table, Opcode.V128Store16Lane, [I32, V128], NoResult, 1, 8);
        MemoryLane(table, Opcode.V128Store32Lane, [I32, V128], NoResult, 2, 4);
        MemoryLane(table, Opcode.V128Store64Lane, [I32, V128], NoResult, 3, 2);

        Plain(table, Opcode.V128Const, [], V128);
        Plain(table, (int)Opcode.I8x16Splat, (int)Opcode.I32x4Splat, [I32], V128);
        Plain(table, Opcode.I64x2Splat, [I64], V128);
        Plain(table, Opcode.F32x4Splat, [F32], V128);
        Plain(table, Opcode.F64x2Splat, [F64], V128);

        LaneAccess(table, Opcode.I8x16ExtractLaneS, [V128], I32, 16);
        LaneAccess(table, Opcode.I8x16ExtractLaneU, [V128], I32, 16);
        LaneAccess(table, Opcode.I8x16ReplaceLane, [V128, I32], V128, 16);
        LaneAccess(table, Opcode.I16x8ExtractLaneS, [V128], I32, 8);
        LaneAccess(table, Opcode.I16x8ExtractLaneU, [V128], I32, 8);
        LaneAccess(table, Opcode.I16x8ReplaceLane, [V128, I32], V128, 8);
        LaneAccess(table, Opcode.I32x4ExtractLane, [V128], I32, 4);
        LaneAccess(table, Opcode.I32x4ReplaceLane, [V128, I32], V128, 4);
        LaneAccess(table, Opcode.I64x2ExtractLane, [V128], I64, 2);
        LaneAccess(table, Opcode.I64x2ReplaceLane, [V128, I64], V128, 2);
        LaneAccess(table, Opcode.F32x4ExtractLane, [V128], F32, 4);
        LaneAccess(table, Opcode.F32x4ReplaceLane, [V128, F32], V128, 4);
        LaneAccess(table, Opcode.F64x2ExtractLane, [V128], F64, 2);
        LaneAccess(table, Opcode.F64x2ReplaceLane, [V128, F64], V128, 2);

        Plain(table, Opcode.V128Bitselect, [V128, V128, V128], V128);

        ReadOnlySpan<Opcode> unary =
        [
            Opcode.V128Not, Opcode.F32x4DemoteF64x2Zero, Opcode.F64x2PromoteLowF32x4,
            Opcode.I8x16Abs, Opcode.I8x16Neg, Opcode.I8x16Popcnt,
            Opcode.F32x4Ceil, Opcode.F32x4Floor, Opcode.F32x4Trunc, Opcode.F32x4Nearest,
            Opcode.F64x2Ceil, Opcode.F64x2Floor, Opcode.F64x2Trunc, Opcode.F64x2Nearest,
            Opcode.I16x8ExtaddPairwiseI8x16S, Opcode.I16x8ExtaddPairwiseI8x16U,
            Opcode.I32x4ExtaddPairwiseI16x8S, Opcode.I32x4ExtaddPairwiseI16x8U,
            Opcode.I16x8Abs, Opcode.I16x8Neg,
            Opcode.I16x8ExtendLowI8x16S, Opcode.I16x8ExtendHighI8x16S, Opcode.I16x8ExtendLowI8x16U, Opcode.I16x8ExtendHighI8x16U,
            Opcode.I32x4Abs, Opcode.I32x4Neg,
            Opcode.I32x4ExtendLowI16x8S, Opcode.I32x4ExtendHighI16x8S, Opcode.I32x4ExtendLowI16x8U, Opcode.I32x4ExtendHighI16x8U,
            Opcode.I64x2Abs, Opcode.I64x2Neg,
            Opcode.I64x2ExtendLowI32x4S, Opcode.I64x2ExtendHighI32x4S, Opcode.I64x2ExtendLowI32x4U, Opcode.I64x2ExtendHighI32x4U,
            Opcode.F32x4Abs, Opcode.F32x4Neg, Opcode.F32x4Sqrt,
            Opcode.F64x2Abs, Opcode.F64x2Neg, Opcode.F64x2Sqrt,
            Opcode.I32x4TruncSatF32x4S, Opcode.I32x4TruncSatF32x4U, Opcode.F32x4ConvertI32x4S, Opcode.F32x4ConvertI32x4U,
            Opcode.I32x4TruncSatF64x2SZero, Opcode.I32x4TruncSatF64x2UZero, Opcode.F64x2ConvertLowI32x4S, Opcode.F64x2ConvertLowI32x4U,
        ];
        foreach (var opcode in unary)
        {
            Plain(table, opcode, [V128], V128);
        }

        ReadOnlySpan<Opcode> tests =
        [
            Opcode.V128AnyTrue,
            Opcode.I8x16AllTrue, Opcode.I8x16Bitmask,
            Opcode.I16x8AllTrue, Opcode.I16x8Bitmask,
            Opcode.I32x4AllTrue, Opcode.I32x4Bitmask,
            Opcode.I64x2AllTrue, Opcode.I64x2Bitmask,
        ];
        foreach (var opcode in tests)
        {
            Plain(table, opcode, [V128], I32);
        }

        ReadOnlySpan<Opcode> shifts =
        [
            Opcode.I8x16Shl, Opcode.I8x16ShrS, Opcode.I8x16ShrU,
            Opcode.I16x8Shl, Opcode.I16x8ShrS, Opcode.I16x8ShrU,
            Opcode.I32x4Shl, Opcode.I32x4ShrS, Opcode.I32x4ShrU,
            Opcode.I64x2Shl, Opcode.I64x2ShrS, Opcode.I64x2ShrU,
        ];
        foreach (var opcode in shifts)
        {
            Plain(table, opcode, [V128, I32], V128);
        }
    }

    private static void Plain(OperatorSignature[] table, int first, int last, ReadOnlySpan<ValueKind> parameters, ValueKind result)
    {
        for (var code = first; code <= last; code++)
        {
            table[IndexOf((Opcode)code)] = new OperatorSignature(OperatorForm.Plain, parameters, result);
        }
    }

    private static void Plain(OperatorSignature[] table, Opcode opcode, ReadOnlySpan<ValueKind> parameters, ValueKind result) =>
        Plain(table, (int)opcode, (int)opcode, parameters, result);

    private static void Access(OperatorSignature[] table, Opcode opcode, ReadOnlySpan<ValueKind> parameters, ValueKind result, byte natural) =>
        table[IndexOf(opcode)] = new OperatorSignature(OperatorForm.MemoryAccess, parameters, result, natural);

    private static void LaneAccess(OperatorSignature[] table, Opcode opcode, ReadOnlySpan<ValueKind> parameters, ValueKind result, byte lanes) =>
        table[IndexOf(opcode)] = new OperatorSignature(OperatorForm.LaneAccess, parameters, result, laneCount: lanes);

    private static void MemoryLane(OperatorSignature[] table, Opcode opcode, ReadOnlySpan<ValueKind> parameters, ValueKind result, byte natural, byte lanes) =>
        table[IndexOf(opcode)] = new OperatorSignature(OperatorForm.MemoryLaneAccess, parameters, result, natural, lanes);

    private static void Memory(OperatorSignature[] table, Opcode opcode, ReadOnlySpan<ValueKind> parameters, ValueKind result) =>
        table[IndexOf(opcode)] = new OperatorSignature(OperatorForm.Memory, parameters, result);
}
