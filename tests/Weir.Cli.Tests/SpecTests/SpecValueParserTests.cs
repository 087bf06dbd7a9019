using System.Runtime.Intrinsics;
using System.Text.Json;
using Weir.Cli.SpecTests;

namespace Weir.Cli.Tests.SpecTests;

public sealed class SpecValueParserTests
{
    private readonly HostReferenceTable _references = new();

    [Theory]
    [InlineData("i32", "4294967295", -1L)]
    [InlineData("i32", "2147483648", int.MinValue)]
    [InlineData("i64", "18446744073709551615", -1L)]
    [InlineData("i64", "9223372036854775808", long.MinValue)]
    [InlineData("f32", "2143289345", 0x7FC0_0001L)]
    [InlineData("f64", "9221120237041090561", 0x7FF8_0000_0000_0001L)]
    public void ParseArgument_UnsignedDecimalBitPattern_KeepsTheExactBits(string type, string text, long bits)
    {
        var value = SpecValueParser.ParseArgument(Json($$"""{"type": "{{type}}", "value": "{{text}}"}"""), _references);

        value.Bits.Should().Be(bits);
        value.KindName.Should().Be(type);
    }

    [Theory]
    [InlineData("i32", "4294967296")]
    [InlineData("i32", "12abc")]
    [InlineData("i64", "18446744073709551616")]
    [InlineData("f32", "nan:canonical")]
    public void ParseArgument_ValueOutOfRangeOrNotANumber_IsRejected(string type, string text)
    {
        var parse = () => SpecValueParser.ParseArgument(Json($$"""{"type": "{{type}}", "value": "{{text}}"}"""), _references);

        parse.Should().Throw<SpecFormatException>().WithMessage($"*{text}*");
    }

    [Fact]
    public void ParseBits_NegativeDecimal_IsTwosComplement()
    {
        SpecValueParser.ParseBits("-1", 8).Should().Be(0xFF);
        SpecValueParser.ParseBits("-128", 8).Should().Be(0x80);
        var tooSmall = () => SpecValueParser.ParseBits("-129", 8);
        tooSmall.Should().Throw<SpecFormatException>();
    }

    [Fact]
    public void ParseArgument_V128WithI16Lanes_LaysLanesOutLittleEndian()
    {
        var value = SpecValueParser.ParseArgument(
            Json("""{"type": "v128", "lane_type": "i16", "value": ["1", "258", "65535", "0", "0", "0", "0", "32768"]}"""),
            _references);

        var bytes = new byte[16];
        value.AsVector().CopyTo(bytes);
        bytes.Should().Equal(1, 0, 2, 1, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x80);
    }

    [Fact]
    public void ParseArgument_V128WithWrongLaneCount_IsRejected()
    {
        var parse = () => SpecValueParser.ParseArgument(Json("""{"type": "v128", "lane_type": "i32", "value": ["1", "2"]}"""), _references);

        parse.Should().Throw<SpecFormatException>().WithMessage("*i32x4*4 lanes*");
    }

    [Fact]
    public void ParseArgument_SameExternrefNumberTwice_GivesTheSameHostObject()
    {
        var first = SpecValueParser.ParseArgument(Json("""{"type": "externref", "value": "1"}"""), _references);
        var again = SpecValueParser.ParseArgument(Json("""{"type": "externref", "value": "1"}"""), _references);
        var other = SpecValueParser.ParseArgument(Json("""{"type": "externref", "value": "2"}"""), _references);
        var nullReference = SpecValueParser.ParseArgument(Json("""{"type": "externref", "value": "null"}"""), _references);

        first.AsReference().Should().NotBeNull().And.BeSameAs(again.AsReference());
        other.AsReference().Should().NotBeSameAs(first.AsReference());
        nullReference.AsReference().Should().BeNull();
    }

    [Fact]
    public void ParseExpected_ExternrefNumber_MatchesOnlyThatHostObject()
    {
        var expected = SpecValueParser.ParseExpected(Json("""{"type": "externref", "value": "3"}"""), _references);

        expected.Matches(Value.FromExtern(_references.Get(3))).Should().BeTrue();
        expected.Matches(Value.FromExtern(new HostReference(3))).Should().BeFalse("an equal-looking object is not the same reference");
        expected.Matches(Value.FromExtern(null)).Should().BeFalse();
    }

    [Fact]
    public void ParseExpected_NullReferences_MatchOnlyNullOfTheirType()
    {
        var nullFunction = SpecValueParser.ParseExpected(Json("""{"type": "funcref", "value": "null"}"""), _references);

        nullFunction.Matches(Value.FromFunction(null)).Should().BeTrue();
        nullFunction.Matches(Value.FromExtern(null)).Should().BeFalse("an externref is not a funcref");
    }

