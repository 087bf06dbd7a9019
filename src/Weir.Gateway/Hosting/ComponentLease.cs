namespace Weir.Gateway.Hosting;

/// <summary>One configuration version's reference to a shared running component.</summary>
internal sealed class ComponentLease<T> : IComponentLease
    where T : class, IAsyncDisposable
{
    private readonly SharedComponents _owner;
    private readonly string _key;
    private int _released;

    public ComponentLease(SharedComponents owner, string key, T value)
    {
        _owner = owner;
        _key = key;
        Value = value;
    }

    public T Value { get; }

    public ValueTask ReleaseAsync() =>
        Interlocked.Exchange(ref _released, 1) == 0 ? _owner.ReleaseAsync(_key, Value) : ValueTask.CompletedTask;
}
