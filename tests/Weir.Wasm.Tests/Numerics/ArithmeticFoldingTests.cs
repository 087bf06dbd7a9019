using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Intrinsics;
using Weir.Wasm.Numerics;

namespace Weir.Wasm.Tests.Numerics;

/// <summary>
/// Compiled Wasm inlines the helpers into fully optimised dynamic methods, where an operand is
/// often an IL constant. RyuJIT would rewrite x - 0, x + -0, x * 1 and x / 1 to x, returning a
/// signalling NaN unquieted; these tests compile that exact shape and check Wasm's arithmetic NaN.
/// </summary>
public sealed class ArithmeticFoldingTests
{
    private const int SignallingSingleNaN = 0x7FA0_0000;
    private const long SignallingDoubleNaN = 0x7FF4_0000_0000_0000;

    public static TheoryData<string, double, bool> Cases()
    {
        var data = new TheoryData<string, double, bool>();
        foreach (var operation in new[] { "Add", "Sub", "Mul", "Div" })
        {
            foreach (var constant in new[] { 0.0, -0.0, 1.0, -1.0 })
            {
                data.Add(operation, constant, false);
                data.Add(operation, constant, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void F32Arithmetic_ConstantOperandAndSignallingNaN_ReturnsQuietNaN(string operation, double constant, bool constantOnLeft)
    {
        var compiled = CompileScalar<int, float>(typeof(ScalarOps).GetMethod("F32" + operation)!, OpCodes.Ldc_R4, (float)constant, constantOnLeft);
        var result = compiled(SignallingSingleNaN);
        (result & 0x7FC0_0000).Should().Be(0x7FC0_0000, $"0x{result:X8} must be an arithmetic NaN");
        compiled(BitConverter.SingleToInt32Bits(2.5f)).Should().Be(BitConverter.SingleToInt32Bits(Reference((float)constant, 2.5f, operation, constantOnLeft)));
        compiled(BitConverter.SingleToInt32Bits(-0f)).Should().Be(BitConverter.SingleToInt32Bits(Reference((float)constant, -0f, operation, constantOnLeft)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void F64Arithmetic_ConstantOperandAndSignallingNaN_ReturnsQuietNaN(string operation, double constant, bool constantOnLeft)
    {
        var compiled = CompileScalar<long, double>(typeof(ScalarOps).GetMethod("F64" + operation)!, OpCodes.Ldc_R8, constant, constantOnLeft);
        var result = compiled(SignallingDoubleNaN);
        (result & 0x7FF8_0000_0000_0000).Should().Be(0x7FF8_0000_0000_0000, $"0x{result:X16} must be an arithmetic NaN");
        compiled(BitConverter.DoubleToInt64Bits(2.5)).Should().Be(BitConverter.DoubleToInt64Bits(Reference(constant, 2.5, operation, constantOnLeft)));
        compiled(BitConverter.DoubleToInt64Bits(-0.0)).Should().Be(BitConverter.DoubleToInt64Bits(Reference(constant, -0.0, operation, constantOnLeft)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void F32x4Arithmetic_ConstantOperandAndSignallingNaN_ReturnsQuietNaN(string operation, double constant, bool constantOnLeft)
    {
        var compiled = CompileVector(typeof(SimdOps).GetMethod("F32x4" + operation)!, nameof(SimdOps.F32x4Splat), OpCodes.Ldc_R4, (float)constant, constantOnLeft);
        var lanes = compiled(Vector128.Create(SignallingSingleNaN, BitConverter.SingleToInt32Bits(2.5f), BitConverter.SingleToInt32Bits(-0f), 0x7FC0_0000).AsByte()).AsInt32();
        (lanes.GetElement(0) & 0x7FC0_0000).Should().Be(0x7FC0_0000, $"0x{lanes.GetElement(0):X8} must be an arithmetic NaN");
        lanes.GetElement(1).Should().Be(BitConverter.SingleToInt32Bits(Reference((float)constant, 2.5f, operation, constantOnLeft)));
        lanes.GetElement(2).Should().Be(BitConverter.SingleToInt32Bits(Reference((float)constant, -0f, operation, constantOnLeft)));
        (lanes.GetElement(3) & 0x7FFF_FFFF).Should().Be(0x7FC0_0000, "a canonical NaN operand gives a canonical NaN");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void F64x2Arithmetic_ConstantOperandAndSignallingNaN_ReturnsQuietNaN(string operation, double constant, bool constantOnLeft)
    {
        var compiled = CompileVector(typeof(SimdOps).GetMethod("F64x2" + operation)!, nameof(SimdOps.F64x2Splat), OpCodes.Ldc_R8, constant, constantOnLeft);
        var lanes = compiled(Vector128.Create(SignallingDoubleNaN, BitConverter.DoubleToInt64Bits(-0.0)).AsByte()).AsInt64();
        (lanes.GetElement(0) & 0x7FF8_0000_0000_0000).Should().Be(0x7FF8_0000_0000_0000, $"0x{lanes.GetElement(0):X16} must be an arithmetic NaN");
        lanes.GetElement(1).Should().Be(BitConverter.DoubleToInt64Bits(Reference(constant, -0.0, operation, constantOnLeft)));
        var ordinary = compiled(Vector128.Create(2.5, 3.0).AsByte()).AsDouble();
        ordinary.GetElement(0).Should().Be(Reference(constant, 2.5, operation, constantOnLeft));
    }

    [Fact]
    public void PromoteThenDemote_SignallingNaN_ReturnsQuietNaN()
    {
        var method = new DynamicMethod("promote_demote", typeof(int), [typeof(int)], typeof(ArithmeticFoldingTests).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(nameof(BitConverter.Int32BitsToSingle))!);
        il.Emit(OpCodes.Call, typeof(ScalarOps).GetMethod(nameof(ScalarOps.F64PromoteF32))!);
        il.Emit(OpCodes.Call, typeof(ScalarOps).GetMethod(nameof(ScalarOps.F32DemoteF64))!);
        il.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(nameof(BitConverter.SingleToInt32Bits))!);
        il.Emit(OpCodes.Ret);
        var compiled = method.CreateDelegate<Func<int, int>>();

        compiled(SignallingSingleNaN).Should().Be(0x7FE0_0000, "the quiet bit is set and the payload kept");
        compiled(BitConverter.SingleToInt32Bits(-1.5f)).Should().Be(BitConverter.SingleToInt32Bits(-1.5f));
    }

    [Fact]
    public void VectorPromoteThenDemote_SignallingNaN_ReturnsQuietNaN()
    {
        var method = new DynamicMethod("vector_promote_demote", typeof(Vector128<byte>), [typeof(Vector128<byte>)], typeof(ArithmeticFoldingTests).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(SimdOps).GetMethod(nameof(SimdOps.F64x2PromoteLowF32x4))!);
        il.Emit(OpCodes.Call, typeof(SimdOps).GetMethod(nameof(SimdOps.F32x4DemoteF64x2Zero))!);
        il.Emit(OpCodes.Ret);
        var compiled = method.CreateDelegate<Func<Vector128<byte>, Vector128<byte>>>();

        compiled(Vector128.Create(SignallingSingleNaN, BitConverter.SingleToInt32Bits(-1.5f), 7, 8).AsByte()).AsInt32()
            .Should().Be(Vector128.Create(0x7FE0_0000, BitConverter.SingleToInt32Bits(-1.5f), 0, 0));
    }

    private static T Reference<T>(T constant, T value, string operation, bool constantOnLeft)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var (left, right) = constantOnLeft ? (constant, value) : (value, constant);
        return operation switch
        {
            "Add" => left + right,
            "Sub" => left - right,
            "Mul" => left * right,
            _ => left / right,
        };
    }

    /// <summary>bits => ToBits(helper(FromBits(bits), constant)) or with the constant on the left.</summary>
    private static Func<TBits, TBits> CompileScalar<TBits, TFloat>(MethodInfo helper, OpCode loadConstant, TFloat constant, bool constantOnLeft)
    {
        var (fromBits, toBits) = typeof(TFloat) == typeof(float)
            ? (nameof(BitConverter.Int32BitsToSingle), nameof(BitConverter.SingleToInt32Bits))
            : (nameof(BitConverter.Int64BitsToDouble), nameof(BitConverter.DoubleToInt64Bits));
        var method = new DynamicMethod(helper.Name, typeof(TBits), [typeof(TBits)], typeof(ArithmeticFoldingTests).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        void EmitConstant()
        {
            if (constant is float single)
            {
                il.Emit(loadConstant, single);
            }
            else
            {
                il.Emit(loadConstant, (double)(object)constant!);
            }
        }

        if (constantOnLeft)
        {
            EmitConstant();
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(fromBits)!);
        if (!constantOnLeft)
        {
            EmitConstant();
        }

        il.Emit(OpCodes.Call, helper);
        il.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(toBits)!);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<Func<TBits, TBits>>();
    }

    /// <summary>v => helper(v, splat(constant)) or with the splatted constant on the left.</summary>
    private static Func<Vector128<byte>, Vector128<byte>> CompileVector<TFloat>(MethodInfo helper, string splat, OpCode loadConstant, TFloat constant, bool constantOnLeft)
    {
        var method = new DynamicMethod(helper.Name, typeof(Vector128<byte>), [typeof(Vector128<byte>)], typeof(ArithmeticFoldingTests).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        void EmitConstant()
        {
            if (constant is float single)
            {
                il.Emit(loadConstant, single);
            }
            else
            {
                il.Emit(loadConstant, (double)(object)constant!);
            }

            il.Emit(OpCodes.Call, typeof(SimdOps).GetMethod(splat)!);
        }

        if (constantOnLeft)
        {
            EmitConstant();
            il.Emit(OpCodes.Ldarg_0);
        }
        else
        {
            il.Emit(OpCodes.Ldarg_0);
            EmitConstant();
        }

        il.Emit(OpCodes.Call, helper);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<Func<Vector128<byte>, Vector128<byte>>>();
    }
}