    [Fact]
    public void ParseExpected_WithoutValue_AcceptsAnyValueOfTheType()
    {
        var anyI32 = SpecValueParser.ParseExpected(Json("""{"type": "i32"}"""), _references);
        var anyVector = SpecValueParser.ParseExpected(Json("""{"type": "v128"}"""), _references);
        var anyExtern = SpecValueParser.ParseExpected(Json("""{"type": "externref"}"""), _references);

        anyI32.Matches(Value.FromInt32(12345)).Should().BeTrue();
        anyI32.Matches(Value.FromInt64(12345)).Should().BeFalse();
        anyVector.Matches(Value.FromVector(Vector128.Create((byte)7))).Should().BeTrue();
        anyVector.Matches(Value.FromInt32(7)).Should().BeFalse();
        anyExtern.Matches(Value.FromExtern(null)).Should().BeTrue();
        anyExtern.Matches(Value.FromExtern(_references.Get(1))).Should().BeTrue();
    }

    [Fact]
    public void ParseExpected_ExactFloat_ComparesBitsNotValues()
    {
        var positiveZero = SpecValueParser.ParseExpected(Json("""{"type": "f32", "value": "0"}"""), _references);
        var quietNan = SpecValueParser.ParseExpected(Json("""{"type": "f64", "value": "9221120237041090560"}"""), _references);

        positiveZero.Matches(Value.FromSingle(0f)).Should().BeTrue();
        positiveZero.Matches(Value.FromSingle(-0f)).Should().BeFalse("-0 and +0 differ in their bits");
        quietNan.Matches(Value.FromDoubleBits(0x7FF8_0000_0000_0000)).Should().BeTrue();
        quietNan.Matches(Value.FromDoubleBits(0x7FF8_0000_0000_0001)).Should().BeFalse("NaN payloads count when a script gives exact bits");
    }

    [Theory]
    [InlineData(0x7FC0_0000u, true)]
    [InlineData(0xFFC0_0000u, true)]
    [InlineData(0x7FC0_0001u, false)]
    [InlineData(0x7FA0_0000u, false)]
    [InlineData(0x7F80_0000u, false)]
    public void ParseExpected_F32CanonicalNan_AcceptsOnlyTheQuietBitPayload(uint bits, bool matches)
    {
        var expected = SpecValueParser.ParseExpected(Json("""{"type": "f32", "value": "nan:canonical"}"""), _references);

        expected.Matches(Value.FromSingleBits(unchecked((int)bits))).Should().Be(matches);
    }

    [Theory]
    [InlineData(0x7FC0_0000u, true)]
    [InlineData(0xFFE0_0001u, true)]
    [InlineData(0x7FA0_0000u, false)]
    [InlineData(0x7F80_0001u, false)]
    [InlineData(0x3F80_0000u, false)]
    public void ParseExpected_F32ArithmeticNan_NeedsTheQuietBit(uint bits, bool matches)
    {
        var expected = SpecValueParser.ParseExpected(Json("""{"type": "f32", "value": "nan:arithmetic"}"""), _references);

        expected.Matches(Value.FromSingleBits(unchecked((int)bits))).Should().Be(matches);
    }

    [Theory]
    [InlineData(0x7FF8_0000_0000_0000ul, true, true)]
    [InlineData(0xFFF8_0000_0000_0000ul, true, true)]
    [InlineData(0x7FF8_0000_0000_0001ul, false, true)]
    [InlineData(0x7FF4_0000_0000_0000ul, false, false)]
    [InlineData(0x7FF0_0000_0000_0000ul, false, false)]
    public void NanClassification_F64Bits_FollowsTheSpecClasses(ulong bits, bool canonical, bool arithmetic)
    {
        NanClassification.IsCanonicalNan(bits).Should().Be(canonical);
        NanClassification.IsArithmeticNan(bits).Should().Be(arithmetic);
    }

    [Fact]
    public void ParseExpected_V128FloatLanesWithNanClasses_ChecksEachLane()
    {
        var expected = SpecValueParser.ParseExpected(
            Json("""{"type": "v128", "lane_type": "f32", "value": ["nan:canonical", "nan:arithmetic", "1065353216", "0"]}"""),
            _references);
        var matching = Vector128.Create(0xFFC0_0000u, 0x7FC0_0123u, 0x3F80_0000u, 0u).AsByte();
        var signallingInLaneOne = Vector128.Create(0x7FC0_0000u, 0x7FA0_0000u, 0x3F80_0000u, 0u).AsByte();

        expected.Matches(Value.FromVector(matching)).Should().BeTrue();
        expected.Matches(Value.FromVector(signallingInLaneOne)).Should().BeFalse();
        expected.ToString().Should().Be("v128:f32x4[nan:canonical nan:arithmetic 1 (0x3f800000) 0 (0x00000000)]");
    }

    [Fact]
    public void Describe_I8LaneVector_ShowsTheActualValueInTheExpectedShape()
    {
        var expected = SpecValueParser.ParseExpected(
            Json("""{"type": "v128", "lane_type": "i8", "value": ["255", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1"]}"""),
            _references);
        var actual = Value.FromVector(Vector128.Create((byte)1));

        expected.Matches(actual).Should().BeFalse();
        expected.Describe(actual).Should().Be("v128:i8x16[1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1]");
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
