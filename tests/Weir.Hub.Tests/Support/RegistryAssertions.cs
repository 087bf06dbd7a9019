using System.Net;
using System.Text.Json;

namespace Weir.Hub.Tests.Support;

/// <summary>Checks that a response is the spec's error: the status and <c>{"errors":[{"code": …}]}</c>.</summary>
internal static class RegistryAssertions
{
    public static async Task<JsonElement> ShouldBeErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        using var document = JsonDocument.Parse(body);
        var error = document.RootElement.GetProperty("errors")[0];
        error.GetProperty("code").GetString().Should().Be(code, body);
        error.GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        return error.Clone();
    }

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : null;
}
