using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Weir.Cli.Registry;
using Weir.Cli.Workflow.Shared;
using Weir.Oci.Content;
using Weir.Oci.Formats;
using Weir.Oci.Registry;
using Weir.Oci.Store;

namespace Weir.Cli.Workflow.Deploy;

/// <summary>
/// <c>weir deploy weir|envoy|istio REF</c>: writes a ready configuration for the Weir gateway, an Envoy
/// bootstrap or an Istio <c>WasmPlugin</c>, with the module pinned by digest.
/// </summary>
internal static partial class DeployCommand
{
    private const string DefaultListen = "127.0.0.1:8080";
    private const string DefaultUpstream = "http://127.0.0.1:9000";

    private const string Description =
        "Write the configuration that runs a module: 'weir' a Weir gateway configuration (weir proxy -c FILE), " +
        "'envoy' an Envoy v3 bootstrap with envoy.filters.http.wasm (envoy -c FILE), " +
        "'istio' an extensions.istio.io/v1alpha1 WasmPlugin (kubectl apply -f FILE). " +
        "The module is pinned by digest; REF is looked up in the local store and pulled when it is not there.\n" +
        "Examples:\n" +
        "  weir deploy weir 127.0.0.1:5000/hello-filter:v1 --upstream http://127.0.0.1:9000 -o gateway.yaml\n" +
        "  weir deploy envoy 127.0.0.1:5000/hello-filter:v1 --config '{\"value\":\"hi\"}' -o envoy.yaml\n" +
        "  weir deploy istio ghcr.io/me/hello-filter:v1 --config-file config.json --selector app=reviews -n shop\n" +
        WorkflowExitCodes.HelpText;

