namespace Weir.Cli.SpecTests;

/// <summary>Which NaNs an expected float accepts: none (the bits must match exactly) or one of the spec's NaN classes.</summary>
internal enum NanExpectation
{
    /// <summary>The result must have exactly the expected bits.</summary>
    None,

    /// <summary><c>nan:canonical</c>: any sign, payload exactly the quiet bit.</summary>
    Canonical,

    /// <summary><c>nan:arithmetic</c>: any sign, quiet bit set, any other payload.</summary>
    Arithmetic,
}
