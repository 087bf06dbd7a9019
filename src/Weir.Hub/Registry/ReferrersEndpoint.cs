using System.Text.Json;
using Weir.Hub.Auth;
using Weir.Hub.Metadata;
using Weir.Oci.Content;

namespace Weir.Hub.Registry;

/// <summary>
/// <c>GET /v2/&lt;name&gt;/referrers/&lt;digest&gt;[?artifactType=]</c>: an image index of the manifests whose
/// <c>subject</c> is the digest. Never 404 for an unknown subject (clients would take that as "API
/// unsupported"): an empty index instead.
/// </summary>
internal sealed class ReferrersEndpoint
{
    private readonly IMetadataStore metadata;
    private readonly RegistryAuthorization authorization;

    public ReferrersEndpoint(IMetadataStore metadata, RegistryAuthorization authorization)
    {
        this.metadata = metadata;
        this.authorization = authorization;
    }

    public async Task GetAsync(RegistryRequest request)
    {
        var rights = await authorization.RequireAsync(request, request.Name, AccessScopes.Pull).ConfigureAwait(false);
        var subject = DigestArgument.Parse(request.Route.Reference, "the subject digest");
        var artifactType = RawQuery.Get(request.Request, "artifactType");
        if (string.IsNullOrEmpty(artifactType))
        {
            artifactType = null;
        }

        IReadOnlyList<ReferrerRecord> referrers = rights.Repository is { } repository
            ? await metadata.ListReferrersAsync(repository.Id, subject.Value, artifactType, request.Aborted).ConfigureAwait(false)
            : [];

        var response = request.Response;
        response.ContentType = MediaTypes.OciIndex;
        if (artifactType is not null)
        {
            response.Headers[RegistryHeaders.FiltersApplied] = "artifactType";
        }

        await using var writer = new Utf8JsonWriter(response.BodyWriter, RegistryJson.WriterOptions);
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion", 2);
        writer.WriteString("mediaType", MediaTypes.OciIndex);
        writer.WriteStartArray("manifests");
        foreach (var referrer in referrers)
        {
            writer.WriteStartObject();
            writer.WriteString("mediaType", referrer.MediaType);
            writer.WriteString("digest", referrer.Digest);
            writer.WriteNumber("size", referrer.Size);
            if (referrer.ArtifactType is not null)
            {
                writer.WriteString("artifactType", referrer.ArtifactType);
            }

            if (referrer.AnnotationsJson is not null)
            {
                writer.WritePropertyName("annotations");
                writer.WriteRawValue(referrer.AnnotationsJson, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        await response.BodyWriter.FlushAsync(request.Aborted).ConfigureAwait(false);
    }
}
