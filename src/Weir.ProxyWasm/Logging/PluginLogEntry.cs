namespace Weir.ProxyWasm;

/// <summary>One log entry about a plugin.</summary>
/// <param name="PluginName">The plugin's name.</param>
/// <param name="Level">The level.</param>
/// <param name="Message">The text.</param>
/// <param name="FromHost">True when the host wrote it (a trap, a reload, a refused call), false when the guest did.</param>
public readonly record struct PluginLogEntry(string PluginName, ProxyLogLevel Level, string Message, bool FromHost)
{
    /// <inheritdoc />
    public override string ToString() => $"[{Level}] {PluginName}{(FromHost ? " (host)" : string.Empty)}: {Message}";
}