    public static Command Create()
    {
        var target = new Argument<string?>("target") { Description = "What to write for: weir, envoy or istio.", Arity = ArgumentArity.ZeroOrOne };
        target.CompletionSources.Add(DeployTargets.Names);
        var reference = new Argument<string?>("reference") { Description = "The module: [registry[:port]/]repository[:tag][@digest].", Arity = ArgumentArity.ZeroOrOne };
        var upstream = new Option<string?>("--upstream") { Description = $"weir, envoy: the service behind the proxy (default {DefaultUpstream})." };
        var configuration = new Option<string?>("--config") { Description = "The plugin configuration the filter receives, usually JSON (a JSON object for istio)." };
        var configurationFile = new Option<string?>("--config-file") { Description = "Read the plugin configuration from this file (e.g. the project's config.json)." };
        var rootId = new Option<string?>("--root-id") { Description = "The root id; default: the one in the module's runtime config." };
        var name = new Option<string?>("--name") { Description = "The filter's name in the configuration; default: the repository's last component." };
        var listen = new Option<string?>("--listen") { Description = $"weir, envoy: where the proxy listens, host:port (default {DefaultListen})." };
        var code = new Option<string?>("--code") { Description = "envoy: 'remote' (Envoy downloads the module blob from the registry and checks its sha256; the default for raw-module formats) or 'local' (a file; see --module-file)." };
        code.CompletionSources.Add("remote", "local");
        var moduleFile = new Option<string?>("--module-file") { Description = "envoy: the module's path where Envoy runs (implies --code local); default: the module's file in the local store." };
        var kubernetesNamespace = new Option<string?>("--namespace", "-n") { Description = "istio: the WasmPlugin's namespace." };
        var selectors = new Option<string[]>("--selector") { Description = "istio: a workload label KEY=VALUE (repeatable); default: app=NAME." };
        var phase = new Option<string?>("--phase") { Description = "istio: where the filter runs: unspecified (default), authn, authz, stats." };
        phase.CompletionSources.Add("unspecified", "authn", "authz", "stats");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var json = new Option<bool>("--json") { Description = "Write the configuration as JSON instead of YAML." };
        var connection = new RegistryConnectionOptions();
        var command = new Command("deploy", Description)
        {
            target, reference, upstream, configuration, configurationFile, rootId, name, listen, code, moduleFile, kubernetesNamespace, selectors, phase, output, json,
        };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => WorkflowCommandRunner.RunAsync("deploy", Console.Error, () => RunAsync(
            new DeployRequest(
                parseResult.GetValue(target),
                parseResult.GetValue(reference),
                parseResult.GetValue(upstream),
                parseResult.GetValue(configuration),
                parseResult.GetValue(configurationFile),
                parseResult.GetValue(rootId),
                parseResult.GetValue(name),
                parseResult.GetValue(listen),
                parseResult.GetValue(code),
                parseResult.GetValue(moduleFile),
                parseResult.GetValue(kubernetesNamespace),
                parseResult.GetValue(selectors) ?? [],
                parseResult.GetValue(phase),
                parseResult.GetValue(output),
                parseResult.GetValue(json),
                connection.PlainHttp(parseResult)),
            LocalStore.OpenDefault(),
            () => connection.CreateClient(parseResult),
            Console.Out,
            Console.Error,
            cancellationToken)));
        return command;
    }

    /// <summary>Writes the configuration for <see cref="DeployRequest.Target"/>.</summary>
    /// <exception cref="WorkflowException">An option is wrong, or the module cannot be deployed that way.</exception>
    public static async Task<int> RunAsync(
        DeployRequest request,
        LocalStore store,
        Func<RegistryClient> createClient,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (request.Target is null)
        {
            throw WorkflowException.Usage($"give what to deploy to ({string.Join(", ", DeployTargets.Names)}) and the module: weir deploy weir REGISTRY/REPOSITORY:TAG");
        }

        if (!DeployTargets.TryParse(request.Target, out var target))
        {
            throw WorkflowException.Usage($"'{request.Target}' is not a deployment target; choose {string.Join(", ", DeployTargets.Names)}");
        }

        if (request.Reference is null)
        {
            throw WorkflowException.Usage($"give the module to deploy: weir deploy {request.Target} REGISTRY/REPOSITORY:TAG");
        }

        var reference = Reference.TryParse(request.Reference, out var parsed)
            ? parsed
            : throw WorkflowException.Usage($"'{request.Reference}' is not a reference: expected [registry[:port]/]repository[:tag][@sha256:…]");
        CheckOptionsApply(request, target.Value);
        var configuration = FilterConfiguration.Read(request.Configuration, request.ConfigurationFile);
        if (target == DeployTarget.Istio && configuration is not null && configuration.Json is not JsonObject)
        {
            throw WorkflowException.Usage("--config: an Istio WasmPlugin's pluginConfig is a JSON object, e.g. --config '{\"header\":\"x-weir-filter\"}'");
        }

        var name = request.Name ?? DefaultName(reference);
        if (!NamePattern().IsMatch(name))
        {
            throw WorkflowException.Usage($"--name '{name}' is not valid: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (a Kubernetes name)");
        }

        var upstream = ParseUpstream(request.Upstream ?? DefaultUpstream, target.Value);
        var listen = ListenEndpoint.Parse(request.Listen ?? DefaultListen, "--listen");
        var selector = ParseSelectors(request.Selectors, name);
        var phase = ParsePhase(request.Phase);
        var requestedCode = ParseCode(request);

        var (module, fromLocalStore) = await DeploymentModuleResolver.ResolveAsync(reference, store, createClient, error, cancellationToken).ConfigureAwait(false);
        var rootId = ChooseRootId(request.RootId, module);
        var code = requestedCode ?? (module.ModuleLayerIsRaw ? EnvoyCodeSource.Remote : EnvoyCodeSource.Local);
        Uri? moduleUri = null;
        if (target == DeployTarget.Envoy && code == EnvoyCodeSource.Remote)
        {
            if (!module.ModuleLayerIsRaw)
            {
                throw new WorkflowException($"{reference} is in the {ModuleFormats.ToName(module.Format)} format: its module is inside a tar+gzip layer, which Envoy cannot download as is; use --code local, or build with --format solo");
            }

            moduleUri = ModuleBlobUri(module, request.PlainHttp);
        }

        if (target == DeployTarget.Istio && module.Format is not (ModuleFormat.Solo or ModuleFormat.Compat or ModuleFormat.CompatDocker))
        {
            throw new WorkflowException($"{reference} is in the {ModuleFormats.ToName(module.Format)} format, which Istio cannot pull; build or push it with --format solo (or compat)");
        }

        var settings = new DeploymentSettings(name, rootId, configuration, upstream, listen, code, moduleUri, request.ModuleFile ?? module.ModulePath, request.Namespace, selector, phase);
        var (document, comments) = target switch
        {
            DeployTarget.Weir => (WeirGatewayDocument.Build(module, settings), WeirComments(module, request.Output)),
            DeployTarget.Envoy => (EnvoyBootstrapDocument.Build(module, settings), EnvoyComments(module, settings, request.Output)),
            _ => (IstioWasmPluginDocument.Build(module, settings), IstioComments(module, request.Output)),
        };
        if (rootId.Length == 0)
        {
            await error.WriteLineAsync($"warning: {reference} lists no root id in its runtime config and none was given (--root-id); filters that check it will refuse to start").ConfigureAwait(false);
        }

        var text = request.Json ? document.ToJsonString(WorkflowJson.Options) + Environment.NewLine : YamlText.Write(document, comments);
        if (request.Output is null)
        {
            await output.WriteAsync(text).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await File.WriteAllTextAsync(request.Output, text, cancellationToken).ConfigureAwait(false);
            await error.WriteLineAsync($"Wrote {request.Output}: {comments[0]}").ConfigureAwait(false);
        }

        if (fromLocalStore && target != DeployTarget.Weir)
        {
            await error.WriteLineAsync($"note: {module.Pinned} came from the local store; the proxy pulls it from {reference.Registry}, so push it there first if you have not: weir push {reference}").ConfigureAwait(false);
        }

        return WorkflowExitCodes.Success;
    }

    private static void CheckOptionsApply(DeployRequest request, DeployTarget target)
    {
        var notFor = new List<string>();
        if (target == DeployTarget.Istio)
        {
            AddIf(request.Upstream, "--upstream");
            AddIf(request.Listen, "--listen");
        }

        if (target != DeployTarget.Envoy)
        {
            AddIf(request.Code, "--code");
            AddIf(request.ModuleFile, "--module-file");
        }

        if (target != DeployTarget.Istio)
        {
            AddIf(request.Namespace, "--namespace");
            AddIf(request.Phase, "--phase");
            if (request.Selectors.Count > 0)
            {
                notFor.Add("--selector");
            }
        }

        if (notFor.Count > 0)
        {
            throw WorkflowException.Usage($"{string.Join(", ", notFor)} {(notFor.Count == 1 ? "does" : "do")} not apply to '{DeployTargets.Names[(int)target]}'");
        }

        void AddIf(string? value, string option)
        {
            if (value is not null)
            {
                notFor.Add(option);
            }
        }
    }

    private static string DefaultName(Reference reference)
    {
        var last = reference.Repository[(reference.Repository.LastIndexOf('/') + 1)..];
        var name = last.Replace('_', '-').Trim('-', '.');
        return name.Length == 0 ? "filter" : name;
    }

    private static Uri ParseUpstream(string text, DeployTarget target)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw WorkflowException.Usage($"--upstream '{text}' is not an http:// or https:// URL (e.g. {DefaultUpstream})");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw WorkflowException.Usage($"--upstream '{text}': give scheme, host, port and optionally a path; no query, fragment or user name");
        }

        if (target == DeployTarget.Envoy && uri.AbsolutePath != "/")
        {
            throw WorkflowException.Usage($"--upstream '{text}': an Envoy cluster is a host and port; a path prefix needs a route rewrite, which this bootstrap does not write");
        }

        return uri;
    }

    private static Dictionary<string, string> ParseSelectors(IReadOnlyList<string> selectors, string name)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var selector in selectors)
        {
            var equals = selector.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw WorkflowException.Usage($"--selector '{selector}' must be KEY=VALUE, e.g. app=reviews");
            }

            labels[selector[..equals].Trim()] = selector[(equals + 1)..].Trim();
        }

        if (labels.Count == 0)
        {
            labels["app"] = name;
        }

        return labels;
    }

    private static string ParsePhase(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "unspecified" or "unspecified_phase" => "UNSPECIFIED_PHASE",
        "authn" => "AUTHN",
        "authz" => "AUTHZ",
        "stats" => "STATS",
        _ => throw WorkflowException.Usage($"--phase '{text}' is not one of unspecified, authn, authz, stats"),
    };

    private static EnvoyCodeSource? ParseCode(DeployRequest request)
    {
        var code = request.Code?.Trim().ToLowerInvariant() switch
        {
            null => (EnvoyCodeSource?)null,
            "remote" => EnvoyCodeSource.Remote,
            "local" => EnvoyCodeSource.Local,
            _ => throw WorkflowException.Usage($"--code '{request.Code}' is not remote or local"),
        };
        if (request.ModuleFile is not null)
        {
            if (code == EnvoyCodeSource.Remote)
            {
                throw WorkflowException.Usage("--module-file is for --code local; remote code is downloaded from the registry");
            }

            code = EnvoyCodeSource.Local;
        }

        return code;
    }

    private static string ChooseRootId(string? given, DeploymentModule module)
    {
        if (given is not null)
        {
            return given.Trim();
        }

        return module.RootIds.Count switch
        {
            0 => string.Empty,
            1 => module.RootIds[0],
            _ => throw WorkflowException.Usage($"{module.Reference} registers several root ids ({string.Join(", ", module.RootIds)}); choose one with --root-id"),
        };
    }

    private static Uri ModuleBlobUri(DeploymentModule module, bool plainHttp)
    {
        using var client = new RegistryClient(new RegistryClientOptions { PlainHttp = plainHttp });
        var baseUri = client.GetBaseUri(module.Reference.Registry);
        return new Uri(baseUri, $"v2/{module.Reference.Repository}/blobs/{module.ModuleDigest.Value}");
    }

    private static List<string> WeirComments(DeploymentModule module, string? file) =>
    [
        $"Weir gateway configuration for oci://{module.Reference} (manifest {module.ManifestDigest}, module {module.ModuleDigest}).",
        $"Run it: weir proxy -c {file ?? "gateway.yaml"}",
    ];

    private static List<string> EnvoyComments(DeploymentModule module, DeploymentSettings settings, string? file)
    {
        var comments = new List<string>
        {
            $"Envoy v3 bootstrap for oci://{module.Reference} (manifest {module.ManifestDigest}, module {module.ModuleDigest}).",
            $"Run it: envoy -c {file ?? "envoy.yaml"}   (listens on {settings.Listen}, forwards to {settings.Upstream.GetLeftPart(UriPartial.Authority)})",
        };
        comments.Add(settings.Code == EnvoyCodeSource.Remote
            ? $"Envoy downloads the module from {settings.ModuleUri} and checks its sha256; the repository must allow anonymous pulls."
            : $"Envoy reads the module from {settings.ModuleFile}; copy it there when Envoy runs elsewhere (weir pull {module.Reference} -o FILE).");
        return comments;
    }

    private static List<string> IstioComments(DeploymentModule module, string? file) =>
    [
        $"Istio WasmPlugin for oci://{module.Reference} (manifest {module.ManifestDigest}).",
        $"Apply it: kubectl apply -f {file ?? "wasmplugin.yaml"}",
    ];

    [GeneratedRegex("^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
