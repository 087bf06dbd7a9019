using System.Net;
using System.Text.RegularExpressions;

namespace Weir.Hub.Tests.Web.Support;

/// <summary>
/// A cookie-keeping HTTP client against a Kestrel hub that posts forms the way a browser does: it takes the
/// anti-forgery token from the page the form is on. Redirects are not followed, so tests see them.
/// </summary>
internal sealed partial class BrowserSession : IDisposable
{
    private readonly HttpClient client;

    public BrowserSession(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public Uri BaseAddress => client.BaseAddress!;

    public async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>Loads <paramref name="pagePath"/>, then posts <paramref name="fields"/> to <paramref name="action"/> with the page's anti-forgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pagePath, string action, IReadOnlyDictionary<string, string> fields)
    {
        var (_, html, _) = await GetAsync(pagePath);
        var token = AntiforgeryToken(html) ?? throw new InvalidOperationException($"The page {pagePath} has no form token.");
        var values = new List<KeyValuePair<string, string>>(fields) { new("_csrf", token) };
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts without any anti-forgery token (as a cross-site form would).</summary>
    public Task<HttpResponseMessage> PostWithoutTokenAsync(string action, IReadOnlyDictionary<string, string> fields) =>
        client.PostAsync(action, new FormUrlEncodedContent(fields));

    /// <summary>Posts a multipart form (file uploads) with the page's anti-forgery token.</summary>
    public async Task<HttpResponseMessage> SubmitMultipartAsync(string pagePath, string action, string fileField, string fileName, byte[] file)
    {
        var (_, html, _) = await GetAsync(pagePath);
        var token = AntiforgeryToken(html) ?? throw new InvalidOperationException($"The page {pagePath} has no form token.");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "_csrf" },
            { new ByteArrayContent(file), fileField, fileName },
        };
        return await client.PostAsync(action, content);
    }

    public async Task<HttpResponseMessage> SignInAsync(string user, string token) =>
        await SubmitAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["user"] = user, ["token"] = token, ["return"] = "/" });

    public static string? AntiforgeryToken(string html) => TokenField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
