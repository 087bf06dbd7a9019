namespace Weir.ProxyWasm;

/// <summary>Whether a plugin can serve streams now.</summary>
public enum PluginState
{
    /// <summary>At least one VM is running.</summary>
    Ready,

    /// <summary>No VM is running; a replacement is starting or waiting out its backoff.</summary>
    Reloading,

    /// <summary>The plugin was disposed.</summary>
    Stopped,
}
