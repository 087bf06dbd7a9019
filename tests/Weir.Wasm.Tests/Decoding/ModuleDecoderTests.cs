using Weir.Wasm.Decoding;
using Weir.Wasm.Model;
using static Weir.Wasm.Tests.Decoding.WasmBinaryBuilder;

namespace Weir.Wasm.Tests.Decoding;

public sealed class ModuleDecoderTests
{
    private static WasmMalformedException Malformed(byte[] binary) =>
        FluentActions.Invoking(() => ModuleDecoder.Decode(binary)).Should().Throw<WasmMalformedException>().Which;

    [Fact]
    public void Decode_HeaderOnly_GivesAnEmptyModule()
    {
        var module = ModuleDecoder.Decode(Header);

        module.Types.Should().BeEmpty();
        module.Imports.Should().BeEmpty();
        module.Bodies.Should().BeEmpty();
        module.StartFunction.Should().BeNull();
        module.DataCount.Should().BeNull();
        module.Names.Should().Be(NameSection.Empty);
    }

    [Theory]
    [InlineData(new byte[0], 0)]
    [InlineData(new byte[] { 0x00, 0x61, 0x73 }, 0)]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00 }, 4)]
    public void Decode_TruncatedHeader_ReportsUnexpectedEnd(byte[] binary, int offset)
    {
        var error = Malformed(binary);

        error.Reason.Should().Be("unexpected end of section or function");
        error.Offset.Should().Be(offset);
    }

    [Fact]
    public void Decode_WrongMagic_ReportsMagicHeaderNotDetected()
    {
        var error = Malformed([0x00, 0x41, 0x53, 0x4D, 0x01, 0x00, 0x00, 0x00]);

        error.Reason.Should().Be("magic header not detected");
        error.Offset.Should().Be(0);
    }

    [Fact]
    public void Decode_VersionTwo_ReportsUnknownBinaryVersion()
    {
        var error = Malformed([0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00]);

        error.Reason.Should().Be("unknown binary version");
        error.Offset.Should().Be(4);
    }

    [Theory]
    [InlineData(0x0D)]
    [InlineData(0x7F)]
    [InlineData(0x80)]
    public void Decode_UnknownSectionId_ReportsMalformedSectionId(byte id)
    {
        var error = Malformed(Module([id, 0x00]));

        error.Reason.Should().Be("malformed section id");
        error.Offset.Should().Be(8);
    }

    [Fact]
    public void Decode_DuplicateSection_ReportsUnexpectedContentAfterLastSection()
    {
        var error = Malformed(Module(Section(6, [0x00]), Section(6, [0x00])));

        error.Reason.Should().Be("unexpected content after last section");
        error.Offset.Should().Be(11);
    }

    [Fact]
    public void Decode_SectionsOutOfOrder_ReportsUnexpectedContentAfterLastSection()
    {
        // Memory (5) after global (6).
        var error = Malformed(Module(Section(6, [0x00]), Section(5, [0x00])));

        error.Reason.Should().Be("unexpected content after last section");
    }

    [Fact]
    public void Decode_DataCountBetweenElementAndCode_IsAccepted()
    {
        var binary = Module(Section(9, [0x00]), Section(12, [0x00]), Section(10, [0x00]), Section(11, [0x00]));

        ModuleDecoder.Decode(binary).DataCount.Should().Be(0);
    }

    [Fact]
    public void Decode_DataCountAfterCode_ReportsUnexpectedContentAfterLastSection()
    {
        var error = Malformed(Module(Section(10, [0x00]), Section(12, [0x00])));

        error.Reason.Should().Be("unexpected content after last section");
    }

    [Fact]
    public void Decode_CustomSectionsAnywhere_AreKeptInOrderWithTheirContent()
    {
        var binary = Module(
            Section(0, Name("first"), [1, 2, 3]),
            Section(1, [0x00]),
            Section(0, Name("second"), []));

        var module = ModuleDecoder.Decode(binary);

        module.CustomSections.Select(c => c.Name).Should().Equal("first", "second");
        module.CustomSections[0].Content.ToArray().Should().Equal(1, 2, 3);
        module.CustomSections[0].Offset.Should().Be(8);
        module.CustomSections[1].Content.Length.Should().Be(0);
    }

    [Fact]
    public void Decode_CustomSectionNameLongerThanTheSection_ReportsUnexpectedEnd()
    {
        // The section claims one byte, but its name needs three.
        var error = Malformed(Module([0x00, 0x01, 0x02, (byte)'a', (byte)'b']));

        error.Reason.Should().StartWith("unexpected end");
    }

    [Fact]
    public void Decode_SectionLongerThanItsContent_ReportsSectionSizeMismatch()
    {
        // A global section of 7 bytes holding one 5-byte global.
        var error = Malformed(Module([0x06, 0x07, 0x01, 0x7F, 0x00, 0x41, 0x00, 0x0B, 0x00, 0x00]));

        error.Reason.Should().Be("section size mismatch");
        error.Offset.Should().Be(10);
    }

    [Fact]
    public void Decode_SectionSizeBeyondTheBinary_ReportsLengthOutOfBounds()
    {
        var error = Malformed(Module([0x01, 0x20, 0x00]));

        error.Reason.Should().Be("length out of bounds");
        error.Offset.Should().Be(9);
    }

    [Fact]
    public void Decode_HugeVectorCount_FailsFastWithLengthOutOfBounds()
    {
        // 0xFFFFFFFF types in a 6-byte section: nothing may be allocated for them.
        var error = Malformed(Module(Section(1, Leb(uint.MaxValue))));

        error.Reason.Should().Be("length out of bounds");
        error.Offset.Should().Be(10);
    }

    [Fact]
    public void Decode_VectorCountLargerThanGiven_ReportsUnexpectedEnd()
    {
        // Two memories announced, one given, at the end of the binary.
        var error = Malformed(Module([0x05, 0x03, 0x02, 0x00, 0x01]));

        error.Reason.Should().Be("unexpected end of section or function");
        error.Offset.Should().Be(13);
    }

    [Fact]
    public void Decode_OverlongLeb128_ReportsIntegerRepresentationTooLong()
    {
        // Memory minimum 2 in six bytes.
        var error = Malformed(Module([0x05, 0x08, 0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x80, 0x00]));

        error.Reason.Should().Be("integer representation too long");
    }

    [Fact]
    public void Decode_Leb128WithBitsBeyond32_ReportsIntegerTooLarge()
    {
        var error = Malformed(Module([0x05, 0x07, 0x01, 0x00, 0x82, 0x80, 0x80, 0x80, 0x70]));

        error.Reason.Should().Be("integer too large");
        error.Offset.Should().Be(16);
    }

    [Fact]
    public void Decode_FunctionsWithoutCode_ReportsInconsistentLengths()
    {
        var error = Malformed(Module(Section(1, [0x01, 0x60, 0x00, 0x00]), Section(3, [0x01, 0x00])));

        error.Reason.Should().Be("function and code section have inconsistent lengths");
    }

    [Fact]
    public void Decode_DataCountDifferentFromDataSegments_ReportsInconsistentLengths()
    {
        var error = Malformed(Module(Section(12, [0x02]), Section(11, [0x01, 0x01, 0x00])));

        error.Reason.Should().Be("data count and data section have inconsistent lengths");
    }

    [Fact]
    public void Decode_InvalidUtf8InAName_ReportsMalformedUtf8Encoding()
    {
        // An import whose module name is a lone continuation byte.
        var error = Malformed(Module(Section(2, [0x01, 0x01, 0x80, 0x00, 0x02, 0x00, 0x00])));

        error.Reason.Should().Be("malformed UTF-8 encoding");
        error.Offset.Should().Be(11);
    }

    [Fact]
    public void Decode_EncodedSurrogateInAName_ReportsMalformedUtf8Encoding()
    {
        var error = Malformed(Module(Section(0, [0x03, 0xED, 0xA0, 0x80])));

        error.Reason.Should().Be("malformed UTF-8 encoding");
    }

    [Theory]
    [InlineData(0x02, "integer too large")]
    [InlineData(0x81, "integer representation too long")]
    public void Decode_BadLimitsFlag_IsMalformed(byte flag, string reason)
    {
        var error = Malformed(Module(Section(5, [0x01, flag, 0x00, 0x00])));

        error.Reason.Should().Be(reason);
    }

    [Fact]
    public void Decode_TableOfI32_ReportsMalformedReferenceType()
    {
        var error = Malformed(Module(Section(4, [0x01, 0x7F, 0x00, 0x00])));

        error.Reason.Should().Be("malformed reference type");
        error.Offset.Should().Be(11);
    }

    [Fact]
    public void Decode_UnknownValueType_ReportsMalformedValueType()
    {
        var error = Malformed(Module(Section(1, [0x01, 0x60, 0x01, 0x7A, 0x00])));

        error.Reason.Should().Be("malformed value type");
    }

    [Fact]
    public void Decode_FunctionTypeFormOtherThan0x60_IsMalformed()
    {
        Malformed(Module(Section(1, [0x01, 0x61, 0x00, 0x00]))).Reason.Should().Be("malformed function type");
        Malformed(Module(Section(1, [0x01, 0xE0, 0x7F, 0x00, 0x00]))).Reason.Should().Be("integer representation too long");
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0xFF)]
    public void Decode_GlobalMutabilityOtherThan0Or1_ReportsMalformedMutability(byte mutability)
    {
        var error = Malformed(Module(Section(6, [0x01, 0x7F, mutability, 0x41, 0x00, 0x0B])));

        error.Reason.Should().Be("malformed mutability");
    }

    [Fact]
    public void Decode_ImportKind4_ReportsMalformedImportKind()
    {
        var error = Malformed(Module(Section(2, [0x01, 0x00, 0x00, 0x04, 0x00])));

        error.Reason.Should().Be("malformed import kind");
        error.Offset.Should().Be(13);
    }

    [Fact]
    public void Decode_ExportKind4_ReportsMalformedExportKind()
    {
        var error = Malformed(Module(Section(7, [0x01, 0x00, 0x04, 0x00])));

        error.Reason.Should().Be("malformed export kind");
    }

    [Fact]
    public void Decode_ImportsOfEveryKind_AreDecoded()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([ValueKind.I32], []);
        builder.ImportFunction("env", "f", type)
            .ImportTable("env", "t", ValueKind.ExternRef, 1, 10)
            .ImportMemory("env", "m", 2)
            .ImportGlobal("env", "g", ValueKind.F64, mutable: true);

        var module = ModuleDecoder.Decode(builder.Build());

        module.Imports.Should().Equal(
            new Import("env", "f", ExternalKind.Function, FunctionTypeIndex: 0),
            new Import("env", "t", ExternalKind.Table, Table: new TableType(ValueKind.ExternRef, new Limits(1, 10))),
            new Import("env", "m", ExternalKind.Memory, Memory: new MemoryType(new Limits(2, null))),
            new Import("env", "g", ExternalKind.Global, Global: new GlobalType(ValueKind.F64, true)));
        module.ImportedFunctionCount.Should().Be(1);
        module.Types[0].Should().Be(new FunctionType([ValueKind.I32], []));
    }

    [Fact]
    public void Decode_ExportsAndStart_AreDecoded()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddFunction(type, [0x0B]);
        builder.AddExport("run", ExternalKind.Function, 0).Start(0);

        var module = ModuleDecoder.Decode(builder.Build());

        module.Exports.Should().Equal(new Export("run", ExternalKind.Function, 0));
        module.StartFunction.Should().Be(0);
    }

    [Fact]
    public void Decode_FunctionBody_RecordsItsLocalsAndWhereItsCodeIs()
    {
        // Code section: one body of 9 bytes: 2 declarations (2 x i64, 1 x f32), then "local.get 0 drop end".
        var binary = Module(
            Section(1, [0x01, 0x60, 0x00, 0x00]),
            Section(3, [0x01, 0x00]),
            Section(10, [0x01, 0x09, 0x02, 0x02, 0x7E, 0x01, 0x7D, 0x20, 0x00, 0x1A, 0x0B]));

        var body = ModuleDecoder.Decode(binary).Bodies.Should().ContainSingle().Subject;

        body.Locals.Should().Equal(ValueKind.I64, ValueKind.I64, ValueKind.F32);
        body.CodeLength.Should().Be(4);
        binary.AsSpan(body.CodeOffset, body.CodeLength).ToArray().Should().Equal(0x20, 0x00, 0x1A, 0x0B);
    }

    [Fact]
    public void Decode_LocalsDeclaredBeyondTheBodySize_ReportsSectionSizeMismatch()
    {
        var binary = Module(
            Section(1, [0x01, 0x60, 0x00, 0x00]),
            Section(3, [0x01, 0x00]),
            Section(10, [0x01, 0x01, 0x01, 0x01, 0x7F]));

        Malformed(binary).Reason.Should().Be("section size mismatch");
    }

    [Fact]
    public void Decode_LocalCountAtTheLimit_IsAccepted()
    {
        var binary = SingleFunction([0x0B], parameters: [ValueKind.I32], locals: []);
        var withLocals = Module(
            Section(1, [0x01, 0x60, 0x01, 0x7F, 0x00]),
            Section(3, [0x01, 0x00]),
            Section(10, Concat([0x01], Leb(1u + 3 + 2), [0x01], Leb((uint)ModuleDecoder.MaximumLocals - 1), [0x7F, 0x0B])));

        ModuleDecoder.Decode(binary).Bodies.Should().ContainSingle();
        ModuleDecoder.Decode(withLocals).Bodies[0].Locals.Length.Should().Be(ModuleDecoder.MaximumLocals - 1);
    }

    [Fact]
    public void Decode_LocalsAndParametersBeyondTheLimit_ReportsTooManyLocals()
    {
        // One parameter plus 50,000 declared locals.
        var binary = Module(
            Section(1, [0x01, 0x60, 0x01, 0x7F, 0x00]),
            Section(3, [0x01, 0x00]),
            Section(10, Concat([0x01], Leb(1u + 3 + 2), [0x01], Leb((uint)ModuleDecoder.MaximumLocals), [0x7F, 0x0B])));

        var error = Malformed(binary);

        error.Reason.Should().Be("too many locals");
    }

    [Fact]
    public void Decode_LocalCountsSummingBeyond32Bits_ReportsTooManyLocalsWithoutAllocating()
    {
        var binary = Module(
            Section(1, [0x01, 0x60, 0x00, 0x00]),
            Section(3, [0x01, 0x00]),
            Section(10, [0x01, 0x0A, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x02, 0x7E, 0x0B]));

        Malformed(binary).Reason.Should().Be("too many locals");
    }

    [Fact]
    public void Decode_ManyFunctionsDeclaringTheSameLargeLocals_StayWithinTheModuleBudget()
    {
        // 1,000 functions x 49,999 locals is far beyond the module's budget of expanded locals,
        // but identical declarations are expanded once.
        const int functions = 1_000;
        var body = Concat([0x01], Leb((uint)ModuleDecoder.MaximumLocals - 1), [0x7F, 0x0B]);
        var binary = Module(
            Section(1, [0x01, 0x60, 0x00, 0x00]),
            Section(3, Vector(Enumerable.Repeat(new byte[] { 0x00 }, functions))),
            Section(10, Vector(Enumerable.Repeat(Concat(Leb((uint)body.Length), body), functions))));

        var module = ModuleDecoder.Decode(binary);

        module.Bodies.Should().HaveCount(functions).And.OnlyContain(b => b.Locals.Length == ModuleDecoder.MaximumLocals - 1);
    }

    [Fact]
    public void Decode_DistinctLargeLocalDeclarationsBeyondTheModuleBudget_ReportTooManyLocals()
    {
        // Each function declares a different number of locals, so nothing can be shared.
        const int functions = 400;
        var bodies = Enumerable.Range(0, functions).Select(i =>
        {
            var body = Concat([0x01], Leb((uint)(ModuleDecoder.MaximumLocals - 1 - i)), [0x7F, 0x0B]);
            return Concat(Leb((uint)body.Length), body);
        });
        var binary = Module(
            Section(1, [0x01, 0x60, 0x00, 0x00]),
            Section(3, Vector(Enumerable.Repeat(new byte[] { 0x00 }, functions))),
            Section(10, Vector(bodies)));

        Malformed(binary).Reason.Should().StartWith("too many locals in the module");
    }

    [Fact]
    public void Decode_MoreTypesThanTheImplementationLimit_IsRejectedBeforeReadingThem()
    {
        // 1,000,001 types announced; the padding only makes the count plausible for the length check.
        var binary = Module(Section(1, Leb(1_000_001u), new byte[1_000_001]));

        Malformed(binary).Reason.Should().Be("too many types: 1000001 exceeds the limit of 1000000");
    }

    [Fact]
    public void Decode_FunctionBodyAboveTheSizeLimit_IsRejected()
    {
        const int size = 7_654_322;
        var binary = Module(
            Section(1, [0x01, 0x60, 0x00, 0x00]),
            Section(3, [0x01, 0x00]),
            Section(10, [0x01], Leb((uint)size), new byte[size]));

        Malformed(binary).Reason.Should().StartWith("function body too large");
    }

    [Fact]
    public void Decode_RepeatedFunctionIndicesInElements_DecodeToTheSameItems()
    {
        var module = ModuleDecoder.Decode(Module(Section(9, [0x01, 0x01, 0x00, 0x03, 0x05, 0x05, 0x06])));

        var items = module.Elements[0].Items;
        items.Select(i => i.Instructions[0].Index).Should().Equal(5u, 5u, 6u);
        items[1].Should().BeSameAs(items[0]);
    }

    [Fact]
    public void Decode_GlobalInitializer_HoldsItsInstructionsWithoutTheFinalEnd()
    {
        var binary = Module(Section(6, [0x01, 0x7E, 0x01, 0x42, 0x7F, 0x0B]));

        var (type, initializer) = ModuleDecoder.Decode(binary).Globals.Should().ContainSingle().Subject;

        type.Should().Be(new GlobalType(ValueKind.I64, true));
        var instruction = initializer.Instructions.Should().ContainSingle().Subject;
        instruction.Opcode.Should().Be(Instructions.Opcode.I64Const);
        instruction.Constant.Should().Be(-1);
        initializer.Offset.Should().Be(13);
    }

    [Fact]
    public void Decode_InitializerWithAnUndefinedOpcode_ReportsIllegalOpcode()
    {
        var error = Malformed(Module(Section(6, [0x01, 0x7F, 0x00, 0xF3, 0x0B])));

        error.Reason.Should().Be("illegal opcode");
        error.Offset.Should().Be(13);
    }

    [Fact]
    public void Decode_InitializerWithoutEnd_ReportsUnexpectedEnd()
    {
        Malformed(Module(Section(6, [0x01, 0x7F, 0x00, 0x41, 0x00]))).Reason.Should().StartWith("unexpected end");
    }

    [Fact]
    public void Decode_ElseOutsideIfInAnInitializer_ReportsEndOpcodeExpected()
    {
        Malformed(Module(Section(6, [0x01, 0x7F, 0x00, 0x02, 0x40, 0x05, 0x0B, 0x0B]))).Reason.Should().Be("END opcode expected");
    }
}
