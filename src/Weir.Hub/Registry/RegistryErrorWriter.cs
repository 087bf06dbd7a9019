using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Weir.Hub.Registry;

/// <summary>Writes the spec's error body: <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
internal static class RegistryErrorWriter
{
    public static async Task WriteAsync(HttpContext context, RegistryException error)
    {
        var response = context.Response;
        response.StatusCode = (int)error.Status;
        if (error.Headers is not null)
        {
            foreach (var (name, value) in error.Headers)
            {
                response.Headers[name] = value;
            }
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            // A HEAD answer carries no body; the status and headers are the whole message.
            return;
        }

        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter, RegistryJson.WriterOptions);
        writer.WriteStartObject();
        writer.WriteStartArray("errors");
        writer.WriteStartObject();
        writer.WriteString("code", error.Code);
        writer.WriteString("message", error.Message);
        if (error.Detail is not null)
        {
            writer.WritePropertyName("detail");
            JsonSerializer.Serialize(writer, error.Detail, error.Detail.GetType(), RegistryJson.SerializerOptions);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
