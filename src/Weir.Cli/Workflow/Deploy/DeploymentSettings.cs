namespace Weir.Cli.Workflow.Deploy;

/// <summary>Everything a deployment document needs besides the module.</summary>
/// <param name="Name">The filter's (plugin's, WasmPlugin's) name.</param>
/// <param name="RootId">The root id, or empty for none.</param>
/// <param name="Configuration">The plugin configuration, or null.</param>
/// <param name="Upstream">The service behind the proxy (Weir and Envoy).</param>
/// <param name="Listen">Where the proxy listens (Weir and Envoy).</param>
/// <param name="Code">Where Envoy reads the module from.</param>
/// <param name="ModuleUri">The module blob's URL, for <see cref="EnvoyCodeSource.Remote"/>.</param>
/// <param name="ModuleFile">The module's path on Envoy's machine, for <see cref="EnvoyCodeSource.Local"/>.</param>
/// <param name="Namespace">The Kubernetes namespace of the WasmPlugin, or null to leave it to kubectl.</param>
/// <param name="Selector">The WasmPlugin's workload labels.</param>
/// <param name="Phase">The WasmPlugin phase (UNSPECIFIED_PHASE, AUTHN, AUTHZ, STATS).</param>
internal sealed record DeploymentSettings(
    string Name,
    string RootId,
    FilterConfiguration? Configuration,
    Uri Upstream,
    ListenEndpoint Listen,
    EnvoyCodeSource Code,
    Uri? ModuleUri,
    string? ModuleFile,
    string? Namespace,
    IReadOnlyDictionary<string, string> Selector,
    string Phase);
