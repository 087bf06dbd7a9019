namespace Weir.Gateway.Hosting;

/// <summary>
/// Watches the configuration file's directory and calls back, debounced, after changes. The whole directory
/// is watched because editors and Kubernetes config maps replace files (rename, symlink swap) rather than
/// write them in place; the reload compares content digests, so unrelated changes cost one read.
/// </summary>
internal sealed class ConfigurationWatcher : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _timer;

    public ConfigurationWatcher(string path, Func<Task> changed)
    {
        _timer = new Timer(_ => _ = changed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
        };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.Renamed += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);
}
