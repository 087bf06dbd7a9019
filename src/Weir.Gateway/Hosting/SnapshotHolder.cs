namespace Weir.Gateway.Hosting;

/// <summary>Holds the current configuration version; requests acquire it, reloads swap it atomically.</summary>
internal sealed class SnapshotHolder
{
    private GatewaySnapshot? _current;

    public GatewaySnapshot? Current => Volatile.Read(ref _current);

    /// <summary>The current version with a reference taken, or null before the first one or after shutdown.</summary>
    public GatewaySnapshot? Acquire()
    {
        while (true)
        {
            var snapshot = Volatile.Read(ref _current);
            if (snapshot is null)
            {
                return null;
            }

            if (snapshot.TryAcquire())
            {
                return snapshot;
            }

            // It was retired between the read and the reference: the next read sees its successor.
        }
    }

    /// <summary>Publishes <paramref name="next"/> and retires the previous version, which is returned.</summary>
    public GatewaySnapshot? Swap(GatewaySnapshot? next)
    {
        var previous = Interlocked.Exchange(ref _current, next);
        previous?.Retire();
        return previous;
    }
}
