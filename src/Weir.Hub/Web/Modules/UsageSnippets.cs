using System.Globalization;
using System.Text;
using Weir.Hub.Web.Layout;

namespace Weir.Hub.Web.Modules;

/// <summary>
/// How to use a module, pinned to its manifest digest: <c>weir pull</c>, a Weir gateway filter, an Envoy
/// <c>envoy.filters.http.wasm</c> filter and an Istio <c>WasmPlugin</c>. The Envoy block fetches the module
/// straight from the hub when it can (a public repository whose layer is the raw module); otherwise it
/// loads a local file that <c>weir pull</c> wrote.
/// </summary>
internal static class UsageSnippets
{
    public static IReadOnlyList<UsageSnippet> Create(string scheme, string host, string repository, bool repositoryIsPublic, string? tag, ModuleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var artifact = report.Artifact;
        var manifestDigest = artifact.ManifestDigest;
        var pinned = $"{host}/{repository}@{manifestDigest}";
        var name = FilterName(repository);
        var rootId = report.RootIds.Count > 0 ? report.RootIds[0] : string.Empty;
        var otherRootIds = report.RootIds.Count > 1 ? "  # other root ids: " + string.Join(", ", report.RootIds.Skip(1)) : string.Empty;
        var moduleSha256 = artifact.ModuleDigest.Algorithm == "sha256" ? artifact.ModuleDigest.Encoded : Oci.Content.Digest.Compute(artifact.Module).Encoded;
        var label = tag is null ? manifestDigest : $"{repository}:{tag}";
        var login = repositoryIsPublic ? string.Empty : $"# private repository: sign in first with\n#   weir login {host} -u USER --password-stdin\n";

        var pull = new StringBuilder();
        pull.Append(login);
        pull.Append(CultureInfo.InvariantCulture, $"weir pull {pinned} -o {name}.wasm");

        var gateway = new StringBuilder();
        gateway.Append("filters:\n");
        gateway.Append(CultureInfo.InvariantCulture, $"  - name: {name}\n");
        gateway.Append(CultureInfo.InvariantCulture, $"    module: oci://{pinned}\n");
        gateway.Append(CultureInfo.InvariantCulture, $"    root_id: {Quote(rootId)}{otherRootIds}\n");
        gateway.Append("    configuration: {}");

        var envoy = new StringBuilder();
        envoy.Append("http_filters:\n");
        envoy.Append("  - name: envoy.filters.http.wasm\n");
        envoy.Append("    typed_config:\n");
        envoy.Append("      \"@type\": type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm\n");
        envoy.Append("      config:\n");
        envoy.Append(CultureInfo.InvariantCulture, $"        name: {name}\n");
        envoy.Append(CultureInfo.InvariantCulture, $"        root_id: {Quote(rootId)}{otherRootIds}\n");
        envoy.Append("        configuration:\n");
        envoy.Append("          \"@type\": type.googleapis.com/google.protobuf.StringValue\n");
        envoy.Append("          value: \"{}\"\n");
        envoy.Append("        vm_config:\n");
        envoy.Append("          runtime: envoy.wasm.runtime.v8\n");
        envoy.Append("          code:\n");
        string envoyNote;
        if (repositoryIsPublic && artifact.LayerIsModule)
        {
            envoy.Append("            remote:\n");
            envoy.Append("              http_uri:\n");
            envoy.Append(CultureInfo.InvariantCulture, $"                uri: {scheme}://{host}/v2/{repository}/blobs/{artifact.ModuleLayer.Digest.Value}\n");
            envoy.Append("                cluster: weir_hub\n");
            envoy.Append("                timeout: 10s\n");
            envoy.Append(CultureInfo.InvariantCulture, $"              sha256: {moduleSha256}\n");
            envoyNote = $"Envoy downloads the module from this hub and checks its SHA-256; define a cluster named weir_hub that reaches {host}.";
        }
        else
        {
            envoy.Append("            local:\n");
            envoy.Append(CultureInfo.InvariantCulture, $"              filename: /etc/envoy/wasm/{name}.wasm\n");
            envoy.Append(CultureInfo.InvariantCulture, $"        # weir pull {pinned} -o /etc/envoy/wasm/{name}.wasm\n");
            envoy.Append(CultureInfo.InvariantCulture, $"        # module sha256: {moduleSha256}\n");
            envoyNote = repositoryIsPublic
                ? "The module sits inside a tar+gzip layer, so Envoy cannot fetch it directly: pull it to the file named here first."
                : "The repository is private, so Envoy cannot fetch the module anonymously: pull it to the file named here first.";
        }

        envoy.Append("  - name: envoy.filters.http.router\n");
        envoy.Append("    typed_config:\n");
        envoy.Append("      \"@type\": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router");

        var istio = new StringBuilder();
        istio.Append("apiVersion: extensions.istio.io/v1alpha1\n");
        istio.Append("kind: WasmPlugin\n");
        istio.Append("metadata:\n");
        istio.Append(CultureInfo.InvariantCulture, $"  name: {name}\n");
        istio.Append("spec:\n");
        istio.Append(CultureInfo.InvariantCulture, $"  url: oci://{pinned}\n");
        istio.Append(CultureInfo.InvariantCulture, $"  sha256: {Display.DigestHex(manifestDigest)}\n");
        istio.Append("  imagePullPolicy: IfNotPresent\n");
        if (!repositoryIsPublic)
        {
            istio.Append("  imagePullSecret: weir-hub-credentials\n");
        }

        if (rootId.Length > 0)
        {
            istio.Append(CultureInfo.InvariantCulture, $"  pluginName: {Quote(rootId)}\n");
        }

        istio.Append("  pluginConfig: {}");

        return
        [
            new UsageSnippet("snippet-pull", "Pull with weir", pull.ToString(), $"Fetches {label}, pinned to its digest, and writes the module to {name}.wasm."),
            new UsageSnippet("snippet-gateway", "Weir gateway filter", gateway.ToString(), $"Add it to the gateway configuration and list {name} under a listener's or route's filters."),
            new UsageSnippet("snippet-envoy", "Envoy HTTP filter", envoy.ToString(), envoyNote),
            new UsageSnippet("snippet-istio", "Istio WasmPlugin", istio.ToString(), "Without a selector the plugin applies to every workload in its namespace; spec.sha256 pins the manifest digest."),
        ];
    }

    /// <summary>The repository's last path component, which is already a valid filter and Kubernetes-style name.</summary>
    public static string FilterName(string repository)
    {
        var last = repository[(repository.LastIndexOf('/') + 1)..];
        var name = new string(last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray()).Trim('-', '.');
        return name.Length > 0 ? name : "module";
    }

    /// <summary>A YAML double-quoted scalar: root ids are arbitrary strings.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var character in value)
        {
            switch (character)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case < ' ':
                    text.Append(CultureInfo.InvariantCulture, $"\\x{(int)character:x2}");
                    break;
                default:
                    text.Append(character);
                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
