using Weir.Cli.Run;
using Weir.Wasm;

namespace Weir.Wasi.Tests.Cli;

public sealed class RunOptionParsingTests
{
    [Theory]
    [InlineData("5s", 5_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1h", 3_600_000)]
    public void ParseDuration_WithAUnit_GivesTheDuration(string text, int milliseconds)
    {
        QuantityParser.ParseDuration(text).Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("s")]
    [InlineData("0s")]
    [InlineData("-2s")]
    [InlineData("5 parsecs")]
    public void ParseDuration_WithoutAValidNumberAndUnit_IsRefused(string text)
    {
        var parse = () => QuantityParser.ParseDuration(text);

        parse.Should().Throw<FormatException>().WithMessage($"*{text}*");
    }

    [Theory]
    [InlineData("65536", 65536UL)]
    [InlineData("64KiB", 65536UL)]
    [InlineData("64MiB", 64UL << 20)]
    [InlineData("1GiB", 1UL << 30)]
    [InlineData("10MB", 10_000_000UL)]
    [InlineData("4gib", 4UL << 30)]
    public void ParseSize_WithOrWithoutAUnit_GivesBytes(string text, ulong bytes)
    {
        QuantityParser.ParseSize(text).Should().Be(bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MiB")]
    [InlineData("1.5GiB")]
    [InlineData("12 apples")]
    [InlineData("99999999999999999999GiB")]
    public void ParseSize_Invalid_IsRefused(string text)
    {
        var parse = () => QuantityParser.ParseSize(text);

        parse.Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData("data", "data", "data", false)]
    [InlineData("./data::/data", "./data", "/data", false)]
    [InlineData("./data::/data:ro", "./data", "/data", true)]
    [InlineData("./data:ro", "./data", "./data", true)]
    [InlineData("/srv/x::/x:rw", "/srv/x", "/x", false)]
    [InlineData(@"C:\data::/data:ro", @"C:\data", "/data", true)]
    public void ParseDirectory_HostGuestAndMode_AreSeparated(string text, string host, string guest, bool readOnly)
    {
        DirectoryMapping.Parse(text).Should().Be(new DirectoryMapping(host, guest, readOnly));
    }

    [Theory]
    [InlineData("")]
    [InlineData("::/data")]
    [InlineData("data::")]
    public void ParseDirectory_WithoutHostOrGuest_IsRefused(string text)
    {
        var parse = () => DirectoryMapping.Parse(text);

        parse.Should().Throw<FormatException>();
    }

    [Theory]
    [InlineData("0.1", ValueKind.F32, "0.1")]
    [InlineData("16777217", ValueKind.F32, "16777216")]
    [InlineData("0.1", ValueKind.F64, "0.1")]
    [InlineData("-0", ValueKind.F64, "-0")]
    [InlineData("nan", ValueKind.F64, "nan:0x7ff8000000000000")]
    [InlineData("-nan", ValueKind.F32, "nan:0xffc00000")]
    [InlineData("nan:0x7fa00001", ValueKind.F32, "nan:0x7fa00001")]
    [InlineData("-inf", ValueKind.F32, "-Infinity")]
    [InlineData("4294967295", ValueKind.I32, "-1")]
    [InlineData("-2147483648", ValueKind.I32, "-2147483648")]
    [InlineData("18446744073709551615", ValueKind.I64, "-1")]
    public void InvokeValues_ParsedAndFormatted_RoundTrip(string text, ValueKind kind, string formatted)
    {
        var value = InvokeValues.Parse(text, kind);

        InvokeValues.Format(value).Should().Be(formatted);
        InvokeValues.Parse(InvokeValues.Format(value), kind).Should().Be(value, "the printed form parses back to the same value");
    }

    [Theory]
    [InlineData("1.5", ValueKind.I32)]
    [InlineData("4294967296", ValueKind.I32)]
    [InlineData("x", ValueKind.F64)]
    [InlineData("0", ValueKind.V128)]
    public void InvokeValues_NotOfTheType_IsRefused(string text, ValueKind kind)
    {
        var parse = () => InvokeValues.Parse(text, kind);

        parse.Should().Throw<FormatException>();
    }
}
