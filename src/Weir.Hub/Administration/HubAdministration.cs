using Weir.Hub.Auth;
using Weir.Hub.Hosting;
using Weir.Hub.Metadata;
using Weir.Hub.Storage;

namespace Weir.Hub.Administration;

/// <summary>
/// Administrative operations on a hub's data directory and database that do not need a running server
/// (and are safe while one runs): tokens, organisations, visibility, garbage collection.
/// </summary>
internal sealed class HubAdministration : IAsyncDisposable
{
    private readonly HubOptions options;
    private readonly HubPaths paths;
    private readonly TimeProvider time;

    private HubAdministration(HubOptions options, HubPaths paths, IMetadataStore metadata, TimeProvider time)
    {
        this.options = options;
        this.paths = paths;
        this.time = time;
        Metadata = metadata;
    }

    public IMetadataStore Metadata { get; }

    public static async Task<HubAdministration> OpenAsync(HubOptions options, CancellationToken cancellationToken)
    {
        var paths = new HubPaths(options.DataDirectory);
        Directory.CreateDirectory(paths.Root);
        var metadata = await MetadataStoreFactory.OpenAsync(options.DatabaseUrl, paths.SqliteDatabase, cancellationToken).ConfigureAwait(false);
        return new HubAdministration(options, paths, metadata, TimeProvider.System);
    }

    /// <inheritdoc cref="AccessTokenService.CreateAsync"/>
    public ValueTask<(string Secret, AccessTokenRecord Token, bool UserCreated)> CreateTokenAsync(
        string userName,
        AccessScopes scopes,
        string? tokenName,
        DateTimeOffset? expiresAt,
        CancellationToken cancellationToken) =>
        new AccessTokenService(Metadata, time).CreateAsync(userName, scopes, tokenName, expiresAt, cancellationToken);

    /// <summary>Creates an organisation owned by <paramref name="ownerName"/> (created if needed).</summary>
    /// <exception cref="ArgumentException">A name is invalid.</exception>
    /// <exception cref="MetadataConflictException">The name is taken.</exception>
    public async Task<OrganizationRecord> CreateOrganizationAsync(string name, string ownerName, CancellationToken cancellationToken)
    {
        ValidateName(name, "organisation");
        ValidateName(ownerName, "user");
        var (owner, _) = await Metadata.EnsureUserAsync(ownerName, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await Metadata.CreateOrganizationAsync(name, owner.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <paramref name="userName"/> (created if needed) to an existing organisation.</summary>
    /// <exception cref="ArgumentException">The organisation does not exist or a name is invalid.</exception>
    public async Task AddMemberAsync(string organizationName, string userName, CancellationToken cancellationToken)
    {
        ValidateName(userName, "user");
        var organization = await Metadata.FindOrganizationAsync(organizationName, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"There is no organisation '{organizationName}'.", nameof(organizationName));
        var (user, _) = await Metadata.EnsureUserAsync(userName, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await Metadata.AddOrganizationMemberAsync(organization.Id, user.Id, "member", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a repository public or private; false when it does not exist.</summary>
    public ValueTask<bool> SetVisibilityAsync(string repository, bool isPublic, CancellationToken cancellationToken) =>
        Metadata.SetRepositoryVisibilityAsync(repository, isPublic, cancellationToken);

    /// <summary>Runs one garbage collection pass over the data directory.</summary>
    public async Task<GarbageCollectionReport> CollectGarbageAsync(CancellationToken cancellationToken)
    {
        using var uploads = new UploadStore(paths.Uploads, time);
        var collector = new GarbageCollector(Metadata, new FileSystemBlobStore(paths.Blobs), uploads, options, time);
        return await collector.CollectAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => Metadata.DisposeAsync();

    private static void ValidateName(string name, string what)
    {
        if (AccountName.Validate(name) is { } problem)
        {
            throw new ArgumentException($"Invalid {what} name '{name}': {problem}.", nameof(name));
        }
    }
}
