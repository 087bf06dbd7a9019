using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Weir.Wasm.Instructions;
using Weir.Wasm.Numerics;

namespace Weir.Wasm.Tests.Numerics;

/// <summary>
/// The compiler looks helpers up by opcode name and emits calls with the operand types of the
/// Wasm instruction, so a missing helper or a wrong parameter type breaks code generation.
/// </summary>
public sealed class NumericsContractTests
{
    private static readonly Type Vector = typeof(Vector128<byte>);

    // The scalar instructions whose semantics need more than one IL opcode.
    private static readonly string[] RequiredScalarOpcodes =
    [
        "I32DivS", "I32DivU", "I32RemS", "I32RemU", "I64DivS", "I64DivU", "I64RemS", "I64RemU",
        "I32Rotl", "I32Rotr", "I64Rotl", "I64Rotr", "I32Clz", "I32Ctz", "I32Popcnt", "I64Clz", "I64Ctz", "I64Popcnt",
        "I32Shl", "I32ShrS", "I32ShrU", "I64Shl", "I64ShrS", "I64ShrU",
        "F32Min", "F32Max", "F64Min", "F64Max", "F32Nearest", "F64Nearest",
        "F32Ceil", "F32Floor", "F32Trunc", "F64Ceil", "F64Floor", "F64Trunc", "F32Sqrt", "F64Sqrt",
        "F32Copysign", "F64Copysign", "F32Abs", "F32Neg", "F64Abs", "F64Neg",
        "I32TruncF32S", "I32TruncF32U", "I32TruncF64S", "I32TruncF64U",
        "I64TruncF32S", "I64TruncF32U", "I64TruncF64S", "I64TruncF64U",
        "I32TruncSatF32S", "I32TruncSatF32U", "I32TruncSatF64S", "I32TruncSatF64U",
        "I64TruncSatF32S", "I64TruncSatF32U", "I64TruncSatF64S", "I64TruncSatF64U",
        "F32ConvertI32U", "F32ConvertI64S", "F32ConvertI64U", "F64ConvertI32U", "F64ConvertI64U",
        "F32DemoteF64", "F64PromoteF32", "I32WrapI64", "I64ExtendI32S", "I64ExtendI32U",
        "I32Extend8S", "I32Extend16S", "I64Extend8S", "I64Extend16S", "I64Extend32S",
        "I32ReinterpretF32", "I64ReinterpretF64", "F32ReinterpretI32", "F64ReinterpretI64",
    ];

    private static readonly Opcode[] MemoryVectorOpcodes =
    [
        Opcode.V128Load, Opcode.V128Load8x8S, Opcode.V128Load8x8U, Opcode.V128Load16x4S, Opcode.V128Load16x4U,
        Opcode.V128Load32x2S, Opcode.V128Load32x2U, Opcode.V128Load8Splat, Opcode.V128Load16Splat,
        Opcode.V128Load32Splat, Opcode.V128Load64Splat, Opcode.V128Load32Zero, Opcode.V128Load64Zero, Opcode.V128Store,
        Opcode.V128Load8Lane, Opcode.V128Load16Lane, Opcode.V128Load32Lane, Opcode.V128Load64Lane,
        Opcode.V128Store8Lane, Opcode.V128Store16Lane, Opcode.V128Store32Lane, Opcode.V128Store64Lane,
    ];

    public static TheoryData<string> ScalarOpcodeNames() => new(RequiredScalarOpcodes);

    public static TheoryData<string> VectorOpcodeNames() =>
        new(Enum.GetValues<Opcode>()
            .Where(opcode => opcode is >= Opcode.I8x16Shuffle and <= Opcode.F64x2ConvertLowI32x4U && !MemoryVectorOpcodes.Contains(opcode))
            .Select(opcode => opcode.ToString()));

    public static TheoryData<string> MemoryVectorOpcodeNames() => new(MemoryVectorOpcodes.Select(opcode => opcode.ToString()));

    [Theory]
    [MemberData(nameof(ScalarOpcodeNames))]
    public void ScalarOps_RequiredInstruction_HasHelperWithWasmOperandTypes(string opcodeName)
    {
        var method = FindHelper(typeof(ScalarOps), opcodeName);
        var (parameters, result) = ExpectedScalarSignature(opcodeName);
        method.GetParameters().Select(parameter => parameter.ParameterType).Should().Equal(parameters);
        method.ReturnType.Should().Be(result);
    }

    [Theory]
    [MemberData(nameof(VectorOpcodeNames))]
    public void SimdOps_EveryVectorInstruction_HasHelperWithWasmOperandTypes(string opcodeName)
    {
        var method = FindHelper(typeof(SimdOps), opcodeName);
        var (parameters, result) = ExpectedVectorSignature(opcodeName);
        method.GetParameters().Select(parameter => parameter.ParameterType).Should().Equal(parameters);
        method.ReturnType.Should().Be(result);
    }

