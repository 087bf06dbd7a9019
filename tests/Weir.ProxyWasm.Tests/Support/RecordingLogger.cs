using Weir.ProxyWasm;

namespace Weir.ProxyWasm.Tests.Support;

/// <summary>Keeps every log entry, for assertions on what filters and the host logged.</summary>
internal sealed class RecordingLogger : IPluginLogger
{
    private readonly Lock _lock = new();
    private readonly List<PluginLogEntry> _entries = [];

    public IReadOnlyList<PluginLogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<string> Messages => Entries.Select(entry => entry.Message).ToList();

    public IReadOnlyList<string> HostMessages => Entries.Where(entry => entry.FromHost).Select(entry => entry.Message).ToList();

    public void Log(PluginLogEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    public override string ToString() => string.Join('\n', Entries);
}
