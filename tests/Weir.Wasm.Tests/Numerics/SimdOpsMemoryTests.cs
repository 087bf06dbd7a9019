using System.Runtime.Intrinsics;
using Weir.Wasm.Numerics;

namespace Weir.Wasm.Tests.Numerics;

public sealed unsafe class SimdOpsMemoryTests
{
    // Odd offsets throughout: Wasm accesses are unaligned.
    private readonly byte[] _memory = Enumerable.Range(0, 64).Select(value => (byte)(value * 17)).ToArray();

    [Fact]
    public void V128LoadAndStore_UnalignedAddress_RoundTripInMemoryOrder()
    {
        fixed (byte* memory = _memory)
        {
            var loaded = SimdOps.V128Load(memory + 3);
            loaded.Should().Be(Vector128.Create(_memory.AsSpan(3, 16)));
            SimdOps.V128Store(memory + 33, loaded);
        }

        _memory.AsSpan(33, 16).ToArray().Should().Equal(_memory.AsSpan(3, 16).ToArray());
    }

    [Fact]
    public void ExtendingLoads_HighBitBytes_SignOrZeroExtend()
    {
        _memory.AsSpan(1, 8).Fill(0xF0);
        fixed (byte* memory = _memory)
        {
            SimdOps.V128Load8x8S(memory + 1).Should().Be(SimdOps.I16x8Splat(-16));
            SimdOps.V128Load8x8U(memory + 1).Should().Be(SimdOps.I16x8Splat(0xF0));
            SimdOps.V128Load16x4S(memory + 1).Should().Be(SimdOps.I32x4Splat(unchecked((short)0xF0F0)));
            SimdOps.V128Load16x4U(memory + 1).Should().Be(SimdOps.I32x4Splat(0xF0F0));
            SimdOps.V128Load32x2S(memory + 1).Should().Be(SimdOps.I64x2Splat(unchecked((int)0xF0F0_F0F0)));
            SimdOps.V128Load32x2U(memory + 1).Should().Be(SimdOps.I64x2Splat(0xF0F0_F0F0));
        }
    }

    [Fact]
    public void SplatAndZeroLoads_UnalignedAddress_ReadLittleEndian()
    {
        byte[] bytes = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];
        bytes.CopyTo(_memory, 5);
        fixed (byte* memory = _memory)
        {
            SimdOps.V128Load8Splat(memory + 5).Should().Be(SimdOps.I8x16Splat(1));
            SimdOps.V128Load16Splat(memory + 5).Should().Be(SimdOps.I16x8Splat(0x0201));
            SimdOps.V128Load32Splat(memory + 5).Should().Be(SimdOps.I32x4Splat(0x0403_0201));
            SimdOps.V128Load64Splat(memory + 5).Should().Be(SimdOps.I64x2Splat(0x0807_0605_0403_0201));
            SimdOps.V128Load32Zero(memory + 5).AsInt32().Should().Be(Vector128.Create(0x0403_0201, 0, 0, 0));
            SimdOps.V128Load64Zero(memory + 5).AsInt64().Should().Be(Vector128.Create(0x0807_0605_0403_0201L, 0L));
        }
    }

    [Fact]
    public void LaneLoadsAndStores_OneLane_TouchOnlyThatLaneAndItsBytes()
    {
        var value = SimdOps.I32x4Splat(-1);
        byte[] bytes = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];
        bytes.CopyTo(_memory, 7);
        fixed (byte* memory = _memory)
        {
            SimdOps.V128Load8Lane(memory + 7, value, 15).GetElement(15).Should().Be(0x11);
            SimdOps.V128Load16Lane(memory + 7, value, 3).AsUInt16().Should().Be(Vector128.Create((ushort)0xFFFF, 0xFFFF, 0xFFFF, 0x2211, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF));
            SimdOps.V128Load32Lane(memory + 7, value, 0).AsUInt32().Should().Be(Vector128.Create(0x4433_2211u, uint.MaxValue, uint.MaxValue, uint.MaxValue));
            SimdOps.V128Load64Lane(memory + 7, value, 1).AsUInt64().Should().Be(Vector128.Create(ulong.MaxValue, 0x8877_6655_4433_2211UL));

            var source = Vector128.Create(0x0102_0304_0506_0708L, unchecked((long)0xA1A2_A3A4_A5A6_A7A8UL)).AsByte();
            SimdOps.V128Store8Lane(memory + 41, source, 8);
            SimdOps.V128Store16Lane(memory + 43, source, 7);
            SimdOps.V128Store32Lane(memory + 45, source, 1);
            SimdOps.V128Store64Lane(memory + 49, source, 1);
        }

        _memory[40].Should().Be(unchecked((byte)(40 * 17)));
        _memory[41].Should().Be(0xA8);
        _memory.AsSpan(43, 2).ToArray().Should().Equal(0xA2, 0xA1);
        _memory.AsSpan(45, 4).ToArray().Should().Equal(0x04, 0x03, 0x02, 0x01);
        _memory.AsSpan(49, 8).ToArray().Should().Equal(0xA8, 0xA7, 0xA6, 0xA5, 0xA4, 0xA3, 0xA2, 0xA1);
        _memory[57].Should().Be(unchecked((byte)(57 * 17)));
    }
}
