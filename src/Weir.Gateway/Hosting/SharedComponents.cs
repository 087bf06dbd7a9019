namespace Weir.Gateway.Hosting;

/// <summary>
/// Running components (clusters, plugins, access log writers) keyed by their definition's fingerprint and
/// counted by the configuration versions that use them: a reload that keeps a definition keeps the running
/// component, and a component is disposed when the last version using it has drained.
/// </summary>
internal sealed class SharedComponents
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Takes a reference to the component for <paramref name="key"/>, creating it when none is running.</summary>
    public async ValueTask<ComponentLease<T>> AcquireAsync<T>(string key, Func<ValueTask<T>> create)
        where T : class, IAsyncDisposable
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing) && existing.References > 0)
            {
                existing.References++;
                return new ComponentLease<T>(this, key, (T)existing.Component);
            }
        }

        var component = await create().ConfigureAwait(false);
        lock (_lock)
        {
            _entries[key] = new Entry(component);
        }

        return new ComponentLease<T>(this, key, component);
    }

    /// <summary>How many components are running (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    internal ValueTask ReleaseAsync(string key, IAsyncDisposable component)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry) || !ReferenceEquals(entry.Component, component))
            {
                return component.DisposeAsync();
            }

            if (--entry.References > 0)
            {
                return ValueTask.CompletedTask;
            }

            _entries.Remove(key);
        }

        return component.DisposeAsync();
    }

    private sealed class Entry
    {
        public Entry(IAsyncDisposable component)
        {
            Component = component;
        }

        public IAsyncDisposable Component { get; }

        public int References { get; set; } = 1;
    }
}
