using Weir.Cli.Registry;
using Weir.Oci.Content;
using Weir.Oci.Registry;
using Weir.Oci.Store;
using Weir.Oci.Transfers;

namespace Weir.Cli.Workflow.Deploy;

/// <summary>Finds the module to deploy in the local store, pulling it first when it is not there, so the digests written are the real ones.</summary>
internal static class DeploymentModuleResolver
{
    /// <summary>Resolves <paramref name="reference"/>; the flag says whether it came from the local store (it may not be pushed yet).</summary>
    public static async Task<(DeploymentModule Module, bool FromLocalStore)> ResolveAsync(
        Reference reference,
        LocalStore store,
        Func<RegistryClient> createClient,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        var local = store.Find(reference) is not null;
        if (!local)
        {
            await error.WriteLineAsync($"{reference} is not in the local store; pulling it from {reference.Registry}").ConfigureAwait(false);
            using var client = createClient();
            await new ModuleTransfer(store, client).PullAsync(reference, new ProgressRenderer("pulled", quiet: false), cancellationToken).ConfigureAwait(false);
        }

        var stored = await store.ResolveModuleAsync(reference, cancellationToken).ConfigureAwait(false);
        var module = new DeploymentModule(reference, stored.ManifestDigest, stored.ModuleDigest, stored.Format, stored.ModulePath, stored.RuntimeConfig?.RootIds ?? []);
        return (module, local);
    }
}
