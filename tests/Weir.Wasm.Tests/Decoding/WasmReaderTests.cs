using Weir.Wasm.Decoding;

namespace Weir.Wasm.Tests.Decoding;

public sealed class WasmReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0u)]
    [InlineData(new byte[] { 0x7F }, 127u)]
    [InlineData(new byte[] { 0x80, 0x01 }, 128u)]
    [InlineData(new byte[] { 0x82, 0x80, 0x80, 0x80, 0x00 }, 2u)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, uint.MaxValue)]
    public void ReadVarUInt32_ValidEncodings_GiveTheValue(byte[] bytes, uint expected)
    {
        var reader = new WasmReader(bytes);

        reader.ReadVarUInt32().Should().Be(expected);
        reader.AtEnd.Should().BeTrue();
    }

    [Theory]
    [InlineData(new byte[] { 0x7F }, -1)]
    [InlineData(new byte[] { 0x40 }, -64)]
    [InlineData(new byte[] { 0xC0, 0x00 }, 64)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x78 }, int.MinValue)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, int.MaxValue)]
    public void ReadVarInt32_ValidEncodings_GiveTheValue(byte[] bytes, int expected)
    {
        var reader = new WasmReader(bytes);

        reader.ReadVarInt32().Should().Be(expected);
    }

    [Fact]
    public void ReadVarInt64_TenByteExtremes_GiveTheValue()
    {
        new WasmReader([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F]).ReadVarInt64().Should().Be(long.MinValue);
        new WasmReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]).ReadVarInt64().Should().Be(long.MaxValue);
    }

    [Fact]
    public void ReadVarInt33_FiveBytes_CoverTheUnsigned32BitRange()
    {
        new WasmReader([0xFF, 0xFF, 0xFF, 0xFF, 0x0F]).ReadVarInt33().Should().Be(uint.MaxValue);
        new WasmReader([0x80, 0x80, 0x80, 0x80, 0x70]).ReadVarInt33().Should().Be(-(1L << 32));
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, "integer representation too long")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x10 }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0xF0, 0x00 }, "integer too large")]
    [InlineData(new byte[] { 0x80, 0x80 }, "unexpected end of section or function")]
    public void ReadVarUInt32_BadEncodings_AreMalformed(byte[] bytes, string reason)
    {
        var act = () =>
        {
            var reader = new WasmReader(bytes);
            reader.ReadVarUInt32();
        };

        act.Should().Throw<WasmMalformedException>().Which.Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x70 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x4F })]
    public void ReadVarInt32_UnusedBitsNotRepeatingTheSign_ReportIntegerTooLarge(byte[] bytes)
    {
        var act = () =>
        {
            var reader = new WasmReader(bytes);
            reader.ReadVarInt32();
        };

        act.Should().Throw<WasmMalformedException>().Which.Reason.Should().Be("integer too large");
    }

    [Fact]
    public void ReadLength_CountBeyondTheRemainingBytes_ReportsLengthOutOfBounds()
    {
        var act = () =>
        {
            var reader = new WasmReader([0x10, 0x00, 0x00]);
            reader.ReadLength();
        };

        act.Should().Throw<WasmMalformedException>().Which.Should().Match<WasmMalformedException>(e => e.Reason == "length out of bounds" && e.Offset == 0);
    }
}
