using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Weir.Hub.Metadata;
using Weir.Hub.Web.Layout;
using Weir.Hub.Web.Sessions;

namespace Weir.Hub.Web;

/// <summary>One page request: who is looking, when the handling started (for Server-Timing), and the anti-forgery field for its forms.</summary>
internal sealed class WebContext
{
    private readonly long started;
    private HtmlString? antiforgeryField;

    private WebContext(HttpContext http, Viewer? viewer, long started)
    {
        Http = http;
        Viewer = viewer;
        this.started = started;
        Now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
    }

    public HttpContext Http { get; }

    public Viewer? Viewer { get; }

    public long? ViewerId => Viewer?.UserId;

    public DateTimeOffset Now { get; }

    public IServiceProvider Services => Http.RequestServices;

    public IMetadataStore Metadata => Services.GetRequiredService<IMetadataStore>();

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The registry's address as the browser reached it (<c>hub.example.com</c>, <c>127.0.0.1:5000</c>), for ready-to-paste references.</summary>
    public string Host => Http.Request.Host.HasValue ? Http.Request.Host.Value! : "localhost";

    public string Scheme => Http.Request.Scheme;

    /// <summary>Whether the page carries an anti-forgery token (then it must not be cached).</summary>
    public bool HasAntiforgeryField => antiforgeryField is not null;

    /// <summary>Milliseconds since the request reached the page handler.</summary>
    public double ElapsedMilliseconds => Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    public static async Task<WebContext> CreateAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var viewer = await http.RequestServices.GetRequiredService<SessionCookie>().ReadAsync(http, http.RequestAborted).ConfigureAwait(false);
        if (viewer is not null)
        {
            // Anti-forgery tokens are bound to this identity, so a token taken from one account's page is useless in another's session.
            http.User = new ClaimsPrincipal(new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, viewer.UserId.ToString(CultureInfo.InvariantCulture)),
                    new Claim(ClaimTypes.Name, viewer.UserName),
                ],
                authenticationType: SessionCookie.Name));
        }

        return new WebContext(http, viewer, started);
    }

    /// <summary>The hidden input every POST form carries.</summary>
    public HtmlString AntiforgeryField()
    {
        if (antiforgeryField is { } field)
        {
            return field;
        }

        var tokens = Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(Http);
        var html = new HtmlBuilder(256);
        html.Append($"<input type=\"hidden\" name=\"{tokens.FormFieldName}\" value=\"{tokens.RequestToken}\">");
        antiforgeryField = html.ToHtml();
        return antiforgeryField.Value;
    }

    /// <summary>Checks the form's anti-forgery token against the cookie and the session's identity.</summary>
    public async ValueTask<bool> IsFormGenuineAsync()
    {
        try
        {
            await Services.GetRequiredService<IAntiforgery>().ValidateRequestAsync(Http).ConfigureAwait(false);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
