using System.Security.Cryptography;

namespace Weir.Wasm.Compilation;

/// <summary>
/// The modules an engine compiled, by the SHA-256 of their bytes and the name they were given,
/// held weakly: compiling the same bytes again while the first <see cref="Module"/> is alive
/// returns it instead of decoding, validating and emitting IL again (and, once its functions ran,
/// RyuJIT again). Gateways reload configurations whose modules mostly did not change.
/// </summary>
internal sealed class ModuleCache
{
    /// <summary>Dead entries are swept after this many additions, so the table cannot grow without bound.</summary>
    private const int AdditionsBetweenSweeps = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Digest, string? Name), WeakReference<Module>> _entries = [];
    private int _additionsSinceSweep;

    public Module GetOrCompile(ReadOnlyMemory<byte> binary, string? name, Func<ReadOnlyMemory<byte>, string?, Module> compile)
    {
        var key = (Convert.ToHexString(SHA256.HashData(binary.Span)), name);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing) && existing.TryGetTarget(out var cached))
            {
                return cached;
            }
        }

        // Compiled outside the lock: compilations of different modules run in parallel. When two
        // threads compile the same bytes at once, the first to finish wins and both get its module.
        var compiled = compile(binary, name);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var raced) && raced.TryGetTarget(out var winner))
            {
                return winner;
            }

            _entries[key] = new WeakReference<Module>(compiled);
            if (++_additionsSinceSweep >= AdditionsBetweenSweeps)
            {
                _additionsSinceSweep = 0;
                foreach (var (entryKey, reference) in _entries)
                {
                    if (!reference.TryGetTarget(out _))
                    {
                        _entries.Remove(entryKey);
                    }
                }
            }
        }

        return compiled;
    }
}
