namespace Weir.Gateway.Configuration;

/// <summary>How a route compares the request path.</summary>
internal enum PathMatchKind
{
    /// <summary>The path starts with the value (segment-agnostic, as Envoy's <c>prefix</c>).</summary>
    Prefix,

    /// <summary>The path equals the value.</summary>
    Exact,

    /// <summary>The whole path matches the regular expression.</summary>
    Regex,
}
