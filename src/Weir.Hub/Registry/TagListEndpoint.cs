using System.Text.Json;
using Weir.Hub.Auth;
using Weir.Hub.Metadata;

namespace Weir.Hub.Registry;

/// <summary><c>GET /v2/&lt;name&gt;/tags/list[?n=&amp;last=]</c>: tags in byte order, paginated with <c>Link</c>.</summary>
internal sealed class TagListEndpoint
{
    private readonly IMetadataStore metadata;
    private readonly RegistryAuthorization authorization;

    public TagListEndpoint(IMetadataStore metadata, RegistryAuthorization authorization)
    {
        this.metadata = metadata;
        this.authorization = authorization;
    }

    public async Task GetAsync(RegistryRequest request)
    {
        var rights = await authorization.RequireAsync(request, request.Name, AccessScopes.Pull).ConfigureAwait(false);
        var repository = rights.Repository ?? throw RegistryException.NameUnknown(request.Name);
        var page = PageRequest.Parse(request.Request);
        var tags = page.Size == 0
            ? []
            : await metadata.ListTagsAsync(repository.Id, page.After, page.FetchCount, request.Aborted).ConfigureAwait(false);
        tags = page.Apply(tags, request.Response, $"/v2/{request.Name}/tags/list");

        request.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(request.Response.BodyWriter, RegistryJson.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("name", request.Name);
        writer.WriteStartArray("tags");
        foreach (var tag in tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        await request.Response.BodyWriter.FlushAsync(request.Aborted).ConfigureAwait(false);
    }
}
