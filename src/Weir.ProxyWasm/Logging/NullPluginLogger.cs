namespace Weir.ProxyWasm;

/// <summary>Discards every entry.</summary>
public sealed class NullPluginLogger : IPluginLogger
{
    /// <summary>The shared instance.</summary>
    public static NullPluginLogger Instance { get; } = new();

    /// <inheritdoc />
    public void Log(PluginLogEntry entry)
    {
    }
}
