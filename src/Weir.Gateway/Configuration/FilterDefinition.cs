namespace Weir.Gateway.Configuration;

/// <summary>A proxy-wasm filter: its module, the plugin settings proxy-wasm defines, its failure policy and limits.</summary>
/// <param name="Name">The name listeners and routes use in their chains.</param>
/// <param name="Module">Where the module comes from.</param>
/// <param name="Sha256">The module's expected SHA-256 (64 lower-case hex digits), or null.</param>
/// <param name="RootId">The root id the SDK selects its root context by.</param>
/// <param name="VmId">Plugins with the same vm id share shared data and queues.</param>
/// <param name="Configuration">The plugin configuration (<c>proxy_on_configure</c>): text as written, or JSON for a YAML mapping or list.</param>
/// <param name="VmConfiguration">The VM configuration (<c>proxy_on_vm_start</c>).</param>
/// <param name="FailurePolicy">What streams get when the filter fails.</param>
/// <param name="Limits">Memory, time and pool limits (null fields keep the host's defaults).</param>
internal sealed record FilterDefinition(
    string Name,
    ModuleSource Module,
    string? Sha256,
    string RootId,
    string VmId,
    string Configuration,
    string VmConfiguration,
    FilterFailurePolicy FailurePolicy,
    FilterLimitsDefinition Limits);
