namespace Weir.ProxyWasm.SharedState;

/// <summary>
/// The key/value store that every VM with one vm_id shares (<c>proxy_get_shared_data</c>,
/// <c>proxy_set_shared_data</c>). Each entry carries a CAS value: every successful set takes the
/// next value of the store's counter, which starts at 1 and skips 0.
/// </summary>
internal sealed class SharedDataStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private uint _lastCas;

    public ProxyStatus Get(string key, out byte[] value, out uint cas)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                value = entry.Value;
                cas = entry.Cas;
                return ProxyStatus.Ok;
            }
        }

        value = [];
        cas = 0;
        return ProxyStatus.NotFound;
    }

    /// <summary>Stores the value; with <paramref name="cas"/> ≠ 0 only if it matches the current CAS of an existing key (as cpp-host).</summary>
    public ProxyStatus Set(string key, ReadOnlySpan<byte> value, uint cas)
    {
        var copy = value.ToArray();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing) && cas != 0 && cas != existing.Cas)
            {
                return ProxyStatus.CasMismatch;
            }

            _lastCas++;
            if (_lastCas == 0)
            {
                _lastCas = 1;
            }

            _entries[key] = new Entry(copy, _lastCas);
            return ProxyStatus.Ok;
        }
    }

    private readonly record struct Entry(byte[] Value, uint Cas);
}
