namespace Weir.Gateway.AccessLog;

/// <summary>One finished exchange as the access log records it.</summary>
internal readonly record struct AccessLogEntry(
    DateTimeOffset Time,
    string Listener,
    string? Route,
    string? Cluster,
    string? Upstream,
    string Method,
    string Path,
    string Protocol,
    int Status,
    long RequestBytes,
    long ResponseBytes,
    long DurationMicroseconds,
    long UpstreamMicroseconds,
    int Attempts,
    string? Client,
    string? UserAgent,
    string? RequestId,
    string? Error);
