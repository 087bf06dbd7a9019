namespace Weir.Wasm.Instructions;

/// <summary>
/// Every WebAssembly 2.0 instruction. Single-byte opcodes keep their byte; the 0xFC and 0xFD
/// prefixed families are encoded as prefix &lt;&lt; 8 | sub-opcode. Member names are the text-format
/// names in PascalCase (i32x4.add is I32x4Add), which the compiler relies on to find helpers.
/// </summary>
public enum Opcode
{
    /// <summary>The Unreachable instruction.</summary>
    Unreachable = 0x0,
    /// <summary>The Nop instruction.</summary>
    Nop = 0x1,
    /// <summary>The Block instruction.</summary>
    Block = 0x2,
    /// <summary>The Loop instruction.</summary>
    Loop = 0x3,
    /// <summary>The If instruction.</summary>
    If = 0x4,
    /// <summary>The Else instruction.</summary>
    Else = 0x5,
    /// <summary>The End instruction.</summary>
    End = 0xB,
    /// <summary>The Br instruction.</summary>
    Br = 0xC,
    /// <summary>The BrIf instruction.</summary>
    BrIf = 0xD,
    /// <summary>The BrTable instruction.</summary>
    BrTable = 0xE,
    /// <summary>The Return instruction.</summary>
    Return = 0xF,
    /// <summary>The Call instruction.</summary>
    Call = 0x10,
    /// <summary>The CallIndirect instruction.</summary>
    CallIndirect = 0x11,
    /// <summary>The Drop instruction.</summary>
    Drop = 0x1A,
    /// <summary>The Select instruction.</summary>
    Select = 0x1B,
    /// <summary>The SelectTyped instruction.</summary>
    SelectTyped = 0x1C,
    /// <summary>The LocalGet instruction.</summary>
    LocalGet = 0x20,
    /// <summary>The LocalSet instruction.</summary>
    LocalSet = 0x21,
    /// <summary>The LocalTee instruction.</summary>
    LocalTee = 0x22,
    /// <summary>The GlobalGet instruction.</summary>
    GlobalGet = 0x23,
    /// <summary>The GlobalSet instruction.</summary>
    GlobalSet = 0x24,
    /// <summary>The TableGet instruction.</summary>
    TableGet = 0x25,
    /// <summary>The TableSet instruction.</summary>
    TableSet = 0x26,
    /// <summary>The I32Load instruction.</summary>
    I32Load = 0x28,
    /// <summary>The I64Load instruction.</summary>
    I64Load = 0x29,
    /// <summary>The F32Load instruction.</summary>
    F32Load = 0x2A,
    /// <summary>The F64Load instruction.</summary>
    F64Load = 0x2B,
    /// <summary>The I32Load8S instruction.</summary>
    I32Load8S = 0x2C,
    /// <summary>The I32Load8U instruction.</summary>
    I32Load8U = 0x2D,
    /// <summary>The I32Load16S instruction.</summary>
    I32Load16S = 0x2E,
    /// <summary>The I32Load16U instruction.</summary>
    I32Load16U = 0x2F,
    /// <summary>The I64Load8S instruction.</summary>
    I64Load8S = 0x30,
    /// <summary>The I64Load8U instruction.</summary>
    I64Load8U = 0x31,
    /// <summary>The I64Load16S instruction.</summary>
    I64Load16S = 0x32,
    /// <summary>The I64Load16U instruction.</summary>
    I64Load16U = 0x33,
    /// <summary>The I64Load32S instruction.</summary>
    I64Load32S = 0x34,
    /// <summary>The I64Load32U instruction.</summary>
    I64Load32U = 0x35,
    /// <summary>The I32Store instruction.</summary>
    I32Store = 0x36,
    /// <summary>The I64Store instruction.</summary>
    I64Store = 0x37,
    /// <summary>The F32Store instruction.</summary>
    F32Store = 0x38,
    /// <summary>The F64Store instruction.</summary>
    F64Store = 0x39,
    /// <summary>The I32Store8 instruction.</summary>
    I32Store8 = 0x3A,
    /// <summary>The I32Store16 instruction.</summary>
    I32Store16 = 0x3B,
    /// <summary>The I64Store8 instruction.</summary>
    I64Store8 = 0x3C,
    /// <summary>The I64Store16 instruction.</summary>
    I64Store16 = 0x3D,
    /// <summary>The I64Store32 instruction.</summary>
    I64Store32 = 0x3E,
    /// <summary>The MemorySize instruction.</summary>
    MemorySize = 0x3F,
    /// <summary>The MemoryGrow instruction.</summary>
    MemoryGrow = 0x40,
    /// <summary>The I32Const instruction.</summary>
    I32Const = 0x41,
    /// <summary>The I64Const instruction.</summary>
    I64Const = 0x42,
    /// <summary>The F32Const instruction.</summary>
    F32Const = 0x43,
    /// <summary>The F64Const instruction.</summary>
    F64Const = 0x44,
    /// <summary>The I32Eqz instruction.</summary>
    I32Eqz = 0x45,
    /// <summary>The I32Eq instruction.</summary>
    I32Eq = 0x46,
    /// <summary>The I32Ne instruction.</summary>
    I32Ne = 0x47,
    /// <summary>The I32LtS instruction.</summary>
    I32LtS = 0x48,
    /// <summary>The I32LtU instruction.</summary>
    I32LtU = 0x49,
    /// <summary>The I32GtS instruction.</summary>
    I32GtS = 0x4A,
    /// <summary>The I32GtU instruction.</summary>
    I32GtU = 0x4B,
    /// <summary>The I32LeS instruction.</summary>
    I32LeS = 0x4C,
    /// <summary>The I32LeU instruction.</summary>
    I32LeU = 0x4D,
    /// <summary>The I32GeS instruction.</summary>
    I32GeS = 0x4E,
    /// <summary>The I32GeU instruction.</summary>
    I32GeU = 0x4F,
    /// <summary>The I64Eqz instruction.</summary>
    I64Eqz = 0x50,
    /// <summary>The I64Eq instruction.</summary>
    I64Eq = 0x51,
    /// <summary>The I64Ne instruction.</summary>
    I64Ne = 0x52,
    /// <summary>The I64LtS instruction.</summary>
    I64LtS = 0x53,
    /// <summary>The I64LtU instruction.</summary>
    I64LtU = 0x54,
    /// <summary>The I64GtS instruction.</summary>
    I64GtS = 0x55,
    /// <summary>The I64GtU instruction.</summary>
    I64GtU = 0x56,
    /// <summary>The I64LeS instruction.</summary>
    I64LeS = 0x57,
    /// <summary>The I64LeU instruction.</summary>
    I64LeU = 0x58,
    /// <summary>The I64GeS instruction.</summary>
    I64GeS = 0x59,
    /// <summary>The I64GeU instruction.</summary>
    I64GeU = 0x5A,
    /// <summary>The F32Eq instruction.</summary>
    F32Eq = 0x5B,
    /// <summary>The F32Ne instruction.</summary>
    F32Ne = 0x5C,
    /// <summary>The F32Lt instruction.</summary>
    F32Lt = 0x5D,
    /// <summary>The F32Gt instruction.</summary>
    F32Gt = 0x5E,
    /// <summary>The F32Le instruction.</summary>
    F32Le = 0x5F,
    /// <summary>The F32Ge instruction.</summary>
    F32Ge = 0x60,
    /// <summary>The F64Eq instruction.</summary>
    F64Eq = 0x61,
    /// <summary>The F64Ne instruction.</summary>
    F64Ne = 0x62,
    /// <summary>The F64Lt instruction.</summary>
    F64Lt = 0x63,
    /// <summary>The F64Gt instruction.</summary>
    F64Gt = 0x64,
    /// <summary>The F64Le instruction.</summary>
    F64Le = 0x65,
    /// <summary>The F64Ge instruction.</summary>
    F64Ge = 0x66,
    /// <summary>The I32Clz instruction.</summary>
    I32Clz = 0x67,
    /// <summary>The I32Ctz instruction.</summary>
    I32Ctz = 0x68,
    /// <summary>The I32Popcnt instruction.</summary>
    I32Popcnt = 0x69,
    /// <summary>The I32Add instruction.</summary>
    I32Add = 0x6A,
    /// <summary>The I32Sub instruction.</summary>
    I32Sub = 0x6B,
    /// <summary>The I32Mul instruction.</summary>
    I32Mul = 0x6C,
    /// <summary>The I32DivS instruction.</summary>
    I32DivS = 0x6D,
    /// <summary>The I32DivU instruction.</summary>
    I32DivU = 0x6E,
    /// <summary>The I32RemS instruction.</summary>
    I32RemS = 0x6F,
    /// <summary>The I32RemU instruction.</summary>
    I32RemU = 0x70,
    /// <summary>The I32And instruction.</summary>
    I32And = 0x71,
    /// <summary>The I32Or instruction.</summary>
    I32Or = 0x72,
    /// <summary>The I32Xor instruction.</summary>
    I32Xor = 0x73,
    /// <summary>The I32Shl instruction.</summary>
    I32Shl = 0x74,
    /// <summary>The I32ShrS instruction.</summary>
    I32ShrS = 0x75,
    /// <summary>The I32ShrU instruction.</summary>
    I32ShrU = 0x76,
    /// <summary>The I32Rotl instruction.</summary>
    I32Rotl = 0x77,
    /// <summary>The I32Rotr instruction.</summary>
    I32Rotr = 0x78,
    /// <summary>The I64Clz instruction.</summary>
    I64Clz = 0x79,
    /// <summary>The I64Ctz instruction.</summary>
    I64Ctz = 0x7A,
    /// <summary>The I64Popcnt instruction.</summary>
    I64Popcnt = 0x7B,
    /// <summary>The I64Add instruction.</summary>
    I64Add = 0x7C,
    /// <summary>The I64Sub instruction.</summary>
    I64Sub = 0x7D,
    /// <summary>The I64Mul instruction.</summary>
    I64Mul = 0x7E,
    /// <summary>The I64DivS instruction.</summary>
    I64DivS = 0x7F,
    /// <summary>The I64DivU instruction.</summary>
    I64DivU = 0x80,
    /// <summary>The I64RemS instruction.</summary>
    I64RemS = 0x81,
    /// <summary>The I64RemU instruction.</summary>
    I64RemU = 0x82,
    /// <summary>The I64And instruction.</summary>
    I64And = 0x83,
    /// <summary>The I64Or instruction.</summary>
    I64Or = 0x84,
    /// <summary>The I64Xor instruction.</summary>
    I64Xor = 0x85,
    /// <summary>The I64Shl instruction.</summary>
    I64Shl = 0x86,
    /// <summary>The I64ShrS instruction.</summary>
    I64ShrS = 0x87,
    /// <summary>The I64ShrU instruction.</summary>
    I64ShrU = 0x88,
    /// <summary>The I64Rotl instruction.</summary>
    I64Rotl = 0x89,
    /// <summary>The I64Rotr instruction.</summary>
    I64Rotr = 0x8A,
    /// <summary>The F32Abs instruction.</summary>
    F32Abs = 0x8B,
    /// <summary>The F32Neg instruction.</summary>
    F32Neg = 0x8C,
    /// <summary>The F32Ceil instruction.</summary>
    F32Ceil = 0x8D,
    /// <summary>The F32Floor instruction.</summary>
    F32Floor = 0x8E,
    /// <summary>The F32Trunc instruction.</summary>
    F32Trunc = 0x8F,
    /// <summary>The F32Nearest instruction.</summary>
    F32Nearest = 0x90,
    /// <summary>The F32Sqrt instruction.</summary>
    F32Sqrt = 0x91,
    /// <summary>The F32Add instruction.</summary>
    F32Add = 0x92,
    /// <summary>The F32Sub instruction.</summary>
    F32Sub = 0x93,
    /// <summary>The F32Mul instruction.</summary>
    F32Mul = 0x94,
    /// <summary>The F32Div instruction.</summary>
    F32Div = 0x95,
    /// <summary>The F32Min instruction.</summary>
    F32Min = 0x96,
    /// <summary>The F32Max instruction.</summary>
    F32Max = 0x97,
    /// <summary>The F32Copysign instruction.</summary>
    F32Copysign = 0x98,
    /// <summary>The F64Abs instruction.</summary>
    F64Abs = 0x99,
    /// <summary>The F64Neg instruction.</summary>
    F64Neg = 0x9A,
    /// <summary>The F64Ceil instruction.</summary>
    F64Ceil = 0x9B,
    /// <summary>The F64Floor instruction.</summary>
    F64Floor = 0x9C,
    /// <summary>The F64Trunc instruction.</summary>
    F64Trunc = 0x9D,
    /// <summary>The F64Nearest instruction.</summary>
    F64Nearest = 0x9E,
    /// <summary>The F64Sqrt instruction.</summary>
    F64Sqrt = 0x9F,
    /// <summary>The F64Add instruction.</summary>
    F64Add = 0xA0,
    /// <summary>The F64Sub instruction.</summary>
    F64Sub = 0xA1,
    /// <summary>The F64Mul instruction.</summary>
    F64Mul = 0xA2,
    /// <summary>The F64Div instruction.</summary>
    F64Div = 0xA3,
    /// <summary>The F64Min instruction.</summary>
    F64Min = 0xA4,
    /// <summary>The F64Max instruction.</summary>
    F64Max = 0xA5,
    /// <summary>The F64Copysign instruction.</summary>
    F64Copysign = 0xA6,
    /// <summary>The I32WrapI64 instruction.</summary>
    I32WrapI64 = 0xA7,
    /// <summary>The I32TruncF32S instruction.</summary>
    I32TruncF32S = 0xA8,
    /// <summary>The I32TruncF32U instruction.</summary>
    I32TruncF32U = 0xA9,
    /// <summary>The I32TruncF64S instruction.</summary>
    I32TruncF64S = 0xAA,
    /// <summary>The I32TruncF64U instruction.</summary>
    I32TruncF64U = 0xAB,
    /// <summary>The I64ExtendI32S instruction.</summary>
    I64ExtendI32S = 0xAC,
    /// <summary>The I64ExtendI32U instruction.</summary>
    I64ExtendI32U = 0xAD,
    /// <summary>The I64TruncF32S instruction.</summary>
    I64TruncF32S = 0xAE,
    /// <summary>The I64TruncF32U instruction.</summary>
    I64TruncF32U = 0xAF,
    /// <summary>The I64TruncF64S instruction.</summary>
    I64TruncF64S = 0xB0,
    /// <summary>The I64TruncF64U instruction.</summary>
    I64TruncF64U = 0xB1,
    /// <summary>The F32ConvertI32S instruction.</summary>
    F32ConvertI32S = 0xB2,
    /// <summary>The F32ConvertI32U instruction.</summary>
    F32ConvertI32U = 0xB3,
    /// <summary>The F32ConvertI64S instruction.</summary>
    F32ConvertI64S = 0xB4,
    /// <summary>The F32ConvertI64U instruction.</summary>
    F32ConvertI64U = 0xB5,
    /// <summary>The F32DemoteF64 instruction.</summary>
    F32DemoteF64 = 0xB6,
    /// <summary>The F64ConvertI32S instruction.</summary>
    F64ConvertI32S = 0xB7,
    /// <summary>The F64ConvertI32U instruction.</summary>
    F64ConvertI32U = 0xB8,
    /// <summary>The F64ConvertI64S instruction.</summary>
    F64ConvertI64S = 0xB9,
    /// <summary>The F64ConvertI64U instruction.</summary>
    F64ConvertI64U = 0xBA,
    /// <summary>The F64PromoteF32 instruction.</summary>
    F64PromoteF32 = 0xBB,
    /// <summary>The I32ReinterpretF32 instruction.</summary>
    I32ReinterpretF32 = 0xBC,
    /// <summary>The I64ReinterpretF64 instruction.</summary>
    I64ReinterpretF64 = 0xBD,
    /// <summary>The F32ReinterpretI32 instruction.</summary>
    F32ReinterpretI32 = 0xBE,
    /// <summary>The F64ReinterpretI64 instruction.</summary>
    F64ReinterpretI64 = 0xBF,
    /// <summary>The I32Extend8S instruction.</summary>
    I32Extend8S = 0xC0,
    /// <summary>The I32Extend16S instruction.</summary>
    I32Extend16S = 0xC1,
    /// <summary>The I64Extend8S instruction.</summary>
    I64Extend8S = 0xC2,
    /// <summary>The I64Extend16S instruction.</summary>
    I64Extend16S = 0xC3,
    /// <summary>The I64Extend32S instruction.</summary>
    I64Extend32S = 0xC4,
    /// <summary>The RefNull instruction.</summary>
    RefNull = 0xD0,
    /// <summary>The RefIsNull instruction.</summary>
    RefIsNull = 0xD1,
    /// <summary>The RefFunc instruction.</summary>
    RefFunc = 0xD2,
    /// <summary>The I32TruncSatF32S instruction.</summary>
    I32TruncSatF32S = 0xFC00,
    /// <summary>The I32TruncSatF32U instruction.</summary>
    I32TruncSatF32U = 0xFC01,
    /// <summary>The I32TruncSatF64S instruction.</summary>
    I32TruncSatF64S = 0xFC02,
    /// <summary>The I32TruncSatF64U instruction.</summary>
    I32TruncSatF64U = 0xFC03,
    /// <summary>The I64TruncSatF32S instruction.</summary>
    I64TruncSatF32S = 0xFC04,
    /// <summary>The I64TruncSatF32U instruction.</summary>
    I64TruncSatF32U = 0xFC05,
    /// <summary>The I64TruncSatF64S instruction.</summary>
    I64TruncSatF64S = 0xFC06,
    /// <summary>The I64TruncSatF64U instruction.</summary>
    I64TruncSatF64U = 0xFC07,
    /// <summary>The MemoryInit instruction.</summary>
    MemoryInit = 0xFC08,
    /// <summary>The DataDrop instruction.</summary>
    DataDrop = 0xFC09,
    /// <summary>The MemoryCopy instruction.</summary>
    MemoryCopy = 0xFC0A,
    /// <summary>The MemoryFill instruction.</summary>
    MemoryFill = 0xFC0B,
    /// <summary>The TableInit instruction.</summary>
    TableInit = 0xFC0C,
    /// <summary>The ElemDrop instruction.</summary>
    ElemDrop = 0xFC0D,
    /// <summary>The TableCopy instruction.</summary>
    TableCopy = 0xFC0E,
    /// <summary>The TableGrow instruction.</summary>
    TableGrow = 0xFC0F,
    /// <summary>The TableSize instruction.</summary>
    TableSize = 0xFC10,
    /// <summary>The TableFill instruction.</summary>
    TableFill = 0xFC11,
    /// <summary>The V128Load instruction.</summary>
    V128Load = 0xFD00,
    /// <summary>The V128Load8x8S instruction.</summary>
    V128Load8x8S = 0xFD01,
    /// <summary>The V128Load8x8U instruction.</summary>
    V128Load8x8U = 0xFD02,
    /// <summary>The V128Load16x4S instruction.</summary>
    V128Load16x4S = 0xFD03,
    /// <summary>The V128Load16x4U instruction.</summary>
    V128Load16x4U = 0xFD04,
    /// <summary>The V128Load32x2S instruction.</summary>
    V128Load32x2S = 0xFD05,
    /// <summary>The V128Load32x2U instruction.</summary>
    V128Load32x2U = 0xFD06,
    /// <summary>The V128Load8Splat instruction.</summary>
    V128Load8Splat = 0xFD07,
    /// <summary>The V128Load16Splat instruction.</summary>
    V128Load16Splat = 0xFD08,
    /// <summary>The V128Load32Splat instruction.</summary>
    V128Load32Splat = 0xFD09,
    /// <summary>The V128Load64Splat instruction.</summary>
    V128Load64Splat = 0xFD0A,
    /// <summary>The V128Store instruction.</summary>
    V128Store = 0xFD0B,
    /// <summary>The V128Const instruction.</summary>
    V128Const = 0xFD0C,
    /// <summary>The I8x16Shuffle instruction.</summary>
    I8x16Shuffle = 0xFD0D,
    /// <summary>The I8x16Swizzle instruction.</summary>
    I8x16Swizzle = 0xFD0E,
    /// <summary>The I8x16Splat instruction.</summary>
    I8x16Splat = 0xFD0F,
    /// <summary>The I16x8Splat instruction.</summary>
    I16x8Splat = 0xFD10,
    /// <summary>The I32x4Splat instruction.</summary>
    I32x4Splat = 0xFD11,
    /// <summary>The I64x2Splat instruction.</summary>
    I64x2Splat = 0xFD12,
    /// <summary>The F32x4Splat instruction.</summary>
    F32x4Splat = 0xFD13,
    /// <summary>The F64x2Splat instruction.</summary>
    F64x2Splat = 0xFD14,
    /// <summary>The I8x16ExtractLaneS instruction.</summary>
    I8x16ExtractLaneS = 0xFD15,
    /// <summary>The I8x16ExtractLaneU instruction.</summary>
    I8x16ExtractLaneU = 0xFD16,
    /// <summary>The I8x16ReplaceLane instruction.</summary>
    I8x16ReplaceLane = 0xFD17,
    /// <summary>The I16x8ExtractLaneS instruction.</summary>
    I16x8ExtractLaneS = 0xFD18,
    /// <summary>The I16x8ExtractLaneU instruction.</summary>
    I16x8ExtractLaneU = 0xFD19,
    /// <summary>The I16x8ReplaceLane instruction.</summary>
    I16x8ReplaceLane = 0xFD1A,
    /// <summary>The I32x4ExtractLane instruction.</summary>
    I32x4ExtractLane = 0xFD1B,
    /// <summary>The I32x4ReplaceLane instruction.</summary>
    I32x4ReplaceLane = 0xFD1C,
    /// <summary>The I64x2ExtractLane instruction.</summary>
    I64x2ExtractLane = 0xFD1D,
    /// <summary>The I64x2ReplaceLane instruction.</summary>
    I64x2ReplaceLane = 0xFD1E,
    /// <summary>The F32x4ExtractLane instruction.</summary>
    F32x4ExtractLane = 0xFD1F,
    /// <summary>The F32x4ReplaceLane instruction.</summary>
    F32x4ReplaceLane = 0xFD20,
    /// <summary>The F64x2ExtractLane instruction.</summary>
    F64x2ExtractLane = 0xFD21,
    /// <summary>The F64x2ReplaceLane instruction.</summary>
    F64x2ReplaceLane = 0xFD22,
    /// <summary>The I8x16Eq instruction.</summary>
    I8x16Eq = 0xFD23,
    /// <summary>The I8x16Ne instruction.</summary>
    I8x16Ne = 0xFD24,
    /// <summary>The I8x16LtS instruction.</summary>
    I8x16LtS = 0xFD25,
    /// <summary>The I8x16LtU instruction.</summary>
    I8x16LtU = 0xFD26,
    /// <summary>The I8x16GtS instruction.</summary>
    I8x16GtS = 0xFD27,
    /// <summary>The I8x16GtU instruction.</summary>
    I8x16GtU = 0xFD28,
    /// <summary>The I8x16LeS instruction.</summary>
    I8x16LeS = 0xFD29,
    /// <summary>The I8x16LeU instruction.</summary>
    I8x16LeU = 0xFD2A,
    /// <summary>The I8x16GeS instruction.</summary>
    I8x16GeS = 0xFD2B,
    /// <summary>The I8x16GeU instruction.</summary>
    I8x16GeU = 0xFD2C,
    /// <summary>The I16x8Eq instruction.</summary>
    I16x8Eq = 0xFD2D,
    /// <summary>The I16x8Ne instruction.</summary>
    I16x8Ne = 0xFD2E,
    /// <summary>The I16x8LtS instruction.</summary>
    I16x8LtS = 0xFD2F,
    /// <summary>The I16x8LtU instruction.</summary>
    I16x8LtU = 0xFD30,
    /// <summary>The I16x8GtS instruction.</summary>
    I16x8GtS = 0xFD31,
    /// <summary>The I16x8GtU instruction.</summary>
    I16x8GtU = 0xFD32,
    /// <summary>The I16x8LeS instruction.</summary>
    I16x8LeS = 0xFD33,
    /// <summary>The I16x8LeU instruction.</summary>
    I16x8LeU = 0xFD34,
    /// <summary>The I16x8GeS instruction.</summary>
    I16x8GeS = 0xFD35,
    /// <summary>The I16x8GeU instruction.</summary>
    I16x8GeU = 0xFD36,
    /// <summary>The I32x4Eq instruction.</summary>
    I32x4Eq = 0xFD37,
    /// <summary>The I32x4Ne instruction.</summary>
    I32x4Ne = 0xFD38,
    /// <summary>The I32x4LtS instruction.</summary>
    I32x4LtS = 0xFD39,
    /// <summary>The I32x4LtU instruction.</summary>
    I32x4LtU = 0xFD3A,
    /// <summary>The I32x4GtS instruction.</summary>
    I32x4GtS = 0xFD3B,
    /// <summary>The I32x4GtU instruction.</summary>
    I32x4GtU = 0xFD3C,
    /// <summary>The I32x4LeS instruction.</summary>
    I32x4LeS = 0xFD3D,
    /// <summary>The I32x4LeU instruction.</summary>
    I32x4LeU = 0xFD3E,
    /// <summary>The I32x4GeS instruction.</summary>
    I32x4GeS = 0xFD3F,
    /// <summary>The I32x4GeU instruction.</summary>
    I32x4GeU = 0xFD40,
    /// <summary>The F32x4Eq instruction.</summary>
    F32x4Eq = 0xFD41,
    /// <summary>The F32x4Ne instruction.</summary>
    F32x4Ne = 0xFD42,
    /// <summary>The F32x4Lt instruction.</summary>
    F32x4Lt = 0xFD43,
    /// <summary>The F32x4Gt instruction.</summary>
    F32x4Gt = 0xFD44,
    /// <summary>The F32x4Le instruction.</summary>
    F32x4Le = 0xFD45,
    /// <summary>The F32x4Ge instruction.</summary>
    F32x4Ge = 0xFD46,
    /// <summary>The F64x2Eq instruction.</summary>
    F64x2Eq = 0xFD47,
    /// <summary>The F64x2Ne instruction.</summary>
    F64x2Ne = 0xFD48,
    /// <summary>The F64x2Lt instruction.</summary>
    F64x2Lt = 0xFD49,
    /// <summary>The F64x2Gt instruction.</summary>
    F64x2Gt = 0xFD4A,
    /// <summary>The F64x2Le instruction.</summary>
    F64x2Le = 0xFD4B,
    /// <summary>The F64x2Ge instruction.</summary>
    F64x2Ge = 0xFD4C,
    /// <summary>The V128Not instruction.</summary>
    V128Not = 0xFD4D,
    /// <summary>The V128And instruction.</summary>
    V128And = 0xFD4E,
    /// <summary>The V128AndNot instruction.</summary>
    V128AndNot = 0xFD4F,
    /// <summary>The V128Or instruction.</summary>
    V128Or = 0xFD50,
    /// <summary>The V128Xor instruction.</summary>
    V128Xor = 0xFD51,
    /// <summary>The V128Bitselect instruction.</summary>
    V128Bitselect = 0xFD52,
    /// <summary>The V128AnyTrue instruction.</summary>
    V128AnyTrue = 0xFD53,
    /// <summary>The V128Load8Lane instruction.</summary>
    V128Load8Lane = 0xFD54,
    /// <summary>The V128Load16Lane instruction.</summary>
    V128Load16Lane = 0xFD55,
    /// <summary>The V128Load32Lane instruction.</summary>
    V128Load32Lane = 0xFD56,
    /// <summary>The V128Load64Lane instruction.</summary>
    V128Load64Lane = 0xFD57,
    /// <summary>The V128Store8Lane instruction.</summary>
    V128Store8Lane = 0xFD58,
    /// <summary>The V128Store16Lane instruction.</summary>
    V128Store16Lane = 0xFD59,
    /// <summary>The V128Store32Lane instruction.</summary>
    V128Store32Lane = 0xFD5A,
    /// <summary>The V128Store64Lane instruction.</summary>
    V128Store64Lane = 0xFD5B,
    /// <summary>The V128Load32Zero instruction.</summary>
    V128Load32Zero = 0xFD5C,
    /// <summary>The V128Load64Zero instruction.</summary>
    V128Load64Zero = 0xFD5D,
    /// <summary>The F32x4DemoteF64x2Zero instruction.</summary>
    F32x4DemoteF64x2Zero = 0xFD5E,
    /// <summary>The F64x2PromoteLowF32x4 instruction.</summary>
    F64x2PromoteLowF32x4 = 0xFD5F,
    /// <summary>The I8x16Abs instruction.</summary>
    I8x16Abs = 0xFD60,
    /// <summary>The I8x16Neg instruction.</summary>
    I8x16Neg = 0xFD61,
    /// <summary>The I8x16Popcnt instruction.</summary>
    I8x16Popcnt = 0xFD62,
    /// <summary>The I8x16AllTrue instruction.</summary>
    I8x16AllTrue = 0xFD63,
    /// <summary>The I8x16Bitmask instruction.</summary>
    I8x16Bitmask = 0xFD64,
    /// <summary>The I8x16NarrowI16x8S instruction.</summary>
    I8x16NarrowI16x8S = 0xFD65,
    /// <summary>The I8x16NarrowI16x8U instruction.</summary>
    I8x16NarrowI16x8U = 0xFD66,
    /// <summary>The F32x4Ceil instruction.</summary>
    F32x4Ceil = 0xFD67,
    /// <summary>The F32x4Floor instruction.</summary>
    F32x4Floor = 0xFD68,
    /// <summary>The F32x4Trunc instruction.</summary>
    F32x4Trunc = 0xFD69,
    /// <summary>The F32x4Nearest instruction.</summary>
    F32x4Nearest = 0xFD6A,
    /// <summary>The I8x16Shl instruction.</summary>
    I8x16Shl = 0xFD6B,
    /// <summary>The I8x16ShrS instruction.</summary>
    I8x16ShrS = 0xFD6C,
    /// <summary>The I8x16ShrU instruction.</summary>
    I8x16ShrU = 0xFD6D,
    /// <summary>The I8x16Add instruction.</summary>
    I8x16Add = 0xFD6E,
    /// <summary>The I8x16AddSatS instruction.</summary>
    I8x16AddSatS = 0xFD6F,
    /// <summary>The I8x16AddSatU instruction.</summary>
    I8x16AddSatU = 0xFD70,
    /// <summary>The I8x16Sub instruction.</summary>
    I8x16Sub = 0xFD71,
    /// <summary>The I8x16SubSatS instruction.</summary>
    I8x16SubSatS = 0xFD72,
    /// <summary>The I8x16SubSatU instruction.</summary>
    I8x16SubSatU = 0xFD73,
    /// <summary>The F64x2Ceil instruction.</summary>
    F64x2Ceil = 0xFD74,
    /// <summary>The F64x2Floor instruction.</summary>
    F64x2Floor = 0xFD75,
    /// <summary>The I8x16MinS instruction.</summary>
    I8x16MinS = 0xFD76,
    /// <summary>The I8x16MinU instruction.</summary>
    I8x16MinU = 0xFD77,
    /// <summary>The I8x16MaxS instruction.</summary>
    I8x16MaxS = 0xFD78,
    /// <summary>The I8x16MaxU instruction.</summary>
    I8x16MaxU = 0xFD79,
    /// <summary>The F64x2Trunc instruction.</summary>
    F64x2Trunc = 0xFD7A,
    /// <summary>The I8x16AvgrU instruction.</summary>
    I8x16AvgrU = 0xFD7B,
    /// <summary>The I16x8ExtaddPairwiseI8x16S instruction.</summary>
    I16x8ExtaddPairwiseI8x16S = 0xFD7C,
    /// <summary>The I16x8ExtaddPairwiseI8x16U instruction.</summary>
    I16x8ExtaddPairwiseI8x16U = 0xFD7D,
    /// <summary>The I32x4ExtaddPairwiseI16x8S instruction.</summary>
    I32x4ExtaddPairwiseI16x8S = 0xFD7E,
    /// <summary>The I32x4ExtaddPairwiseI16x8U instruction.</summary>
    I32x4ExtaddPairwiseI16x8U = 0xFD7F,
    /// <summary>The I16x8Abs instruction.</summary>
    I16x8Abs = 0xFD80,
    /// <summary>The I16x8Neg instruction.</summary>
    I16x8Neg = 0xFD81,
    /// <summary>The I16x8Q15mulrSatS instruction.</summary>
    I16x8Q15mulrSatS = 0xFD82,
    /// <summary>The I16x8AllTrue instruction.</summary>
    I16x8AllTrue = 0xFD83,
    /// <summary>The I16x8Bitmask instruction.</summary>
    I16x8Bitmask = 0xFD84,
    /// <summary>The I16x8NarrowI32x4S instruction.</summary>
    I16x8NarrowI32x4S = 0xFD85,
    /// <summary>The I16x8NarrowI32x4U instruction.</summary>
    I16x8NarrowI32x4U = 0xFD86,
    /// <summary>The I16x8ExtendLowI8x16S instruction.</summary>
    I16x8ExtendLowI8x16S = 0xFD87,
    /// <summary>The I16x8ExtendHighI8x16S instruction.</summary>
    I16x8ExtendHighI8x16S = 0xFD88,
    /// <summary>The I16x8ExtendLowI8x16U instruction.</summary>
    I16x8ExtendLowI8x16U = 0xFD89,
    /// <summary>The I16x8ExtendHighI8x16U instruction.</summary>
    I16x8ExtendHighI8x16U = 0xFD8A,
    /// <summary>The I16x8Shl instruction.</summary>
    I16x8Shl = 0xFD8B,
    /// <summary>The I16x8ShrS instruction.</summary>
    I16x8ShrS = 0xFD8C,
    /// <summary>The I16x8ShrU instruction.</summary>
    I16x8ShrU = 0xFD8D,
    /// <summary>The I16x8Add instruction.</summary>
    I16x8Add = 0xFD8E,
    /// <summary>The I16x8AddSatS instruction.</summary>
    I16x8AddSatS = 0xFD8F,
    /// <summary>The I16x8AddSatU instruction.</summary>
    I16x8AddSatU = 0xFD90,
    /// <summary>The I16x8Sub instruction.</summary>
    I16x8Sub = 0xFD91,
    /// <summary>The I16x8SubSatS instruction.</summary>
    I16x8SubSatS = 0xFD92,
    /// <summary>The I16x8SubSatU instruction.</summary>
    I16x8SubSatU = 0xFD93,
    /// <summary>The F64x2Nearest instruction.</summary>
    F64x2Nearest = 0xFD94,
    /// <summary>The I16x8Mul instruction.</summary>
    I16x8Mul = 0xFD95,
    /// <summary>The I16x8MinS instruction.</summary>
    I16x8MinS = 0xFD96,
    /// <summary>The I16x8MinU instruction.</summary>
    I16x8MinU = 0xFD97,
    /// <summary>The I16x8MaxS instruction.</summary>
    I16x8MaxS = 0xFD98,
    /// <summary>The I16x8MaxU instruction.</summary>
    I16x8MaxU = 0xFD99,
    /// <summary>The I16x8AvgrU instruction.</summary>
    I16x8AvgrU = 0xFD9B,
    /// <summary>The I16x8ExtmulLowI8x16S instruction.</summary>
    I16x8ExtmulLowI8x16S = 0xFD9C,
    /// <summary>The I16x8ExtmulHighI8x16S instruction.</summary>
    I16x8ExtmulHighI8x16S = 0xFD9D,
    /// <summary>The I16x8ExtmulLowI8x16U instruction.</summary>
    I16x8ExtmulLowI8x16U = 0xFD9E,
    /// <summary>The I16x8ExtmulHighI8x16U instruction.</summary>
    I16x8ExtmulHighI8x16U = 0xFD9F,
    /// <summary>The I32x4Abs instruction.</summary>
    I32x4Abs = 0xFDA0,
    /// <summary>The I32x4Neg instruction.</summary>
    I32x4Neg = 0xFDA1,
    /// <summary>The I32x4AllTrue instruction.</summary>
    I32x4AllTrue = 0xFDA3,
    /// <summary>The I32x4Bitmask instruction.</summary>
    I32x4Bitmask = 0xFDA4,
    /// <summary>The I32x4ExtendLowI16x8S instruction.</summary>
    I32x4ExtendLowI16x8S = 0xFDA7,
    /// <summary>The I32x4ExtendHighI16x8S instruction.</summary>
    I32x4ExtendHighI16x8S = 0xFDA8,
    /// <summary>The I32x4ExtendLowI16x8U instruction.</summary>
    I32x4ExtendLowI16x8U = 0xFDA9,
    /// <summary>The I32x4ExtendHighI16x8U instruction.</summary>
    I32x4ExtendHighI16x8U = 0xFDAA,
    /// <summary>The I32x4Shl instruction.</summary>
    I32x4Shl = 0xFDAB,
    /// <summary>The I32x4ShrS instruction.</summary>
    I32x4ShrS = 0xFDAC,
    /// <summary>The I32x4ShrU instruction.</summary>
    I32x4ShrU = 0xFDAD,
    /// <summary>The I32x4Add instruction.</summary>
    I32x4Add = 0xFDAE,
    /// <summary>The I32x4Sub instruction.</summary>
    I32x4Sub = 0xFDB1,
    /// <summary>The I32x4Mul instruction.</summary>
    I32x4Mul = 0xFDB5,
    /// <summary>The I32x4MinS instruction.</summary>
    I32x4MinS = 0xFDB6,
    /// <summary>The I32x4MinU instruction.</summary>
    I32x4MinU = 0xFDB7,
    /// <summary>The I32x4MaxS instruction.</summary>
    I32x4MaxS = 0xFDB8,
    /// <summary>The I32x4MaxU instruction.</summary>
    I32x4MaxU = 0xFDB9,
    /// <summary>The I32x4DotI16x8S instruction.</summary>
    I32x4DotI16x8S = 0xFDBA,
    /// <summary>The I32x4ExtmulLowI16x8S instruction.</summary>
    I32x4ExtmulLowI16x8S = 0xFDBC,
    /// <summary>The I32x4ExtmulHighI16x8S instruction.</summary>
    I32x4ExtmulHighI16x8S = 0xFDBD,
    /// <summary>The I32x4ExtmulLowI16x8U instruction.</summary>
    I32x4ExtmulLowI16x8U = 0xFDBE,
    /// <summary>The I32x4ExtmulHighI16x8U instruction.</summary>
    I32x4ExtmulHighI16x8U = 0xFDBF,
    /// <summary>The I64x2Abs instruction.</summary>
    I64x2Abs = 0xFDC0,
    /// <summary>The I64x2Neg instruction.</summary>
    I64x2Neg = 0xFDC1,
    /// <summary>The I64x2AllTrue instruction.</summary>
    I64x2AllTrue = 0xFDC3,
    /// <summary>The I64x2Bitmask instruction.</summary>
    I64x2Bitmask = 0xFDC4,
    /// <summary>The I64x2ExtendLowI32x4S instruction.</summary>
    I64x2ExtendLowI32x4S = 0xFDC7,
    /// <summary>The I64x2ExtendHighI32x4S instruction.</summary>
    I64x2ExtendHighI32x4S = 0xFDC8,
    /// <summary>The I64x2ExtendLowI32x4U instruction.</summary>
    I64x2ExtendLowI32x4U = 0xFDC9,
    /// <summary>The I64x2ExtendHighI32x4U instruction.</summary>
    I64x2ExtendHighI32x4U = 0xFDCA,
    /// <summary>The I64x2Shl instruction.</summary>
    I64x2Shl = 0xFDCB,
    /// <summary>The I64x2ShrS instruction.</summary>
    I64x2ShrS = 0xFDCC,
    /// <summary>The I64x2ShrU instruction.</summary>
    I64x2ShrU = 0xFDCD,
    /// <summary>The I64x2Add instruction.</summary>
    I64x2Add = 0xFDCE,
    /// <summary>The I64x2Sub instruction.</summary>
    I64x2Sub = 0xFDD1,
    /// <summary>The I64x2Mul instruction.</summary>
    I64x2Mul = 0xFDD5,
    /// <summary>The I64x2Eq instruction.</summary>
    I64x2Eq = 0xFDD6,
    /// <summary>The I64x2Ne instruction.</summary>
    I64x2Ne = 0xFDD7,
    /// <summary>The I64x2LtS instruction.</summary>
    I64x2LtS = 0xFDD8,
    /// <summary>The I64x2GtS instruction.</summary>
    I64x2GtS = 0xFDD9,
    /// <summary>The I64x2LeS instruction.</summary>
    I64x2LeS = 0xFDDA,
    /// <summary>The I64x2GeS instruction.</summary>
    I64x2GeS = 0xFDDB,
    /// <summary>The I64x2ExtmulLowI32x4S instruction.</summary>
    I64x2ExtmulLowI32x4S = 0xFDDC,
    /// <summary>The I64x2ExtmulHighI32x4S instruction.</summary>
    I64x2ExtmulHighI32x4S = 0xFDDD,
    /// <summary>The I64x2ExtmulLowI32x4U instruction.</summary>
    I64x2ExtmulLowI32x4U = 0xFDDE,
    /// <summary>The I64x2ExtmulHighI32x4U instruction.</summary>
    I64x2ExtmulHighI32x4U = 0xFDDF,
    /// <summary>The F32x4Abs instruction.</summary>
    F32x4Abs = 0xFDE0,
    /// <summary>The F32x4Neg instruction.</summary>
    F32x4Neg = 0xFDE1,
    /// <summary>The F32x4Sqrt instruction.</summary>
    F32x4Sqrt = 0xFDE3,
    /// <summary>The F32x4Add instruction.</summary>
    F32x4Add = 0xFDE4,
    /// <summary>The F32x4Sub instruction.</summary>
    F32x4Sub = 0xFDE5,
    /// <summary>The F32x4Mul instruction.</summary>
    F32x4Mul = 0xFDE6,
    /// <summary>The F32x4Div instruction.</summary>
    F32x4Div = 0xFDE7,
    /// <summary>The F32x4Min instruction.</summary>
    F32x4Min = 0xFDE8,
    /// <summary>The F32x4Max instruction.</summary>
    F32x4Max = 0xFDE9,
    /// <summary>The F32x4Pmin instruction.</summary>
    F32x4Pmin = 0xFDEA,
    /// <summary>The F32x4Pmax instruction.</summary>
    F32x4Pmax = 0xFDEB,
    /// <summary>The F64x2Abs instruction.</summary>
    F64x2Abs = 0xFDEC,
    /// <summary>The F64x2Neg instruction.</summary>
    F64x2Neg = 0xFDED,
    /// <summary>The F64x2Sqrt instruction.</summary>
    F64x2Sqrt = 0xFDEF,
    /// <summary>The F64x2Add instruction.</summary>
    F64x2Add = 0xFDF0,
    /// <summary>The F64x2Sub instruction.</summary>
    F64x2Sub = 0xFDF1,
    /// <summary>The F64x2Mul instruction.</summary>
    F64x2Mul = 0xFDF2,
    /// <summary>The F64x2Div instruction.</summary>
    F64x2Div = 0xFDF3,
    /// <summary>The F64x2Min instruction.</summary>
    F64x2Min = 0xFDF4,
    /// <summary>The F64x2Max instruction.</summary>
    F64x2Max = 0xFDF5,
    /// <summary>The F64x2Pmin instruction.</summary>
    F64x2Pmin = 0xFDF6,
    /// <summary>The F64x2Pmax instruction.</summary>
    F64x2Pmax = 0xFDF7,
    /// <summary>The I32x4TruncSatF32x4S instruction.</summary>
    I32x4TruncSatF32x4S = 0xFDF8,
    /// <summary>The I32x4TruncSatF32x4U instruction.</summary>
    I32x4TruncSatF32x4U = 0xFDF9,
    /// <summary>The F32x4ConvertI32x4S instruction.</summary>
    F32x4ConvertI32x4S = 0xFDFA,
    /// <summary>The F32x4ConvertI32x4U instruction.</summary>
    F32x4ConvertI32x4U = 0xFDFB,
    /// <summary>The I32x4TruncSatF64x2SZero instruction.</summary>
    I32x4TruncSatF64x2SZero = 0xFDFC,
    /// <summary>The I32x4TruncSatF64x2UZero instruction.</summary>
    I32x4TruncSatF64x2UZero = 0xFDFD,
    /// <summary>The F64x2ConvertLowI32x4S instruction.</summary>
    F64x2ConvertLowI32x4S = 0xFDFE,
    /// <summary>The F64x2ConvertLowI32x4U instruction.</summary>
    F64x2ConvertLowI32x4U = 0xFDFF,
}
