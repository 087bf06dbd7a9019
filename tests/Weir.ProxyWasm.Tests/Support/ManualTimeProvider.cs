namespace Weir.ProxyWasm.Tests.Support;

/// <summary>A wall clock that stands still unless moved; timers still run on the system clock.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
