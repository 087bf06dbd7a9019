namespace Weir.Cli.SpecTests;

/// <summary>
/// The spec's NaN classes on raw bits. The sign never matters; canonical NaNs are also arithmetic.
/// Working on bits rather than floats keeps signalling NaNs intact (the FPU would quiet them).
/// </summary>
internal static class NanClassification
{
    private const uint SingleMagnitude = 0x7FFF_FFFF;
    private const uint SingleCanonicalNan = 0x7FC0_0000;
    private const ulong DoubleMagnitude = 0x7FFF_FFFF_FFFF_FFFF;
    private const ulong DoubleCanonicalNan = 0x7FF8_0000_0000_0000;

    public static bool IsCanonicalNan(uint singleBits) => (singleBits & SingleMagnitude) == SingleCanonicalNan;

    public static bool IsArithmeticNan(uint singleBits) => (singleBits & SingleCanonicalNan) == SingleCanonicalNan;

    public static bool IsCanonicalNan(ulong doubleBits) => (doubleBits & DoubleMagnitude) == DoubleCanonicalNan;

    public static bool IsArithmeticNan(ulong doubleBits) => (doubleBits & DoubleCanonicalNan) == DoubleCanonicalNan;

    /// <summary>Whether <paramref name="bits"/> (the low 32 or 64 bits, by <paramref name="isDouble"/>) belongs to the NaN class.</summary>
    public static bool Matches(NanExpectation expectation, ulong bits, bool isDouble) => expectation switch
    {
        NanExpectation.Canonical => isDouble ? IsCanonicalNan(bits) : IsCanonicalNan((uint)bits),
        NanExpectation.Arithmetic => isDouble ? IsArithmeticNan(bits) : IsArithmeticNan((uint)bits),
        _ => throw new ArgumentOutOfRangeException(nameof(expectation), expectation, "not a NaN class"),
    };
}
