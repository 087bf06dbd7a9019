using Weir.Wasm.Decoding;
using Weir.Wasm.Model;
using Weir.Wasm.Tests.Decoding;
using Weir.Wasm.Validation;
using static Weir.Wasm.Tests.Decoding.WasmBinaryBuilder;

namespace Weir.Wasm.Tests.Validation;

public sealed class FunctionBodyValidationTests
{
    private const ValueKind I32 = ValueKind.I32;
    private const ValueKind I64 = ValueKind.I64;
    private const ValueKind F32 = ValueKind.F32;

    private static void Validate(byte[] binary) => ModuleValidator.Validate(ModuleDecoder.Decode(binary));

    private static WasmValidationException Invalid(byte[] binary) =>
        FluentActions.Invoking(() => Validate(binary)).Should().Throw<WasmValidationException>().Which;

    private static WasmMalformedException Malformed(byte[] binary) =>
        FluentActions.Invoking(() => Validate(binary)).Should().Throw<WasmMalformedException>().Which;

    /// <summary>The offset of the first instruction of the first function body.</summary>
    private static int CodeStart(byte[] binary) => ModuleDecoder.Decode(binary).Bodies[0].CodeOffset;

    [Fact]
    public void Validate_WellTypedArithmetic_Passes()
    {
        // local.get 0, local.get 1, i32.add, end
        var binary = SingleFunction([0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B], [I32, I32], [I32]);

        FluentActions.Invoking(() => Validate(binary)).Should().NotThrow();
    }

    [Fact]
    public void Validate_OperandOfTheWrongType_ReportsTypeMismatchAtTheInstruction()
    {
        // i64.const 1, i32.const 1, i32.add, drop, end
        var binary = SingleFunction([0x42, 0x01, 0x41, 0x01, 0x6A, 0x1A, 0x0B]);

        var error = Invalid(binary);

        error.Reason.Should().StartWith("type mismatch");
        error.Reason.Should().Contain("expected i32, found i64");
        error.Offset.Should().Be(CodeStart(binary) + 4);
        error.FunctionIndex.Should().Be(0);
    }

