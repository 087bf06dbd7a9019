namespace Weir.ProxyWasm;

/// <summary>A plugin's health, for readiness checks and admin pages.</summary>
/// <param name="State">Whether it can serve streams.</param>
/// <param name="RunningVms">VMs running now.</param>
/// <param name="Crashes">VMs that failed since the plugin was created (traps, limits, proc_exit, failed starts).</param>
/// <param name="Reloads">Replacement VMs started successfully.</param>
/// <param name="LastFailure">What the most recent failure was, or null.</param>
/// <param name="NextReloadAt">When the next replacement is due while backing off, or null.</param>
/// <param name="MemoryBytes">The linear memory of the running VMs together, in bytes.</param>
/// <param name="Recycles">VMs retired because their memory grew past <see cref="PluginLimits.RecycleMemoryFraction"/> of the limit.</param>
public sealed record PluginHealth(PluginState State, int RunningVms, long Crashes, long Reloads, string? LastFailure, DateTimeOffset? NextReloadAt, ulong MemoryBytes, long Recycles = 0);
