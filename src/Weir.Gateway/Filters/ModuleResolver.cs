using System.Security.Cryptography;
using Weir.Gateway.Configuration;
using Weir.Gateway.Hosting;
using Weir.Oci.Content;
using Weir.Oci.Registry;
using Weir.Oci.Registry.Authentication;
using Weir.Oci.Store;
using Weir.Oci.Transfers;
using Weir.ProxyWasm;

namespace Weir.Gateway.Filters;

/// <summary>
/// Finds a filter's module bytes (a file, or an OCI reference in the local store, pulled when missing),
/// checks the optional SHA-256 pin, and compiles each distinct module once: reloads that keep the bytes
/// reuse the compiled module.
/// </summary>
internal sealed class ModuleResolver
{
    private readonly ProxyWasmRuntime _runtime;
    private readonly string? _storePath;
    private readonly Lock _lock = new();
    private Dictionary<string, ProxyWasmModule> _compiled = new(StringComparer.Ordinal);

    public ModuleResolver(ProxyWasmRuntime runtime, string? storePath)
    {
        _runtime = runtime;
        _storePath = storePath;
    }

    /// <exception cref="ModuleResolutionException">The module is missing, does not match its pin, or is not a usable proxy-wasm module.</exception>
    public async Task<ResolvedModule> ResolveAsync(FilterDefinition filter, CancellationToken cancellationToken)
    {
        var bytes = filter.Module.Kind == ModuleSourceKind.File
            ? await ReadFileAsync(filter.Module.Location, cancellationToken).ConfigureAwait(false)
            : await ReadReferenceAsync(filter.Module.Location, cancellationToken).ConfigureAwait(false);

        // A pull ends on whichever thread its last read completed on, possibly a socket I/O thread; compiling
        // to machine code and starting the plugin's first VM take long enough to stall its connections.
        await IoThreads.LeaveAsync();
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (filter.Sha256 is { } expected && !string.Equals(expected, digest, StringComparison.Ordinal))
        {
            throw new ModuleResolutionException("sha256", $"the module's SHA-256 is {digest}, not the pinned {expected}");
        }

        lock (_lock)
        {
            if (_compiled.TryGetValue(digest, out var cached))
            {
                return new ResolvedModule(cached, digest);
            }
        }

        ProxyWasmModule module;
        try
        {
            module = _runtime.CompileModule(bytes, filter.Name);
        }
        catch (ProxyWasmModuleException exception)
        {
            throw new ModuleResolutionException("module", $"{filter.Module} is not a usable proxy-wasm module: {exception.Message}");
        }

        lock (_lock)
        {
            _compiled[digest] = module;
        }

        return new ResolvedModule(module, digest);
    }

    /// <summary>Forgets compiled modules no running filter uses (running plugins keep their own reference).</summary>
    public void Retain(IEnumerable<string> digests)
    {
        var keep = digests.ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            _compiled = _compiled.Where(entry => keep.Contains(entry.Key)).ToDictionary(StringComparer.Ordinal);
        }
    }

    private static async Task<byte[]> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ModuleResolutionException("module", $"cannot read '{path}': {exception.Message}");
        }
    }

    private async Task<byte[]> ReadReferenceAsync(string location, CancellationToken cancellationToken)
    {
        var reference = Reference.Parse(location);
        var store = _storePath is null ? LocalStore.OpenDefault() : new LocalStore(_storePath);
        StoredModule stored;
        try
        {
            stored = await store.ResolveModuleAsync(reference, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreEntryNotFoundException)
        {
            stored = await PullAsync(store, reference, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException exception)
        {
            throw new ModuleResolutionException("module", $"oci://{location} holds no WebAssembly module: {exception.Message}");
        }

        return await stored.ReadModuleAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<StoredModule> PullAsync(LocalStore store, Reference reference, CancellationToken cancellationToken)
    {
        using var client = new RegistryClient(new RegistryClientOptions { CredentialStore = CredentialStore.CreateDefault() });
        try
        {
            var pulled = await new ModuleTransfer(store, client).PullAsync(reference, progress: null, cancellationToken).ConfigureAwait(false);
            return pulled.Module;
        }
        catch (Exception exception) when (exception is RegistryException or HttpRequestException or FormatException or DigestMismatchException or IOException)
        {
            throw new ModuleResolutionException("module", $"oci://{reference} is not in the local store and pulling it failed: {exception.Message}");
        }
    }
}