    [Fact]
    public void Validate_MissingOperand_ReportsTypeMismatch()
    {
        // i32.const 1, i32.add, drop, end
        Invalid(SingleFunction([0x41, 0x01, 0x6A, 0x1A, 0x0B])).Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Validate_ValueLeftOnTheStack_ReportsTypeMismatchAtTheEnd()
    {
        var binary = SingleFunction([0x41, 0x01, 0x0B]);

        var error = Invalid(binary);

        error.Reason.Should().StartWith("type mismatch");
        error.Offset.Should().Be(CodeStart(binary) + 2);
    }

    [Fact]
    public void Validate_MissingResult_ReportsTypeMismatch()
    {
        Invalid(SingleFunction([0x0B], results: [I32])).Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Validate_FunctionIndex_CountsImportedFunctions()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.ImportFunction("env", "f", type);
        builder.AddFunction(type, [0x0B]);
        builder.AddFunction(type, [0x41, 0x00, 0x0B]);

        Invalid(builder.Build()).FunctionIndex.Should().Be(2);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x6A, 0x1A, 0x0B })]                   // unreachable, i32.add, drop
    [InlineData(new byte[] { 0x00, 0x1B, 0x1A, 0x0B })]                   // unreachable, select, drop
    [InlineData(new byte[] { 0x02, 0x40, 0x0C, 0x00, 0x6A, 0x1A, 0x0B, 0x0B })] // block, br 0, i32.add, drop, end
    [InlineData(new byte[] { 0x00, 0x0E, 0x00, 0x00, 0x0B })]             // unreachable, br_table 0
    public void Validate_CodeAfterAnUnconditionalBranch_IsTypedAgainstAnyOperands(byte[] code)
    {
        FluentActions.Invoking(() => Validate(SingleFunction(code))).Should().NotThrow();
    }

    [Fact]
    public void Validate_UnreachableCode_StillChecksTheOperandsItPushes()
    {
        // unreachable, i64.const 0, i32.add, drop
        Invalid(SingleFunction([0x00, 0x42, 0x00, 0x6A, 0x1A, 0x0B])).Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Validate_UnreachableBeforeEnd_SatisfiesTheResults()
    {
        FluentActions.Invoking(() => Validate(SingleFunction([0x00, 0x0B], results: [I32, I64]))).Should().NotThrow();
    }

    [Fact]
    public void Validate_MultiValueBlockWithTypeIndex_TakesParametersFromTheStack()
    {
        var builder = new WasmBinaryBuilder();
        var main = builder.AddType([], [I32]);
        var pair = builder.AddType([I32, I32], [I32]);
        // i32.const 1, i32.const 2, block (type pair) i32.add end, end
        builder.AddFunction(main, [0x41, 0x01, 0x41, 0x02, 0x02, (byte)pair, 0x6A, 0x0B, 0x0B]);

        FluentActions.Invoking(() => Validate(builder.Build())).Should().NotThrow();
    }

    [Fact]
    public void Validate_BranchToALoop_NeedsTheLoopParameters()
    {
        var builder = new WasmBinaryBuilder();
        var main = builder.AddType([], []);
        var takesI32 = builder.AddType([I32], []);
        // i32.const 0, loop (type takesI32): drop, f32.const 0, br 0 (the loop label wants its i32 parameter), end
        builder.AddFunction(main, [0x41, 0x00, 0x03, (byte)takesI32, 0x1A, 0x43, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x00, 0x0B, 0x0B]);

        Invalid(builder.Build()).Reason.Should().Contain("expected i32, found f32");
    }

    [Fact]
    public void Validate_BlockTypeIndexOutOfRange_ReportsUnknownType()
    {
        Invalid(SingleFunction([0x02, 0x07, 0x0B, 0x0B])).Reason.Should().Be("unknown type 7");
    }

    [Fact]
    public void Validate_IfWithResultAndNoElse_ReportsTypeMismatch()
    {
        // i32.const 1, if (result i32) i32.const 2 end, drop
        Invalid(SingleFunction([0x41, 0x01, 0x04, 0x7F, 0x41, 0x02, 0x0B, 0x1A, 0x0B])).Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Validate_IfElseWithMatchingBranches_Passes()
    {
        // local.get 0, if (result i32) i32.const 1 else i32.const 2 end, end
        var binary = SingleFunction([0x20, 0x00, 0x04, 0x7F, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0B, 0x0B], [I32], [I32]);

        FluentActions.Invoking(() => Validate(binary)).Should().NotThrow();
    }

    [Fact]
    public void Validate_ElseWithoutIf_IsMalformed()
    {
        var binary = SingleFunction([0x02, 0x40, 0x05, 0x0B, 0x0B]);

        var error = Malformed(binary);

        error.Reason.Should().Be("END opcode expected");
        error.Offset.Should().Be(CodeStart(binary) + 2);
    }

    [Fact]
    public void Validate_BytesAfterTheFinalEnd_ReportSectionSizeMismatch()
    {
        Malformed(SingleFunction([0x0B, 0x01])).Reason.Should().Be("section size mismatch");
    }

    [Fact]
    public void Validate_BodyWithoutFinalEnd_IsMalformed()
    {
        Malformed(SingleFunction([0x01])).Reason.Should().StartWith("unexpected end");
    }

    [Fact]
    public void Validate_BranchTableWithConsistentTargets_Passes()
    {
        // block (result i32) block (result i32) i32.const 7, local.get 0, br_table 0 1 0, end, end
        var code = new byte[] { 0x02, 0x7F, 0x02, 0x7F, 0x41, 0x07, 0x20, 0x00, 0x0E, 0x02, 0x00, 0x01, 0x00, 0x0B, 0x0B, 0x0B };

        FluentActions.Invoking(() => Validate(SingleFunction(code, [I32], [I32]))).Should().NotThrow();
    }

    [Fact]
    public void Validate_BranchTableTargetsOfDifferentArity_ReportTypeMismatch()
    {
        // block (result i32) block: i32.const 7, local.get 0, br_table 0 1, end, ..., end
        var code = new byte[] { 0x02, 0x7F, 0x02, 0x40, 0x41, 0x07, 0x20, 0x00, 0x0E, 0x01, 0x00, 0x01, 0x0B, 0x41, 0x00, 0x0B, 0x0B };

        Invalid(SingleFunction(code, [I32], [I32])).Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Validate_BranchBeyondTheOutermostBlock_ReportsUnknownLabel()
    {
        Invalid(SingleFunction([0x0C, 0x01, 0x0B])).Reason.Should().Be("unknown label 1");
    }

    [Fact]
    public void Validate_HugeBranchTableCount_FailsFastAsMalformed()
    {
        Malformed(SingleFunction(Concat([0x41, 0x00, 0x0E], Leb(uint.MaxValue), [0x00, 0x0B]))).Reason.Should().Be("length out of bounds");
    }

    [Fact]
    public void Validate_SelectOfNumbers_Passes()
    {
        // i32.const 1, i32.const 2, local.get 0, select, end
        FluentActions.Invoking(() => Validate(SingleFunction([0x41, 0x01, 0x41, 0x02, 0x20, 0x00, 0x1B, 0x0B], [I32], [I32]))).Should().NotThrow();
    }

    [Fact]
    public void Validate_UntypedSelectOfReferences_ReportsTypeMismatch()
    {
        // ref.null func, ref.null func, i32.const 1, select, drop
        Invalid(SingleFunction([0xD0, 0x70, 0xD0, 0x70, 0x41, 0x01, 0x1B, 0x1A, 0x0B])).Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Validate_TypedSelectOfReferences_Passes()
    {
        // ref.null func, ref.null func, i32.const 1, select (result funcref), drop
        FluentActions.Invoking(() => Validate(SingleFunction([0xD0, 0x70, 0xD0, 0x70, 0x41, 0x01, 0x1C, 0x01, 0x70, 0x1A, 0x0B]))).Should().NotThrow();
    }

    [Fact]
    public void Validate_TypedSelectWithTwoTypes_ReportsInvalidResultArity()
    {
        Invalid(SingleFunction([0x41, 0x01, 0x41, 0x01, 0x41, 0x01, 0x1C, 0x02, 0x7F, 0x7F, 0x1A, 0x0B])).Reason.Should().Be("invalid result arity");
    }

    [Fact]
    public void Validate_LocalsIncludeParametersThenDeclaredLocals()
    {
        // local.get 0 (i32 parameter), drop, local.get 1 (f32 local), local.set 1, end
        var binary = SingleFunction([0x20, 0x00, 0x1A, 0x20, 0x01, 0x21, 0x01, 0x0B], [I32], [], F32);

        FluentActions.Invoking(() => Validate(binary)).Should().NotThrow();
        Invalid(SingleFunction([0x20, 0x02, 0x1A, 0x0B], [I32], [], F32)).Reason.Should().Be("unknown local 2");
    }

    [Fact]
    public void Validate_SettingAnImmutableGlobal_ReportsGlobalIsImmutable()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddGlobal(I32, mutable: false, 0x41, 0x00, 0x0B);
        builder.AddFunction(type, [0x41, 0x01, 0x24, 0x00, 0x0B]);

        Invalid(builder.Build()).Reason.Should().Be("global is immutable");
    }

    [Fact]
    public void Validate_UnknownGlobalAndFunction_AreReported()
    {
        Invalid(SingleFunction([0x23, 0x00, 0x1A, 0x0B])).Reason.Should().Be("unknown global 0");
        Invalid(SingleFunction([0x10, 0x05, 0x0B])).Reason.Should().Be("unknown function 5");
    }

    [Fact]
    public void Validate_CallIndirectThroughAnExternrefTable_ReportsTypeMismatch()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddTable(ValueKind.ExternRef, 1);
        builder.AddFunction(type, [0x41, 0x00, 0x11, (byte)type, 0x00, 0x0B]);

        Invalid(builder.Build()).Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Validate_CallIndirectWithUnknownTableOrType_IsReported()
    {
        Invalid(SingleFunction([0x41, 0x00, 0x11, 0x00, 0x00, 0x0B])).Reason.Should().Be("unknown table 0");

        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddTable(ValueKind.FuncRef, 1);
        builder.AddFunction(type, [0x41, 0x00, 0x11, 0x09, 0x00, 0x0B]);
        Invalid(builder.Build()).Reason.Should().Be("unknown type 9");
    }

    [Fact]
    public void Validate_LoadWithoutMemory_ReportsUnknownMemory()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddFunction(type, [0x41, 0x00, 0x28, 0x02, 0x00, 0x1A, 0x0B]);

        Invalid(builder.Build()).Reason.Should().Be("unknown memory 0");
    }

    [Theory]
    [InlineData(0x28, 3)] // i32.load align=8
    [InlineData(0x2D, 1)] // i32.load8_u align=2
    [InlineData(0x29, 4)] // i64.load align=16
    public void Validate_AlignmentAboveNatural_IsReported(byte load, byte alignment)
    {
        var error = Invalid(SingleFunction([0x41, 0x00, load, alignment, 0x00, 0x1A, 0x0B]));

        error.Reason.Should().Be("alignment must not be larger than natural");
    }

    [Fact]
    public void Validate_AlignmentExponentBeyond63_IsInvalidRatherThanMalformed()
    {
        Invalid(SingleFunction(Concat([0x41, 0x00, 0x28], Leb(100u), [0x00, 0x1A, 0x0B]))).Reason.Should().Be("alignment must not be larger than natural");
    }

    [Fact]
    public void Validate_VectorLaneBeyondTheLaneCount_ReportsInvalidLaneIndex()
    {
        // v128.const 0, i32x4.extract_lane 4, drop
        var extract = Concat([0xFD, 0x0C], new byte[16], [0xFD, 0x1B, 0x04, 0x1A, 0x0B]);
        // v128.const 0, v128.const 0, i8x16.shuffle with a lane of 32, drop
        var shuffle = Concat([0xFD, 0x0C], new byte[16], [0xFD, 0x0C], new byte[16], [0xFD, 0x0D, 32], new byte[15], [0x1A, 0x0B]);

        Invalid(SingleFunction(extract)).Reason.Should().Be("invalid lane index");
        Invalid(SingleFunction(shuffle)).Reason.Should().Be("invalid lane index");
    }

    [Fact]
    public void Validate_VectorInstructions_AreTyped()
    {
        // v128.const, i32.const 3, i8x16.shl, i32x4.all_true, end: [] -> [i32]
        var valid = Concat([0xFD, 0x0C], new byte[16], [0x41, 0x03, 0xFD, 0x6B, 0xFD, 0xA3, 0x01, 0x0B]);
        // v128.const, i32.const 3, i32x4.add (needs two v128)
        var invalid = Concat([0xFD, 0x0C], new byte[16], [0x41, 0x03, 0xFD, 0xAE, 0x01, 0x1A, 0x0B]);

        FluentActions.Invoking(() => Validate(SingleFunction(valid, results: [I32]))).Should().NotThrow();
        Invalid(SingleFunction(invalid)).Reason.Should().Contain("expected v128, found i32");
    }

    [Fact]
    public void Validate_LaneLoadChecksMemoryAlignmentAndLane()
    {
        // i32.const 0, v128.const 0, v128.load32_lane align=4 offset=0 lane=3, drop
        var code = Concat([0x41, 0x00, 0xFD, 0x0C], new byte[16], [0xFD, 0x56, 0x02, 0x00, 0x03, 0x1A, 0x0B]);
        var badLane = Concat([0x41, 0x00, 0xFD, 0x0C], new byte[16], [0xFD, 0x56, 0x02, 0x00, 0x04, 0x1A, 0x0B]);

        FluentActions.Invoking(() => Validate(SingleFunction(code))).Should().NotThrow();
        Invalid(SingleFunction(badLane)).Reason.Should().Be("invalid lane index");
    }

    [Fact]
    public void Validate_TableCopyBetweenDifferentReferenceTypes_ReportsTypeMismatch()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddTable(ValueKind.FuncRef, 1).AddTable(ValueKind.ExternRef, 1);
        builder.AddFunction(type, [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0E, 0x00, 0x01, 0x0B]);

        Invalid(builder.Build()).Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Validate_TableAndElementInstructions_CheckTheirIndices()
    {
        Invalid(SingleFunction([0x41, 0x00, 0x25, 0x00, 0x1A, 0x0B])).Reason.Should().Be("unknown table 0");
        Invalid(SingleFunction([0xFC, 0x0D, 0x00, 0x0B])).Reason.Should().Be("unknown elem segment 0");
    }

    [Fact]
    public void Validate_TableGrowAndFill_UseTheTableElementType()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddTable(ValueKind.ExternRef, 1);
        // ref.null extern, i32.const 1, table.grow 0, drop, i32.const 0, ref.null extern, i32.const 1, table.fill 0
        builder.AddFunction(type, [0xD0, 0x6F, 0x41, 0x01, 0xFC, 0x0F, 0x00, 0x1A, 0x41, 0x00, 0xD0, 0x6F, 0x41, 0x01, 0xFC, 0x11, 0x00, 0x0B]);
        var wrong = new WasmBinaryBuilder();
        var wrongType = wrong.AddType([], []);
        wrong.AddTable(ValueKind.ExternRef, 1);
        wrong.AddFunction(wrongType, [0xD0, 0x70, 0x41, 0x01, 0xFC, 0x0F, 0x00, 0x1A, 0x0B]);

        FluentActions.Invoking(() => Validate(builder.Build())).Should().NotThrow();
        Invalid(wrong.Build()).Reason.Should().Contain("expected externref, found funcref");
    }

    [Fact]
    public void Validate_MemoryInitWithoutDataCountSection_IsMalformed()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddMemory(1);
        builder.AddFunction(type, [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0x0B]);
        builder.AddData(0x01, 0x00);

        Malformed(builder.Build()).Reason.Should().Be("data count section required");
    }

    [Fact]
    public void Validate_MemoryInitWithDataCountSection_Passes()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddMemory(1);
        builder.AddFunction(type, [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0xFC, 0x09, 0x00, 0x0B]);
        builder.AddData(0x01, 0x00).DataCount(1);

        FluentActions.Invoking(() => Validate(builder.Build())).Should().NotThrow();
    }

    [Fact]
    public void Validate_DataDropOfAMissingSegment_ReportsUnknownDataSegment()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddFunction(type, [0xFC, 0x09, 0x00, 0x0B]);

        // No data section: the index error wins over the missing data count section.
        Invalid(builder.Build()).Reason.Should().Be("unknown data segment 0");
    }

    [Fact]
    public void Validate_RefIsNullOfANumber_ReportsTypeMismatch()
    {
        Invalid(SingleFunction([0x41, 0x00, 0xD1, 0x1A, 0x0B])).Reason.Should().StartWith("type mismatch");
    }

    [Fact]
    public void Validate_MalformedBodyAfterAnInvalidOne_IsReportedAsMalformed()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddFunction(type, [0x41, 0x00, 0x0B]); // invalid: leaves an i32
        builder.AddFunction(type, [0x06, 0x0B]);       // malformed: 0x06 is no opcode

        var error = Malformed(builder.Build());

        error.Reason.Should().Be("illegal opcode");
    }

    [Fact]
    public void Validate_DeeplyNestedBlocks_DoNotRecurse()
    {
        const int depth = 100_000;
        var code = new byte[depth * 3 + 1];
        for (var i = 0; i < depth; i++)
        {
            code[i * 2] = 0x02;
            code[i * 2 + 1] = 0x40;
            code[depth * 2 + i] = 0x0B;
        }

        code[^1] = 0x0B;

        FluentActions.Invoking(() => Validate(SingleFunction(code))).Should().NotThrow();
    }
}
