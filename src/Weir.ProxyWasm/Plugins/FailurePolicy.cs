namespace Weir.ProxyWasm;

/// <summary>
/// What happens to streams when a plugin's filter fails (a trap, a broken time or memory limit,
/// <c>proc_exit</c>). In every case the failed VM is discarded and replaced, with exponential
/// backoff between consecutive failures; the policy decides what the affected streams get.
/// </summary>
public enum FailurePolicy
{
    /// <summary>The failed stream gets a 503 (<c>wasm_fail_stream</c>), or is reset once its response has started; new streams get 503 while no VM is available.</summary>
    FailClosed,

    /// <summary>The failed stream continues without this filter; new streams skip the filter while no VM is available.</summary>
    FailOpen,

    /// <summary>The failed stream gets a 503 as with <see cref="FailClosed"/>, but new streams wait (up to <see cref="PluginLimits.ReloadWaitTimeout"/>) for the replacement VM instead of failing at once.</summary>
    Reload,
}
