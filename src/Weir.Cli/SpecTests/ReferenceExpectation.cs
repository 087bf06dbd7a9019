namespace Weir.Cli.SpecTests;

/// <summary>What an expected funcref or externref must be.</summary>
internal enum ReferenceExpectation
{
    /// <summary><c>ref.null</c>.</summary>
    Null,

    /// <summary>Any non-null reference (a <c>ref.func</c> result: which function is not written down).</summary>
    NonNull,

    /// <summary>One particular host object (<c>ref.extern N</c>).</summary>
    Identical,
}
