using System.Reflection.Emit;
using Weir.Wasm.Numerics;

namespace Weir.Wasm.Tests.Numerics;

public sealed class FloatConstantsTests
{
    [Theory]
    [InlineData(0x7F80_0001, true)]
    [InlineData(0x7FA0_0000, true)]
    [InlineData(unchecked((int)0xFFBF_FFFF), true)]
    [InlineData(0x7FC0_0000, false)]
    [InlineData(0x7FE0_0001, false)]
    [InlineData(0x7F80_0000, false)]
    [InlineData(0x3F80_0000, false)]
    public void IsSignallingNaN_BitPatterns_RecognisesQuietBitClearNaNs(int bits, bool expected) =>
        FloatConstants.IsSignallingNaN(bits).Should().Be(expected);

    [Fact]
    public void SingleFromBits_EmittedAsConstantInDynamicMethod_KeepsSignallingNaNBits()
    {
        // The way compiled Wasm loads the constant: a fully optimised dynamic method with the bits
        // as an IL constant, negated by the helper and read back.
        var method = new DynamicMethod("f32_const_snan", typeof(int), Type.EmptyTypes, typeof(FloatConstantsTests).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldc_I4, 0x7FA0_0001);
        il.Emit(OpCodes.Call, typeof(FloatConstants).GetMethod(nameof(FloatConstants.SingleFromBits))!);
        il.Emit(OpCodes.Call, typeof(ScalarOps).GetMethod(nameof(ScalarOps.F32Neg))!);
        il.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(nameof(BitConverter.SingleToInt32Bits))!);
        il.Emit(OpCodes.Ret);

        method.CreateDelegate<Func<int>>()().Should().Be(unchecked((int)0xFFA0_0001));
    }
}
