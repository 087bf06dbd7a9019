using Microsoft.Extensions.Logging;
using Weir.ProxyWasm;

namespace Weir.Gateway.Filters;

/// <summary>Sends what filters log (and what the proxy-wasm host says about them) to the gateway's logging.</summary>
internal sealed class PluginLogAdapter : IPluginLogger
{
    private readonly ILogger _logger;

    public PluginLogAdapter(ILogger logger)
    {
        _logger = logger;
    }

    public void Log(PluginLogEntry entry)
    {
        var level = entry.Level switch
        {
            ProxyLogLevel.Trace => LogLevel.Trace,
            ProxyLogLevel.Debug => LogLevel.Debug,
            ProxyLogLevel.Info => LogLevel.Information,
            ProxyLogLevel.Warn => LogLevel.Warning,
            ProxyLogLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
        if (_logger.IsEnabled(level))
        {
            GatewayLog.FilterLog(_logger, level, entry.PluginName, entry.FromHost ? " (host)" : string.Empty, entry.Message);
        }
    }
}
