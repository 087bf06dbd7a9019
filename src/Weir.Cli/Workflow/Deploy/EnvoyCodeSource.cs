namespace Weir.Cli.Workflow.Deploy;

/// <summary>Where Envoy reads the module from (<c>vm_config.code</c>).</summary>
internal enum EnvoyCodeSource
{
    /// <summary><c>remote</c>: Envoy downloads the module blob over HTTP from the registry and checks its SHA-256.</summary>
    Remote,

    /// <summary><c>local</c>: a file on Envoy's machine.</summary>
    Local,
}
