namespace Weir.Gateway.Configuration;

/// <summary>How a header condition compares.</summary>
internal enum HeaderMatchKind
{
    /// <summary>Some value of the header equals the given one (case-sensitive).</summary>
    Exact,

    /// <summary>Some value starts with the given one.</summary>
    Prefix,

    /// <summary>Some value matches the regular expression as a whole.</summary>
    Regex,

    /// <summary>The header is present.</summary>
    Present,

    /// <summary>The header is absent.</summary>
    Absent,
}
