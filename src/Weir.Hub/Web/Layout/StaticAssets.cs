using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Weir.Hub.Web.Layout;

/// <summary>
/// The one style sheet and the one script, kept in code so the hub has no front-end build step. Their
/// URLs carry a hash of the content, so browsers may cache them for a year and still see every change.
/// </summary>
internal static class StaticAssets
{
    private const string BaseCss = """
        :root {
          --text: #1b1f24; --muted: #4f5863; --line: #d0d7de; --soft: #f6f8fa; --page: #ffffff;
          --brand: #12355b; --brand-text: #ffffff; --link: #0550ae; --accent: #0a7d55; --private: #9a3412;
          --focus: #ffb000; --danger: #b42318;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif;
          color: var(--text); background: var(--page); line-height: 1.5;
        }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        body { margin: 0; }
        a { color: var(--link); text-underline-offset: 2px; }
        a:hover { text-decoration-thickness: 2px; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
        .skip { position: absolute; left: -999px; top: 0; background: var(--focus); color: #000; padding: .5rem 1rem; z-index: 10; }
        .skip:focus { left: 1rem; }
        .wrap { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
        header.site { background: var(--brand); color: var(--brand-text); }
        header.site .wrap { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem 1.5rem; padding-top: .75rem; padding-bottom: .75rem; }
        header.site a { color: var(--brand-text); }
        .brand { font-weight: 700; font-size: 1.2rem; text-decoration: none; display: inline-flex; align-items: center; gap: .5rem; }
        .brand svg { width: 1.6rem; height: 1.6rem; }
        header.site form { flex: 1 1 18rem; display: flex; gap: .5rem; }
        header.site input[type=search] { flex: 1; border: 1px solid #8aa4c2; background: #fff; color: var(--text); }
        nav.account { display: flex; align-items: center; gap: 1rem; }
        nav.account ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; align-items: center; }
        nav.account form { display: inline; flex: none; }
        main.wrap { padding-top: 1rem; padding-bottom: 3rem; }
        main:focus { outline: none; }
        footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; padding: 1rem 0 2rem; }
        h1 { font-size: 1.75rem; margin: .25rem 0 .5rem; line-height: 1.25; word-break: break-word; }
        h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; }
        h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
        p.lead { font-size: 1.1rem; color: var(--muted); margin-top: 0; }
        .muted { color: var(--muted); }
        input, select, textarea, button { font: inherit; }
        input[type=text], input[type=search], input[type=password], select, textarea {
          padding: .45rem .6rem; border: 1px solid #8c959f; border-radius: 6px; background: #fff; color: var(--text); }
        textarea { width: 100%; min-height: 5rem; }
        label { font-weight: 600; display: block; margin: .75rem 0 .25rem; }
        label.inline { display: inline-flex; gap: .35rem; align-items: center; font-weight: 400; margin: 0 1rem 0 0; }
        fieldset { border: 1px solid var(--line); border-radius: 8px; padding: .5rem 1rem 1rem; margin: 1rem 0; }
        legend { font-weight: 600; padding: 0 .25rem; }
        .button, button { display: inline-block; cursor: pointer; padding: .45rem .9rem; border-radius: 6px; border: 1px solid #1f4f85;
          background: #1f5fa8; color: #fff; font-weight: 600; text-decoration: none; }
        .button.secondary, button.secondary { background: #fff; color: var(--text); border-color: #8c959f; }
        button.danger { background: #fff; color: var(--danger); border-color: var(--danger); }
        header.site button { background: #fff; color: var(--brand); border-color: #fff; }
        .hero { padding: 1.5rem 0 .5rem; }
        .hero form { display: flex; gap: .5rem; max-width: 40rem; }
        .hero input[type=search] { flex: 1; font-size: 1.1rem; }
        .search-row { display: flex; gap: .5rem; max-width: 40rem; }
        .search-row input { flex: 1; font-size: 1.05rem; }
        .cards { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; }
        .card { border: 1px solid var(--line); border-radius: 10px; padding: 1rem; background: #fff; display: flex; flex-direction: column; gap: .4rem; }
        .card h3 { margin: 0; font-size: 1.05rem; word-break: break-word; }
        .card p { margin: 0; color: var(--muted); }
        .facts { display: flex; flex-wrap: wrap; gap: .25rem 1rem; color: var(--muted); font-size: .9rem; margin: 0; padding: 0; list-style: none; }
        .badges { display: flex; flex-wrap: wrap; gap: .35rem; margin: 0; padding: 0; list-style: none; }
        .badge { display: inline-block; font-size: .8rem; padding: .05rem .5rem; border-radius: 999px; border: 1px solid var(--line); background: var(--soft); color: var(--text); }
        .badge.abi { border-color: #7fbfa5; background: #e8f6ef; color: #065f46; }
        .badge.private { border-color: #e2a27a; background: #fff3eb; color: var(--private); font-weight: 600; }
        a.badge { text-decoration: none; }
        .notice { border-left: 4px solid var(--accent); background: #eefaf4; padding: .75rem 1rem; margin: 1rem 0; }
        .error { border-left: 4px solid var(--danger); background: #fdf0ef; padding: .75rem 1rem; margin: 1rem 0; }
        .secret { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; word-break: break-all; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0; color: var(--muted); }
        th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--soft); font-weight: 600; }
        tbody th { background: transparent; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        .table-scroll { overflow-x: auto; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9rem; }
        pre { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; overflow-x: auto; margin: 0; }
        .snippet { margin: 1rem 0 1.5rem; }
        .snippet-head { display: flex; align-items: center; justify-content: space-between; gap: 1rem; margin-bottom: .35rem; }
        .snippet-head h3 { margin: 0; }
        .copy-status { font-size: .9rem; color: var(--accent); min-width: 4rem; }
        .layout { display: grid; grid-template-columns: minmax(0, 1fr) 20rem; gap: 2rem; }
        .layout aside { border-left: 1px solid var(--line); padding-left: 1.5rem; }
        @media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } .layout aside { border-left: 0; padding-left: 0; } }
        .readme { border: 1px solid var(--line); border-radius: 10px; padding: .5rem 1.5rem 1rem; overflow-wrap: anywhere; }
        .readme img { max-width: 100%; }
        .readme pre { margin: .75rem 0; }
        .inline-form { display: inline; }
        dl.facts-list { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: .5rem 0 1rem; }
        dl.facts-list dt { font-weight: 600; }
        dl.facts-list dd { margin: 0; overflow-wrap: anywhere; }
        .pager { display: flex; gap: 1rem; margin-top: 1rem; }
        td.bar-cell { width: 40%; }
        .bar { display: inline-block; min-width: 2px; height: .6rem; background: #7aa7d9; border-radius: 3px; vertical-align: middle; }
        details { margin: .35rem 0; }
        summary { cursor: pointer; font-weight: 600; }
        """;

