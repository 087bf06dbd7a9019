namespace Weir.Hub.Hosting;

/// <summary>Settings of one hub instance. Everything has an embedded default except the data directory.</summary>
public sealed class HubOptions
{
    /// <summary>The default listen address of <c>weir hub</c>.</summary>
    public const string DefaultListen = "127.0.0.1:5000";

    /// <summary>Where to listen, <c>host:port</c> (port 0 picks a free port).</summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>The directory holding blobs, upload sessions, the signing key and (by default) the SQLite database.</summary>
    public required string DataDirectory { get; set; }

    /// <summary>A <c>postgres://user:password@host:port/database</c> URL, a path to an SQLite file, or null for <c>hub.db</c> in the data directory.</summary>
    public string? DatabaseUrl { get; set; }

    /// <summary>Whether repositories created by a push are public (anonymously pullable). Private by default.</summary>
    public bool NewRepositoriesArePublic { get; set; }

    /// <summary>Upload sessions without activity for this long are discarded.</summary>
    public TimeSpan UploadExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often garbage collection runs in the background; zero or negative disables it.</summary>
    public TimeSpan GarbageCollectionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Unreferenced blobs younger than this (relative to the start of a collection) are kept, so pushes in progress survive.</summary>
    public TimeSpan GarbageCollectionGracePeriod { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long bearer tokens from <c>/token</c> stay valid.</summary>
    public TimeSpan BearerTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refused credentials from one client address per minute before it is answered 429 until the minute ends.</summary>
    public int MaxFailedLoginsPerMinute { get; set; } = 30;

    /// <summary>The largest manifest accepted; bigger ones get 413. The spec asks for at least 4 MiB.</summary>
    public int MaxManifestBytes { get; set; } = 4 * 1024 * 1024;
}
