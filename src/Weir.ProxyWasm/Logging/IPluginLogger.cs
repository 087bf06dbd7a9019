namespace Weir.ProxyWasm;

/// <summary>
/// Receives what plugins log (<c>proxy_log</c>, and lines written to WASI stdout at Info and stderr at
/// Error) and what the host reports about them (traps, reloads, refused calls). The gateway adapts it
/// to its logging; it may be called from any thread.
/// </summary>
public interface IPluginLogger
{
    /// <summary>Writes one entry.</summary>
    void Log(PluginLogEntry entry);
}
