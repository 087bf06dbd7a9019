using Weir.Wasi.Abi;
using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Wasi.Tests.Abi;

public sealed class GuestMemoryTests
{
    private readonly Memory _memory = new(new Store(new Engine()), new MemoryType(new Limits(1, 1)));

    [Theory]
    [InlineData(65536u, 1u)]
    [InlineData(65535u, 2u)]
    [InlineData(0xFFFFFFF0u, 0x20u)]
    public void Slice_OutsideTheMemory_IsFaultNotATrap(uint address, uint length)
    {
        var slice = () => new GuestMemory(_memory).Slice(address, length).Length;

        slice.Should().Throw<WasiErrorException>().Which.Errno.Should().Be(Errno.Fault);
    }

    [Fact]
    public void Slice_AtTheVeryEnd_Works()
    {
        new GuestMemory(_memory).Slice(65532, 4).Length.Should().Be(4);
    }

    [Fact]
    public void Slice_WithoutAMemory_IsFault()
    {
        var slice = () => new GuestMemory(null).Slice(0, 0).Length;

        slice.Should().Throw<WasiErrorException>().Which.Errno.Should().Be(Errno.Fault);
    }

    [Fact]
    public void ReadString_WithNulOrInvalidUtf8_IsInvalOrIlseq()
    {
        "a\0b"u8.CopyTo(_memory.Span);
        new byte[] { 0xFF, 0xFE }.CopyTo(_memory.Span[10..]);
        "päth"u8.CopyTo(_memory.Span[20..]);

        var withNul = () => new GuestMemory(_memory).ReadString(0, 3);
        var invalid = () => new GuestMemory(_memory).ReadString(10, 2);

        withNul.Should().Throw<WasiErrorException>().Which.Errno.Should().Be(Errno.InvalidArgument);
        invalid.Should().Throw<WasiErrorException>().Which.Errno.Should().Be(Errno.IllegalByteSequence);
        new GuestMemory(_memory).ReadString(20, 5).Should().Be("päth");
    }

    [Fact]
    public void Values_AreLittleEndianAtAnyAlignment()
    {
        var memory = new GuestMemory(_memory);

        memory.WriteUInt64(3, 0x0102030405060708);
        memory.WriteUInt16(13, 0xBEEF);

        _memory.Span[3].Should().Be(0x08);
        _memory.Span[10].Should().Be(0x01);
        memory.ReadUInt32(3).Should().Be(0x05060708);
        memory.ReadUInt16(13).Should().Be(0xBEEF);
    }
}
