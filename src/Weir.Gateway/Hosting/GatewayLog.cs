using Microsoft.Extensions.Logging;

namespace Weir.Gateway;

/// <summary>The gateway's log messages, generated as cached delegates (no formatting cost when a level is off).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "configuration version {Version} from {Source} is active ({Listeners} listeners, {Clusters} clusters, {Filters} filters)")]
    public static partial void ConfigurationActive(ILogger logger, long version, string source, int listeners, int clusters, int filters);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "reload of {Source} failed; version {Version} stays active:\n{Errors}")]
    public static partial void ReloadFailed(ILogger logger, string source, long version, string errors);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "listener {Listener} is listening on {Address}")]
    public static partial void ListenerStarted(ILogger logger, string listener, Uri address);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "stopped listening on {Address}")]
    public static partial void ListenerStopped(ILogger logger, Uri address);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "cluster {Cluster}: endpoint {Endpoint} is now {State} ({Reason})")]
    public static partial void EndpointHealthChanged(ILogger logger, string cluster, string endpoint, string state, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "cluster {Cluster}: health check of {Endpoint} failed: {Message}")]
    public static partial void HealthCheckError(ILogger logger, string cluster, string endpoint, string message);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "admin is listening on {Address}")]
    public static partial void AdminStarted(ILogger logger, Uri address);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "unexpected error while reloading {Source}")]
    public static partial void ReloadCrashed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "request {Method} {Path} failed unexpectedly")]
    public static partial void RequestCrashed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 10, Message = "filter {Filter}{Source}: {Message}")]
    public static partial void FilterLog(ILogger logger, LogLevel level, string filter, string source, string message);
}
