using System.Collections;
using System.Text;

namespace Weir.ProxyWasm;

/// <summary>
/// An ordered, multi-valued HTTP header (or trailer) map in the form proxy-wasm filters see it:
/// names are lower-case (every write lower-cases them, lookups ignore case), HTTP/2 pseudo-headers
/// such as <c>:method</c>, <c>:path</c>, <c>:authority</c>, <c>:scheme</c> and <c>:status</c> live
/// beside the ordinary headers, and a name may repeat. Not thread-safe: the stream that owns it
/// serializes access.
/// </summary>
public sealed class HeaderMap : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _entries;

    /// <summary>Creates an empty map.</summary>
    public HeaderMap()
    {
        _entries = [];
    }

    /// <summary>Creates a map holding <paramref name="entries"/> in order (names are lower-cased).</summary>
    public HeaderMap(IEnumerable<KeyValuePair<string, string>> entries)
        : this()
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (name, value) in entries)
        {
            Add(name, value);
        }
    }

    /// <summary>The number of entries (a repeated name counts once per value).</summary>
    public int Count => _entries.Count;

    /// <summary>Increases on every change, so a caller can tell whether a filter modified the map.</summary>
    public int Version { get; private set; }

    /// <summary>The entry at <paramref name="index"/>.</summary>
    public KeyValuePair<string, string> this[int index] => _entries[index];

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (key, value) in _entries)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Every value of <paramref name="name"/>, in order.</summary>
    public IEnumerable<string> GetAll(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _entries.Where(entry => string.Equals(entry.Key, name, StringComparison.OrdinalIgnoreCase)).Select(entry => entry.Value);
    }

    /// <summary>Whether the map has <paramref name="name"/>.</summary>
    public bool Contains(string name) => Get(name) is not null;

    /// <summary>Appends a value; an existing value of the same name stays.</summary>
    public void Add(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        _entries.Add(new KeyValuePair<string, string>(ToLowerInvariantAscii(name), value));
        Version++;
    }

    /// <summary>Sets the value of <paramref name="name"/>: the first entry takes the value and later ones are removed; appended when absent.</summary>
    public void Set(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var lower = ToLowerInvariantAscii(name);
        var found = false;
        for (var i = 0; i < _entries.Count; i++)
        {
            if (!string.Equals(_entries[i].Key, lower, StringComparison.Ordinal))
            {
                continue;
            }

            if (found)
            {
                _entries.RemoveAt(i--);
            }
            else
            {
                _entries[i] = new KeyValuePair<string, string>(lower, value);
                found = true;
            }
        }

        if (!found)
        {
            _entries.Add(new KeyValuePair<string, string>(lower, value));
        }

        Version++;
    }

    /// <summary>Removes every value of <paramref name="name"/>; returns how many were removed.</summary>
    public int Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var removed = _entries.RemoveAll(entry => string.Equals(entry.Key, name, StringComparison.OrdinalIgnoreCase));
        if (removed > 0)
        {
            Version++;
        }

        return removed;
    }

    /// <summary>Replaces the whole content (names are lower-cased).</summary>
    public void ReplaceAll(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var copy = entries.Select(entry => new KeyValuePair<string, string>(ToLowerInvariantAscii(entry.Key), entry.Value)).ToList();
        _entries.Clear();
        _entries.AddRange(copy);
        Version++;
    }

    /// <summary>Removes everything.</summary>
    public void Clear()
    {
        _entries.Clear();
        Version++;
    }

    /// <summary>The sum of the UTF-8 lengths of all names and values (Envoy's byteSize).</summary>
    public long ByteSize
    {
        get
        {
            long size = 0;
            foreach (var (key, value) in _entries)
            {
                size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
            }

            return size;
        }
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The entries as <c>name: value</c> lines, for diagnostics.</summary>
    public override string ToString() => string.Join('\n', _entries.Select(entry => $"{entry.Key}: {entry.Value}"));

    private static string ToLowerInvariantAscii(string name)
    {
        foreach (var character in name)
        {
            if (character is >= 'A' and <= 'Z')
            {
                return name.ToLowerInvariant();
            }
        }

        return name;
    }
}
