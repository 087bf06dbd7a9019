using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Configuration;
using Weir.Gateway.Hosting;

namespace Weir.Gateway.Admin;

/// <summary>
/// The admin listener: <c>/ready</c>, <c>/stats</c>, <c>/metrics</c> (Prometheus), <c>/config_dump</c> and
/// <c>POST /reload</c>. It should listen on loopback only: it can reload the configuration.
/// </summary>
internal sealed class AdminHandler
{
    private const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";
    private const string TextContentType = "text/plain; charset=utf-8";
    private const string JsonContentType = "application/json";
    private readonly IGatewayControl _gateway;

    public AdminHandler(IGatewayControl gateway)
    {
        _gateway = gateway;
    }

    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var reading = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        return path switch
        {
            "/ready" when reading => ReadyAsync(context),
            "/stats" when reading => WriteAsync(context, 200, TextContentType, StatsReport.Render(_gateway)),
            "/metrics" when reading => WriteAsync(context, 200, PrometheusContentType, MetricsReport.Render(_gateway)),
            "/config_dump" when reading => WriteAsync(context, 200, JsonContentType, ConfigDump()),
            "/reload" when HttpMethods.IsPost(request.Method) => ReloadAsync(context),
            "/reload" => MethodNotAllowedAsync(context, "POST"),
            "/ready" or "/stats" or "/metrics" or "/config_dump" => MethodNotAllowedAsync(context, "GET, HEAD"),
            "/" when reading => WriteAsync(context, 200, TextContentType, "weir gateway admin\n  GET  /ready\n  GET  /stats\n  GET  /metrics\n  GET  /config_dump\n  POST /reload\n"),
            _ => WriteAsync(context, 404, TextContentType, $"no admin page '{path}'\n"),
        };
    }

    private Task ReadyAsync(HttpContext context)
    {
        var reasons = _gateway.NotReadyReasons();
        return reasons.Count == 0
            ? WriteAsync(context, 200, TextContentType, "ready\n")
            : WriteAsync(context, 503, TextContentType, "not ready:\n" + string.Concat(reasons.Select(reason => "  " + reason + "\n")));
    }

    private async Task ReloadAsync(HttpContext context)
    {
        var result = await _gateway.ReloadAsync(context.RequestAborted).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("succeeded", result.Succeeded);
            json.WriteBoolean("changed", result.Changed);
            json.WriteNumber("version", result.Version);
            json.WriteStartArray("errors");
            foreach (var error in result.Errors)
            {
                json.WriteStartObject();
                json.WriteString("source", error.Source);
                json.WriteNumber("line", error.Line);
                json.WriteNumber("column", error.Column);
                json.WriteString("field", error.Field);
                json.WriteString("message", error.Message);
                json.WriteString("text", error.ToString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await WriteAsync(context, result.Succeeded ? 200 : 400, JsonContentType, Encoding.UTF8.GetString(buffer.ToArray()) + "\n").ConfigureAwait(false);
    }

    private string ConfigDump()
    {
        var snapshot = _gateway.Current;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("source", _gateway.SourceName);
            if (snapshot is not null)
            {
                json.WriteNumber("version", snapshot.Version);
                json.WriteString("loaded_at", snapshot.LoadedAt);
                json.WriteString("sha256", snapshot.SourceDigest);
            }

            json.WriteStartObject("listening");
            foreach (var (name, address) in _gateway.ListenerAddresses.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                json.WriteString(name, address.ToString());
            }

            json.WriteEndObject();
            if (snapshot is not null)
            {
                json.WritePropertyName("configuration");
                JsonSerializer.Serialize(json, snapshot.Definition, DefinitionJson.Default.GatewayDefinition);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static Task MethodNotAllowedAsync(HttpContext context, string allowed)
    {
        context.Response.Headers.Allow = allowed;
        return WriteAsync(context, 405, TextContentType, $"use {allowed}\n");
    }

    private static Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-store";
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(bytes, 0, bytes.Length, context.RequestAborted);
    }
}