    [Theory]
    [MemberData(nameof(MemoryVectorOpcodeNames))]
    public void SimdOps_EveryVectorMemoryInstruction_TakesTheAddressFirst(string opcodeName)
    {
        var method = FindHelper(typeof(SimdOps), opcodeName);
        var isStore = opcodeName.StartsWith("V128Store", StringComparison.Ordinal);
        var hasLane = opcodeName.EndsWith("Lane", StringComparison.Ordinal);
        Type[] expected = (isStore, hasLane) switch
        {
            (_, true) => [typeof(byte*), Vector, typeof(int)],
            (true, false) => [typeof(byte*), Vector],
            _ => [typeof(byte*)],
        };
        method.GetParameters().Select(parameter => parameter.ParameterType).Should().Equal(expected);
        method.ReturnType.Should().Be(isStore ? typeof(void) : Vector);
    }

    [Theory]
    [InlineData(typeof(ScalarOps))]
    [InlineData(typeof(SimdOps))]
    public void Helpers_EveryCallableMethod_IsNamedAfterAnOpcodeAndInlined(Type helpers)
    {
        var methods = helpers.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(method => !method.IsSpecialName)
            .ToList();
        methods.Should().NotBeEmpty();
        foreach (var method in methods)
        {
            Enum.TryParse<Opcode>(method.Name, out _).Should().BeTrue($"{method.Name} should be named after an opcode");
            method.MethodImplementationFlags.Should().HaveFlag(MethodImplAttributes.AggressiveInlining, method.Name);
        }

        methods.Select(method => method.Name).Should().OnlyHaveUniqueItems("the compiler looks helpers up by name alone");
    }

    private static MethodInfo FindHelper(Type helpers, string opcodeName)
    {
        Enum.TryParse<Opcode>(opcodeName, out _).Should().BeTrue($"{opcodeName} is an opcode member");
        var method = helpers.GetMethod(opcodeName, BindingFlags.Public | BindingFlags.Static);
        method.Should().NotBeNull($"{helpers.Name}.{opcodeName} should exist");
        return method!;
    }

    private static Type ScalarType(string wasmType) => wasmType switch
    {
        "I32" => typeof(int),
        "I64" => typeof(long),
        "F32" => typeof(float),
        "F64" => typeof(double),
        _ => throw new ArgumentOutOfRangeException(nameof(wasmType), wasmType, "not a scalar type"),
    };

    private static (Type[] Parameters, Type Result) ExpectedScalarSignature(string name)
    {
        var resultType = ScalarType(name[..3]);
        var operation = name[3..];
        var conversion = System.Text.RegularExpressions.Regex.Match(
            operation, "^(Trunc|TruncSat|Convert|Demote|Promote|Reinterpret|Wrap|Extend)(I32|I64|F32|F64)(S|U)?$");
        if (conversion.Success)
        {
            return ([ScalarType(conversion.Groups[2].Value)], resultType);
        }

        string[] unary = ["Clz", "Ctz", "Popcnt", "Abs", "Neg", "Ceil", "Floor", "Trunc", "Nearest", "Sqrt", "Extend8S", "Extend16S", "Extend32S"];
        if (unary.Contains(operation))
        {
            return ([resultType], resultType);
        }

        return ([resultType, resultType], resultType);
    }

    private static (Type[] Parameters, Type Result) ExpectedVectorSignature(string name)
    {
        var laneType = name[..2] switch
        {
            "I8" or "I1" or "I3" => typeof(int),
            "I6" => typeof(long),
            "F3" => typeof(float),
            "F6" => typeof(double),
            _ => null,
        };

        if (name.EndsWith("Splat", StringComparison.Ordinal))
        {
            return ([laneType!], Vector);
        }

        if (name.Contains("ExtractLane", StringComparison.Ordinal))
        {
            return ([Vector, typeof(int)], laneType!);
        }

        if (name.EndsWith("ReplaceLane", StringComparison.Ordinal))
        {
            return ([Vector, laneType!, typeof(int)], Vector);
        }

        if (name is "I8x16Shuffle" or "V128Bitselect")
        {
            return ([Vector, Vector, Vector], Vector);
        }

        if (name.EndsWith("Shl", StringComparison.Ordinal) || name.EndsWith("ShrS", StringComparison.Ordinal) || name.EndsWith("ShrU", StringComparison.Ordinal))
        {
            return ([Vector, typeof(int)], Vector);
        }

        if (name.EndsWith("AnyTrue", StringComparison.Ordinal) || name.EndsWith("AllTrue", StringComparison.Ordinal) || name.EndsWith("Bitmask", StringComparison.Ordinal))
        {
            return ([Vector], typeof(int));
        }

        string[] unarySuffixes = ["Abs", "Neg", "Popcnt", "Sqrt", "Ceil", "Floor", "Trunc", "Nearest"];
        string[] unaryParts = ["Extend", "ExtaddPairwise", "Convert", "TruncSat", "Demote", "Promote"];
        var isUnary = name == "V128Not"
            || unarySuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal))
            || unaryParts.Any(part => name.Contains(part, StringComparison.Ordinal));
        return isUnary ? ([Vector], Vector) : ([Vector, Vector], Vector);
    }
}
