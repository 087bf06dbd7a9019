namespace Weir.ProxyWasm;

/// <summary>Resource limits of a plugin's VMs.</summary>
public sealed record PluginLimits
{
    /// <summary>The most linear memory a VM may have; <c>memory.grow</c> beyond it fails, which SDKs turn into an out-of-memory trap.</summary>
    public ulong MaxMemoryBytes { get; init; } = 64UL << 20;

    /// <summary>
    /// A VM whose linear memory grew past this fraction of <see cref="MaxMemoryBytes"/> while serving is
    /// recycled: it takes no new streams, finishes the ones it has, and is stopped, while new streams go
    /// to a fresh VM. Guests that leak (the AssemblyScript runtime of proxy-runtime 0.1.8 grows by tens of
    /// bytes per exchange) are thus replaced before they reach the limit and trap, which would fail their
    /// streams. A VM that starts above the mark is never recycled for it. 0 turns recycling off.
    /// </summary>
    public double RecycleMemoryFraction { get; init; } = 0.75;

    /// <summary>
    /// A VM is recycled for its memory only after serving at least this many streams, so a filter whose
    /// memory settles above the mark soon after it starts (a table built on the first request) is not
    /// recycled over and over; a leak of tens of bytes per exchange needs far more streams to matter.
    /// </summary>
    public long RecycleAfterStreams { get; init; } = 1000;

    /// <summary>The longest one callback (or the VM's start) may run before it is stopped as a failure.</summary>
    public TimeSpan CallbackTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most VMs the plugin runs at once (one per concurrent worker); streams share them beyond that.</summary>
    public int MaxVms { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>The most body bytes a filter may hold while it buffers (requests over it get 413, responses are reset).</summary>
    public int MaxBufferedBodyBytes { get; init; } = 1 << 20;

    /// <summary>The wait before replacing a VM after the second consecutive failure; it doubles with each further one.</summary>
    public TimeSpan ReloadBackoffBase { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between replacements.</summary>
    public TimeSpan ReloadBackoffMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>With <see cref="FailurePolicy.Reload"/>: how long a new stream waits for a replacement VM before it gets a 503.</summary>
    public TimeSpan ReloadWaitTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// At shutdown: how long streams still in flight may take to finish (then they get the failure
    /// policy), and how long a root context that deferred its deletion (<c>proxy_on_done</c> returned 0)
    /// has to call <c>proxy_done</c>.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The defaults.</summary>
    public static PluginLimits Default { get; } = new();
}
