using Weir.Gateway.Configuration;

namespace Weir.Gateway.Tests.Configuration;

public sealed class QuantitiesTests
{
    [Theory]
    [InlineData("250us", 0.25)]
    [InlineData("50ms", 50)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    public void TryParseDuration_WithUnit_ReturnsTheDuration(string text, double milliseconds)
    {
        Quantities.TryParseDuration(text, allowZero: false, out var duration, out _).Should().BeTrue();
        duration.TotalMilliseconds.Should().BeApproximately(milliseconds, 0.001);
    }

    [Theory]
    [InlineData("15")]
    [InlineData("fast")]
    [InlineData("-1s")]
    [InlineData("0s")]
    [InlineData("2d")]
    public void TryParseDuration_WithoutValidUnitOrZero_FailsWithAReason(string text)
    {
        Quantities.TryParseDuration(text, allowZero: false, out _, out var error).Should().BeFalse();
        error.Should().Contain(text);
    }

    [Theory]
    [InlineData("65536", 65536UL)]
    [InlineData("64KiB", 65536UL)]
    [InlineData("64MiB", 64UL << 20)]
    [InlineData("1GiB", 1UL << 30)]
    [InlineData("10MB", 10_000_000UL)]
    public void TryParseSize_WithUnits_ReturnsBytes(string text, ulong bytes)
    {
        Quantities.TryParseSize(text, out var size, out _).Should().BeTrue();
        size.Should().Be(bytes);
    }

    [Fact]
    public void FormatDuration_RoundTripsConfigurationSpelling()
    {
        Quantities.FormatDuration(TimeSpan.FromSeconds(15)).Should().Be("15s");
        Quantities.FormatDuration(TimeSpan.FromMilliseconds(50)).Should().Be("50ms");
        Quantities.FormatDuration(TimeSpan.Zero).Should().Be("0");
    }
}
