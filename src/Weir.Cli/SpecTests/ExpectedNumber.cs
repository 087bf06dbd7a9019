namespace Weir.Cli.SpecTests;

/// <summary>One expected scalar or vector lane: exact bits, or a NaN class when <see cref="Nan"/> is set.</summary>
/// <param name="Bits">The expected bit pattern, zero-extended (ignored for NaN classes).</param>
/// <param name="Nan">The NaN class the result must belong to, or <see cref="NanExpectation.None"/> for exact bits.</param>
internal readonly record struct ExpectedNumber(ulong Bits, NanExpectation Nan)
{
    public static ExpectedNumber Exact(ulong bits) => new(bits, NanExpectation.None);

    /// <summary>Compares the low <paramref name="bitWidth"/> bits of <paramref name="actual"/>.</summary>
    public bool Matches(ulong actual, int bitWidth, bool isFloat)
    {
        var mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        actual &= mask;
        if (Nan == NanExpectation.None)
        {
            return actual == (Bits & mask);
        }

        return isFloat && NanClassification.Matches(Nan, actual, isDouble: bitWidth == 64);
    }
}
