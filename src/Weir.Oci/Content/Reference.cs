using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Weir.Oci.Content;

/// <summary>
/// A parsed image reference, <c>[oci://][registry[:port]/]repository[:tag][@digest]</c>.
/// </summary>
/// <remarks>
/// Follows the distribution reference grammar: the first path component is a registry only when it
/// contains a <c>.</c> or a <c>:</c>, or is <c>localhost</c>; otherwise the reference lives on the
/// default registry (<see cref="DefaultRegistry"/>, where single-component names get Docker's
/// <c>library/</c> prefix). A reference with neither tag nor digest means tag <c>latest</c>.
/// Repository names must match <c>[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*</c>,
/// so they are lowercase and contain no empty components and no <c>..</c>.
/// </remarks>
public sealed partial class Reference : IEquatable<Reference>
{
    /// <summary>The registry used when a reference names none (Docker Hub, as in other OCI tools).</summary>
    public const string DefaultRegistry = "docker.io";

    /// <summary>The tag implied by a reference with neither tag nor digest.</summary>
    public const string DefaultTag = "latest";

    /// <summary>The optional scheme prefix accepted in front of a reference (<c>oci://</c>).</summary>
    public const string OciScheme = "oci://";

    private const int MaxNameLength = 255;

    private Reference(string registry, string repository, string? tag, Digest? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host, with <c>:port</c> when one was given, lowercase (e.g. <c>127.0.0.1:5000</c>).</summary>
    public string Registry { get; }

    /// <summary>The repository name within the registry (e.g. <c>team/add-header</c>).</summary>
    public string Repository { get; }

    /// <summary>The tag, or <see langword="null"/> when the reference names only a digest.</summary>
    public string? Tag { get; }

    /// <summary>The digest, when the reference pins one.</summary>
    public Digest? Digest { get; }

    /// <summary>
    /// What a registry's <c>/v2/&lt;name&gt;/manifests/&lt;reference&gt;</c> path needs: the digest if pinned, else the tag.
    /// </summary>
    public string Identifier => Digest?.Value ?? Tag ?? DefaultTag;

    /// <summary><c>registry/repository</c>, without tag or digest.</summary>
    public string Name => Registry + "/" + Repository;

    /// <summary>Parses <paramref name="text"/>, throwing a <see cref="FormatException"/> that names the bad part.</summary>
    /// <param name="text">A reference such as <c>oci://127.0.0.1:5000/filters/add-header:v1</c>.</param>
    /// <param name="defaultRegistry">The registry for references that name none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a valid reference.</exception>
    public static Reference Parse(string text, string defaultRegistry = DefaultRegistry)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = TryParseCore(text, defaultRegistry, out var reference);
        return error is null ? reference! : throw new FormatException(error);
    }

    /// <summary>Parses <paramref name="text"/> without throwing.</summary>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid reference.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Reference? reference, string defaultRegistry = DefaultRegistry)
    {
        if (text is null)
        {
            reference = null;
            return false;
        }

        return TryParseCore(text, defaultRegistry, out reference) is null;
    }

    /// <summary>Creates a reference from parts, validating each one.</summary>
    /// <exception cref="FormatException">A part is invalid.</exception>
    public static Reference Create(string registry, string repository, string? tag = DefaultTag, Digest? digest = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(repository);
        var error = ValidateRegistry(registry) ?? ValidateRepository(repository) ?? (tag is null ? null : ValidateTag(tag));
        if (error is null && registry.Length + 1 + repository.Length > MaxNameLength)
        {
            error = $"Reference name '{registry}/{repository}' is longer than {MaxNameLength} characters.";
        }

        if (error is not null)
        {
            throw new FormatException(error);
        }

        return new Reference(registry.ToLowerInvariant(), repository, tag is null && digest is null ? DefaultTag : tag, digest);
    }

    /// <summary>Says whether <paramref name="repository"/> is a valid repository name per the distribution spec.</summary>
    public static bool IsValidRepository(string? repository) => repository is not null && ValidateRepository(repository) is null;

    /// <summary>Says whether <paramref name="tag"/> is a valid tag (<c>[A-Za-z0-9_][A-Za-z0-9._-]{0,127}</c>).</summary>
    public static bool IsValidTag(string? tag) => tag is not null && TagPattern().IsMatch(tag);

    /// <summary>Returns the same repository with <paramref name="tag"/> and no digest.</summary>
    /// <exception cref="FormatException">The tag is invalid.</exception>
    public Reference WithTag(string tag)
    {
        var error = ValidateTag(tag);
        return error is null ? new Reference(Registry, Repository, tag, null) : throw new FormatException(error);
    }

