using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Weir.Hub.Tests.Support;

/// <summary>Does what docker-style clients do: fetch a bearer token from <c>/token</c> and decode its claims.</summary>
internal static class TokenFlow
{
    public static async Task<string> FetchAsync(HttpClient client, string? user, string? secret, params string[] scopes)
    {
        var query = string.Join("&", scopes.Select(scope => "scope=" + Uri.EscapeDataString(scope)));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/token?service=weir-hub&{query}");
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>The <c>access</c> claim as "type:name:actions" strings.</summary>
    public static IReadOnlyList<string> AccessOf(string token)
    {
        using var payload = JsonDocument.Parse(Decode(token.Split('.')[1]));
        return payload.RootElement.GetProperty("access").EnumerateArray()
            .Select(entry => $"{entry.GetProperty("type").GetString()}:{entry.GetProperty("name").GetString()}:{string.Join(",", entry.GetProperty("actions").EnumerateArray().Select(a => a.GetString()))}")
            .ToList();
    }

    public static JsonElement ClaimsOf(string token)
    {
        using var payload = JsonDocument.Parse(Decode(token.Split('.')[1]));
        return payload.RootElement.Clone();
    }

    private static byte[] Decode(string base64Url)
    {
        var padded = base64Url.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }
}