    public const string Script = """
        // Copy buttons: hidden until this script runs, so pages without JavaScript show no dead controls.
        (function () {
          function announce(status, message) {
            if (!status) { return; }
            status.textContent = message;
            window.setTimeout(function () { status.textContent = ''; }, 2500);
          }
          document.querySelectorAll('button[data-copy]').forEach(function (button) {
            button.hidden = false;
            button.addEventListener('click', function () {
              var id = button.getAttribute('data-copy');
              var source = document.getElementById(id);
              var status = document.getElementById(id + '-status');
              if (!source) { return; }
              var text = source.textContent;
              var fallback = function () {
                var range = document.createRange();
                range.selectNodeContents(source);
                var selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                var copied = false;
                try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
                announce(status, copied ? 'Copied' : 'Selected: press Ctrl+C');
              };
              if (navigator.clipboard && navigator.clipboard.writeText) {
                navigator.clipboard.writeText(text).then(function () { announce(status, 'Copied'); }, fallback);
              } else {
                fallback();
              }
            });
          });
        })();
        """;

    /// <summary>The style sheet, with the width classes of the section size bars (inline styles are barred by the pages' CSP).</summary>
    public static string Css { get; } = BaseCss + string.Concat(Enumerable.Range(1, 100).Select(percent => $".bar.w{percent} {{ width: {percent}%; }}\n"));

    public static string CssPath { get; } = "/static/hub.css?v=" + Hash(Css);

    public static string ScriptPath { get; } = "/static/hub.js?v=" + Hash(Script);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/static/hub.css", context => ServeAsync(context, Css, "text/css; charset=utf-8"));
        endpoints.MapGet("/static/hub.js", context => ServeAsync(context, Script, "text/javascript; charset=utf-8"));
    }

    private static Task ServeAsync(HttpContext context, string content, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync(content, context.RequestAborted);
    }

    private static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..12];
}
