namespace Weir.ProxyWasm.SharedState;

/// <summary>
/// Shared queues keyed by (vm_id, name), with non-zero tokens. Registering an existing queue keeps
/// its items and moves its "ready" notifications to the new registrant's root context.
/// </summary>
internal sealed class SharedQueueRegistry
{
    /// <summary>Items a queue may hold before enqueue fails, so a filter cannot exhaust host memory.</summary>
    public const int MaximumItems = 65_536;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string VmId, string Name), Queue> _byName = [];
    private readonly Dictionary<uint, Queue> _byToken = [];
    private uint _lastToken;

    public uint Register(string vmId, string name, IQueueReadyTarget owner, int rootContextId)
    {
        lock (_lock)
        {
            if (!_byName.TryGetValue((vmId, name), out var queue))
            {
                queue = new Queue(++_lastToken);
                _byName.Add((vmId, name), queue);
                _byToken.Add(queue.Token, queue);
            }

            queue.Owner = owner;
            queue.OwnerRootContextId = rootContextId;
            return queue.Token;
        }
    }

    public bool TryResolve(string vmId, string name, out uint token)
    {
        lock (_lock)
        {
            if (_byName.TryGetValue((vmId, name), out var queue))
            {
                token = queue.Token;
                return true;
            }
        }

        token = 0;
        return false;
    }

    public ProxyStatus Enqueue(uint token, ReadOnlySpan<byte> value)
    {
        var copy = value.ToArray();
        IQueueReadyTarget? owner;
        int rootContextId;
        lock (_lock)
        {
            if (!_byToken.TryGetValue(token, out var queue))
            {
                return ProxyStatus.NotFound;
            }

            if (queue.Items.Count >= MaximumItems)
            {
                return ProxyStatus.InternalFailure;
            }

            queue.Items.Enqueue(copy);
            owner = queue.Owner;
            rootContextId = queue.OwnerRootContextId;
        }

        if (owner is { IsAlive: true })
        {
            owner.NotifyQueueReady(rootContextId, token);
        }

        return ProxyStatus.Ok;
    }

    public ProxyStatus Dequeue(uint token, out byte[] value)
    {
        lock (_lock)
        {
            if (!_byToken.TryGetValue(token, out var queue))
            {
                value = [];
                return ProxyStatus.NotFound;
            }

            return queue.Items.TryDequeue(out value!) ? ProxyStatus.Ok : ProxyStatus.Empty;
        }
    }

    private sealed class Queue(uint token)
    {
        public uint Token { get; } = token;

        public Queue<byte[]> Items { get; } = new();

        public IQueueReadyTarget? Owner { get; set; }

        public int OwnerRootContextId { get; set; }
    }
}
