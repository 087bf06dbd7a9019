namespace Weir.ProxyWasm;

/// <summary><c>proxy_log_level_t</c>, ordered from the most to the least verbose.</summary>
public enum ProxyLogLevel
{
    /// <summary>Trace.</summary>
    Trace = 0,

    /// <summary>Debug.</summary>
    Debug = 1,

    /// <summary>Info.</summary>
    Info = 2,

    /// <summary>Warn.</summary>
    Warn = 3,

    /// <summary>Error.</summary>
    Error = 4,

    /// <summary>Critical.</summary>
    Critical = 5,
}
