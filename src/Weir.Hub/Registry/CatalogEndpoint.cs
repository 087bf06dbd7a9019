using System.Text.Json;
using Weir.Hub.Metadata;

namespace Weir.Hub.Registry;

/// <summary><c>GET /v2/_catalog[?n=&amp;last=]</c>: the repositories the caller may pull, in byte order.</summary>
internal sealed class CatalogEndpoint
{
    private readonly IMetadataStore metadata;

    public CatalogEndpoint(IMetadataStore metadata)
    {
        this.metadata = metadata;
    }

    public async Task GetAsync(RegistryRequest request)
    {
        // Unlike tags, the catalog is always paged: a registry-wide listing must stay bounded.
        var page = PageRequest.Parse(request.Request);
        page = page with { Size = page.Size ?? PageRequest.MaxPageSize };
        IReadOnlyList<string> names = page.Size == 0
            ? []
            : await metadata.ListRepositoriesAsync(request.Caller.UserId, page.After, page.FetchCount, request.Aborted).ConfigureAwait(false);
        names = page.Apply(names, request.Response, "/v2/_catalog");

        request.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(request.Response.BodyWriter, RegistryJson.WriterOptions);
        writer.WriteStartObject();
        writer.WriteStartArray("repositories");
        foreach (var name in names)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        await request.Response.BodyWriter.FlushAsync(request.Aborted).ConfigureAwait(false);
    }
}
