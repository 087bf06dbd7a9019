using Weir.Wasm.Decoding;
using Weir.Wasm.Instructions;
using Weir.Wasm.Model;
using static Weir.Wasm.Tests.Decoding.WasmBinaryBuilder;

namespace Weir.Wasm.Tests.Decoding;

public sealed class SegmentDecodingTests
{
    private static ElementSegment DecodeElement(params byte[] segment) =>
        ModuleDecoder.Decode(Module(Section(9, [0x01], segment))).Elements.Should().ContainSingle().Subject;

    private static DataSegment DecodeData(params byte[] segment) =>
        ModuleDecoder.Decode(Module(Section(11, [0x01], segment))).Data.Should().ContainSingle().Subject;

    public static TheoryData<byte[], SegmentMode, ValueKind, uint, bool, Opcode> ElementForms => new()
    {
        // flags, then: [table], [offset], [element kind or reference type], items
        { [0x00, 0x41, 0x05, 0x0B, 0x01, 0x03], SegmentMode.Active, ValueKind.FuncRef, 0, true, Opcode.RefFunc },
        { [0x01, 0x00, 0x01, 0x03], SegmentMode.Passive, ValueKind.FuncRef, 0, false, Opcode.RefFunc },
        { [0x02, 0x01, 0x41, 0x05, 0x0B, 0x00, 0x01, 0x03], SegmentMode.Active, ValueKind.FuncRef, 1, true, Opcode.RefFunc },
        { [0x03, 0x00, 0x01, 0x03], SegmentMode.Declarative, ValueKind.FuncRef, 0, false, Opcode.RefFunc },
        { [0x04, 0x41, 0x05, 0x0B, 0x01, 0xD2, 0x03, 0x0B], SegmentMode.Active, ValueKind.FuncRef, 0, true, Opcode.RefFunc },
        { [0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B], SegmentMode.Passive, ValueKind.ExternRef, 0, false, Opcode.RefNull },
        { [0x06, 0x02, 0x41, 0x05, 0x0B, 0x70, 0x01, 0xD0, 0x70, 0x0B], SegmentMode.Active, ValueKind.FuncRef, 2, true, Opcode.RefNull },
        { [0x07, 0x70, 0x01, 0xD2, 0x03, 0x0B], SegmentMode.Declarative, ValueKind.FuncRef, 0, false, Opcode.RefFunc },
    };

    [Theory]
    [MemberData(nameof(ElementForms))]
    public void Decode_EachElementSegmentForm_GivesItsModeTableOffsetAndItems(byte[] segment, SegmentMode mode, ValueKind kind, uint table, bool hasOffset, Opcode item)
    {
        var decoded = DecodeElement(segment);

        decoded.Mode.Should().Be(mode);
        decoded.ElementKind.Should().Be(kind);
        decoded.TableIndex.Should().Be(table);
        if (hasOffset)
        {
            decoded.TableOffset!.Instructions.Should().ContainSingle().Which.Constant.Should().Be(5);
        }
        else
        {
            decoded.TableOffset.Should().BeNull();
        }

        var instruction = decoded.Items.Should().ContainSingle().Which.Instructions.Should().ContainSingle().Subject;
        instruction.Opcode.Should().Be(item);
        if (item == Opcode.RefFunc)
        {
            instruction.Index.Should().Be(3);
        }
    }

    [Fact]
    public void Decode_ElementSegmentFlags8_ReportsMalformedElementsSegmentKind()
    {
        var error = FluentActions.Invoking(() => DecodeElement(0x08, 0x00)).Should().Throw<WasmMalformedException>().Which;

        error.Reason.Should().Be("malformed elements segment kind");
        error.Offset.Should().Be(11);
    }

    [Fact]
    public void Decode_ElementKindOtherThanFunctions_ReportsMalformedElementKind()
    {
        FluentActions.Invoking(() => DecodeElement(0x01, 0x01, 0x00)).Should().Throw<WasmMalformedException>()
            .Which.Reason.Should().Be("malformed element kind");
    }

    [Fact]
    public void Decode_ExpressionElementsOfI32_ReportsMalformedReferenceType()
    {
        FluentActions.Invoking(() => DecodeElement(0x05, 0x7F, 0x00)).Should().Throw<WasmMalformedException>()
            .Which.Reason.Should().Be("malformed reference type");
    }

    [Fact]
    public void Decode_ActiveDataSegment_GivesItsOffsetAndBytes()
    {
        var segment = DecodeData(0x00, 0x41, 0x10, 0x0B, 0x03, 0x61, 0x62, 0x63);

        segment.Mode.Should().Be(SegmentMode.Active);
        segment.MemoryIndex.Should().Be(0);
        segment.MemoryOffset!.Instructions.Should().ContainSingle().Which.Constant.Should().Be(0x10);
        segment.Data.ToArray().Should().Equal("abc"u8.ToArray());
    }

    [Fact]
    public void Decode_PassiveDataSegment_HasNoOffset()
    {
        var segment = DecodeData(0x01, 0x02, 0x61, 0x62);

        segment.Mode.Should().Be(SegmentMode.Passive);
        segment.MemoryOffset.Should().BeNull();
        segment.Data.Length.Should().Be(2);
    }

    [Fact]
    public void Decode_DataSegmentWithExplicitMemory_GivesTheMemoryIndex()
    {
        var segment = DecodeData(0x02, 0x01, 0x41, 0x00, 0x0B, 0x00);

        segment.Mode.Should().Be(SegmentMode.Active);
        segment.MemoryIndex.Should().Be(1);
    }

    [Fact]
    public void Decode_DataSegmentFlags3_ReportsMalformedDataSegmentKind()
    {
        FluentActions.Invoking(() => DecodeData(0x03, 0x00)).Should().Throw<WasmMalformedException>()
            .Which.Reason.Should().Be("malformed data segment kind");
    }

    [Fact]
    public void Decode_DataLongerThanTheBinary_IsMalformed()
    {
        FluentActions.Invoking(() => DecodeData(0x01, 0x05, 0x61)).Should().Throw<WasmMalformedException>()
            .Which.Reason.Should().Be("length out of bounds");
    }
}