    /// <summary>Returns the same repository pinned to <paramref name="digest"/>, keeping the tag for display.</summary>
    public Reference WithDigest(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return new Reference(Registry, Repository, Tag, digest);
    }

    /// <summary>Returns the same repository pinned to <paramref name="digest"/> only (no tag).</summary>
    public Reference ByDigest(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return new Reference(Registry, Repository, null, digest);
    }

    /// <summary>The canonical text, <c>registry/repository[:tag][@digest]</c>, without a scheme.</summary>
    public override string ToString()
    {
        var text = Name;
        if (Tag is not null)
        {
            text += ":" + Tag;
        }

        if (Digest is not null)
        {
            text += "@" + Digest.Value;
        }

        return text;
    }

    /// <inheritdoc />
    public bool Equals(Reference? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Reference);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private static string? TryParseCore(string text, string defaultRegistry, out Reference? reference)
    {
        reference = null;
        var rest = text.Trim();
        if (rest.StartsWith(OciScheme, StringComparison.OrdinalIgnoreCase))
        {
            rest = rest[OciScheme.Length..];
        }
        else if (rest.Contains("://", StringComparison.Ordinal))
        {
            return $"Invalid reference '{text}': only the '{OciScheme}' scheme is accepted.";
        }

        if (rest.Length == 0)
        {
            return "A reference cannot be empty; expected [registry[:port]/]repository[:tag][@digest].";
        }

        Digest? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var digestText = rest[(at + 1)..];
            if (!Digest.TryParse(digestText, out digest))
            {
                try
                {
                    Digest.Parse(digestText);
                }
                catch (FormatException exception)
                {
                    return $"Invalid reference '{text}': {exception.Message}";
                }
            }

            rest = rest[..at];
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var lastColon = rest.LastIndexOf(':');
        if (lastColon > lastSlash)
        {
            tag = rest[(lastColon + 1)..];
            rest = rest[..lastColon];
            var tagError = ValidateTag(tag);
            if (tagError is not null)
            {
                return $"Invalid reference '{text}': {tagError}";
            }
        }

        string registry;
        string repository;
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash >= 0 ? rest[..firstSlash] : null;
        if (first is not null && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal)
            || first == "localhost" || first.StartsWith('[') || first.Any(char.IsAsciiLetterUpper)))
        {
            registry = first.ToLowerInvariant();
            repository = rest[(firstSlash + 1)..];
            var registryError = ValidateRegistry(registry);
            if (registryError is not null)
            {
                return $"Invalid reference '{text}': {registryError}";
            }
        }
        else
        {
            registry = defaultRegistry.ToLowerInvariant();
            repository = rest;
        }

        if (registry == "index.docker.io")
        {
            registry = DefaultRegistry;
        }

        if (registry == DefaultRegistry && repository.Length > 0 && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        var repositoryError = ValidateRepository(repository);
        if (repositoryError is not null)
        {
            return $"Invalid reference '{text}': {repositoryError}";
        }

        if (registry.Length + 1 + repository.Length > MaxNameLength)
        {
            return $"Invalid reference '{text}': the name is longer than {MaxNameLength} characters.";
        }

        reference = new Reference(registry, repository, tag ?? (digest is null ? DefaultTag : null), digest);
        return null;
    }

    private static string? ValidateRegistry(string registry)
    {
        if (registry.Length == 0)
        {
            return "the registry host is empty.";
        }

        return RegistryPattern().IsMatch(registry)
            ? null
            : $"'{registry}' is not a valid registry host (expected host[:port], e.g. 127.0.0.1:5000 or hub.example).";
    }

    private static string? ValidateRepository(string repository)
    {
        if (repository.Length == 0)
        {
            return "the repository name is missing.";
        }

        if (repository.Any(char.IsAsciiLetterUpper))
        {
            return $"repository name '{repository}' must be lowercase.";
        }

        foreach (var component in repository.Split('/'))
        {
            if (component.Length == 0)
            {
                return $"repository name '{repository}' has an empty path component.";
            }

            if (component.Contains("..", StringComparison.Ordinal))
            {
                return $"repository name '{repository}' must not contain '..'.";
            }

            if (!ComponentPattern().IsMatch(component))
            {
                return $"repository name component '{component}' is invalid: use lowercase letters and digits, separated by '.', '_', '__' or '-'.";
            }
        }

        return null;
    }

    private static string? ValidateTag(string tag) =>
        TagPattern().IsMatch(tag)
            ? null
            : $"tag '{tag}' is invalid: use up to 128 of [A-Za-z0-9_.-], not starting with '.' or '-'.";

    [GeneratedRegex("^[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ComponentPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex("^(?:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\\.(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?))*|\\[[0-9a-f:]+\\])(?::[0-9]{1,5})?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RegistryPattern();
}
