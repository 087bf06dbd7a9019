namespace Weir.ProxyWasm;

/// <summary>A plugin's VM could not be started: a missing import, a trap during start, or the filter rejected its VM or plugin configuration.</summary>
public sealed class PluginLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public PluginLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PluginLoadException()
        : this("the plugin could not be loaded")
    {
    }
}
