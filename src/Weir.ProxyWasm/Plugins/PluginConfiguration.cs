using System.Text;

namespace Weir.ProxyWasm;

/// <summary>
/// A plugin's configuration, as Envoy's <c>PluginConfig</c>: its name, root id, vm id, the plugin
/// and VM configuration bytes (<c>proxy_on_configure</c>, <c>proxy_on_vm_start</c>), its failure
/// policy and limits.
/// </summary>
public sealed record PluginConfiguration
{
    /// <summary>The plugin's name (<c>plugin_name</c>), used in logs.</summary>
    public required string Name { get; init; }

    /// <summary>The root id (<c>plugin_root_id</c>); SDKs pick the root context by it (AssemblyScript's <c>registerRootContext</c> name).</summary>
    public string RootId { get; init; } = string.Empty;

    /// <summary>The vm id (<c>plugin_vm_id</c>): plugins with the same vm id share shared data and queues.</summary>
    public string VmId { get; init; } = string.Empty;

    /// <summary>The plugin configuration, read in <c>proxy_on_configure</c> (Envoy passes a Struct as JSON text).</summary>
    public ReadOnlyMemory<byte> Configuration { get; init; }

    /// <summary>The VM configuration, read in <c>proxy_on_vm_start</c>.</summary>
    public ReadOnlyMemory<byte> VmConfiguration { get; init; }

    /// <summary>What streams get when the filter fails.</summary>
    public FailurePolicy FailurePolicy { get; init; } = FailurePolicy.FailClosed;

    /// <summary>Memory, time, pool and buffering limits.</summary>
    public PluginLimits Limits { get; init; } = PluginLimits.Default;

    /// <summary>The environment the guest sees through WASI (nothing of the host's own environment is passed).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>The plugin's log level: guest entries below it are dropped, and <c>proxy_get_log_level</c> returns it.</summary>
    public ProxyLogLevel LogLevel { get; init; } = ProxyLogLevel.Info;

    /// <summary>
    /// Binds <c>env</c> imports the host does not know to stubs that return UNIMPLEMENTED (or do nothing),
    /// instead of refusing the module. Off by default, so a typo in an import fails loudly.
    /// </summary>
    public bool AllowUnknownImports { get; init; }

    /// <summary>The plugin configuration as UTF-8 text.</summary>
    public string ConfigurationText
    {
        get => Encoding.UTF8.GetString(Configuration.Span);
        init => Configuration = Encoding.UTF8.GetBytes(value ?? string.Empty);
    }

    /// <summary>The VM configuration as UTF-8 text.</summary>
    public string VmConfigurationText
    {
        get => Encoding.UTF8.GetString(VmConfiguration.Span);
        init => VmConfiguration = Encoding.UTF8.GetBytes(value ?? string.Empty);
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("a plugin needs a name", nameof(Name));
        }

        ArgumentNullException.ThrowIfNull(RootId, nameof(RootId));
        ArgumentNullException.ThrowIfNull(VmId, nameof(VmId));
        ArgumentNullException.ThrowIfNull(Limits, nameof(Limits));
        if (Limits.MaxVms < 1)
        {
            throw new ArgumentException($"plugin '{Name}': MaxVms must be at least 1, not {Limits.MaxVms}");
        }

        if (Limits.MaxMemoryBytes < 65_536)
        {
            throw new ArgumentException($"plugin '{Name}': MaxMemoryBytes must be at least one 64 KiB page, not {Limits.MaxMemoryBytes}");
        }

        if (Limits.CallbackTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"plugin '{Name}': CallbackTimeout must be positive, not {Limits.CallbackTimeout}");
        }

        if (Limits.MaxBufferedBodyBytes < 0)
        {
            throw new ArgumentException($"plugin '{Name}': MaxBufferedBodyBytes must not be negative");
        }
    }
}
