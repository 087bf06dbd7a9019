namespace Weir.ProxyWasm.SharedState;

/// <summary>Whoever registered a shared queue: told (asynchronously, never inline) when an item arrives.</summary>
internal interface IQueueReadyTarget
{
    bool IsAlive { get; }

    void NotifyQueueReady(int rootContextId, uint token);
}
