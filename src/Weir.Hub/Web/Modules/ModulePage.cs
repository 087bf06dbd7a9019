using Microsoft.Extensions.DependencyInjection;
using Weir.Hub.Metadata;
using Weir.Hub.Web.Layout;
using Weir.Hub.Web.Repositories;
using Weir.Oci.Content;
using Weir.Oci.Formats;

namespace Weir.Hub.Web.Modules;

/// <summary>
/// <c>GET /r/{name}/-/tags/{tag}</c> and <c>/-/manifests/{digest}</c>: ready-to-paste usage pinned to the
/// manifest digest, and what Weir.Wasm reads from the binary (ABI versions, root ids, imports by module,
/// exports, memory and table limits, sections and their sizes).
/// </summary>
internal static class ModulePage
{
    private const int OtherTagsShown = 12;

    public static async Task RenderAsync(WebContext context, RepositoryView view, string? tag, string? digest)
    {
        var metadata = context.Metadata;
        var repository = view.Summary;
        ManifestRecord? manifest = null;
        if (tag is not null && Reference.IsValidTag(tag))
        {
            manifest = await metadata.FindManifestByTagAsync(repository.Id, tag, includeContent: true, context.Aborted).ConfigureAwait(false);
        }
        else if (digest is not null && Digest.TryParse(digest, out var parsed))
        {
            manifest = await metadata.FindManifestByDigestAsync(repository.Id, parsed.Value, includeContent: true, context.Aborted).ConfigureAwait(false);
        }

        if (manifest is null)
        {
            await PageLayout.NotFoundAsync(context, tag is null ? "manifest with that digest" : "tag of that name").ConfigureAwait(false);
            return;
        }

        var tags = await metadata.ListTagSummariesAsync(repository.Id, RepositoryPage.TagsShown, context.Aborted).ConfigureAwait(false);
        var tagSummary = tags.FirstOrDefault(summary => tag is not null ? summary.Name == tag : summary.Digest == manifest.Digest);
        var title = tag is null ? $"{repository.Name}@{Display.ShortDigest(manifest.Digest)}" : $"{repository.Name}:{tag}";

        var html = new HtmlBuilder(48 * 1024);
        html.Append($"<nav aria-label=\"Breadcrumb\" class=\"muted\"><a href=\"{WebPaths.Home}\">Home</a> / <a href=\"{WebPaths.Repository(repository.Name)}\">{repository.Name}</a></nav>");
        html.Append($"<h1>{title}</h1>");
        RepositoryCards.Badges(html, repository);

        ModuleReport? report = null;
        string? problem = null;
        try
        {
            report = await context.Services.GetRequiredService<ModuleInspector>().InspectAsync(repository.Id, manifest, context.Aborted).ConfigureAwait(false);
        }
        catch (ModuleArtifactException exception)
        {
            problem = exception.Message;
        }

        html.Append($"""
            <dl class="facts-list">
            <dt>Manifest digest</dt><dd><code>{manifest.Digest}</code></dd>
            <dt>Pushed</dt><dd>{Display.Time(tagSummary?.PushedAt ?? manifest.CreatedAt, context.Now)}</dd>
            """);
        if (tagSummary is not null)
        {
            // Counters come with the tag list, which holds the newest tags only.
            html.Append($"<dt>Downloads</dt><dd>{Display.Count(tagSummary.Downloads)}</dd><dt>Size</dt><dd>{Display.Size(tagSummary.TotalSize)} (manifest and blobs)</dd>");
        }

        if (report is not null)
        {
            html.Append($"""
                <dt>Format</dt><dd>{ModuleFormats.ToName(report.Artifact.Format)}</dd>
                <dt>Module</dt><dd>{Display.Size(report.Artifact.Module.Length)}, <code>{report.Artifact.ModuleDigest.Value}</code></dd>
                """);
        }

        html.Raw("</dl>");

        if (report is null)
        {
            html.Append($"<p class=\"error\" role=\"alert\">This manifest holds no WebAssembly module the hub can read: {problem}</p>");
        }
        else
        {
            Usage(context, html, view, tag, report);
            Declarations(html, report);
        }

        var otherTags = tags.Where(summary => summary.Name != tag).Take(OtherTagsShown).ToList();
        if (otherTags.Count > 0)
        {
            html.Raw("<section aria-labelledby=\"other-tags-title\"><h2 id=\"other-tags-title\">Other tags</h2><ul class=\"badges\">");
            foreach (var other in otherTags)
            {
                html.Append($"<li><a class=\"badge\" href=\"{WebPaths.Tag(repository.Name, other.Name)}\">{other.Name}</a></li>");
            }

            html.Raw("</ul></section>");
        }

        await PageLayout.WriteAsync(context, title, html.ToHtml()).ConfigureAwait(false);
    }

    private static void Usage(WebContext context, HtmlBuilder html, RepositoryView view, string? tag, ModuleReport report)
    {
        html.Raw("<section aria-labelledby=\"usage-title\"><h2 id=\"usage-title\">Use it</h2>");
        foreach (var snippet in UsageSnippets.Create(context.Scheme, context.Host, view.Summary.Name, view.Summary.IsPublic, tag, report))
        {
            html.Append($"""
                <div class="snippet">
                <div class="snippet-head"><h3 id="{snippet.Id}-title">{snippet.Title}</h3>
                <span><button type="button" class="secondary" data-copy="{snippet.Id}" aria-describedby="{snippet.Id}-title" hidden>Copy</button>
                <span class="copy-status" id="{snippet.Id}-status" role="status" aria-live="polite"></span></span></div>
                <pre><code id="{snippet.Id}">{snippet.Text}</code></pre>
                <p class="muted">{snippet.Note}</p>
                </div>
                """);
        }

        html.Raw("</section>");
    }

    private static void Declarations(HtmlBuilder html, ModuleReport report)
    {
        html.Raw("<section aria-labelledby=\"module-title\"><h2 id=\"module-title\">What the module declares</h2>");
        if (report.ValidationError is not null)
        {
            html.Append($"<p class=\"error\" role=\"alert\">Weir would not run this module: {report.ValidationError}</p>");
        }

        html.Raw("<dl class=\"facts-list\"><dt>proxy-wasm ABI</dt><dd>");
        if (report.AbiVersions.Count > 0)
        {
            html.Raw("<ul class=\"badges\">");
            foreach (var version in report.AbiVersions)
            {
                html.Append($"<li><span class=\"badge abi\">{version}</span></li>");
            }

            html.Raw("</ul>");
        }
        else
        {
            html.Raw("none: the module exports no <code>proxy_abi_version_*</code> marker, so it is not a proxy-wasm filter");
        }

        html.Raw("</dd>");
        if (report.DeclaredAbiVersions.Count > 0 && !report.DeclaredAbiVersions.SequenceEqual(report.AbiVersions))
        {
            html.Append($"<dt>ABI in runtime config</dt><dd>{string.Join(", ", report.DeclaredAbiVersions)}</dd>");
        }

        html.Append($"<dt>Root ids</dt><dd>{(report.RootIds.Count > 0 ? string.Join(", ", report.RootIds) : "not listed in the artifact's runtime config")}</dd>");
        if (report.IsComponent)
        {
            html.Raw("<dt>Kind</dt><dd>component (its imports and exports are WIT interfaces, which the hub does not decode yet)</dd>");
        }
        else
        {
            html.Append($"<dt>Functions</dt><dd>{Display.Count(report.DefinedFunctionCount)} defined, {Display.Count(report.Imports.Sum(group => group.Items.Count(item => item.Kind == "function")))} imported</dd>");
            html.Append($"<dt>Globals</dt><dd>{Display.Count(report.DefinedGlobalCount)} defined</dd>");
        }

        if (report.ModuleName is not null)
        {
            html.Append($"<dt>Module name</dt><dd>{report.ModuleName}</dd>");
        }

        html.Raw("</dl>");

        html.Append($"<h3 id=\"imports-title\">Imports ({report.Imports.Sum(group => group.Items.Count)})</h3>");
        if (report.Imports.Count == 0)
        {
            html.Raw("<p class=\"muted\">None.</p>");
        }

        foreach (var group in report.Imports)
        {
            html.Append($"<details open><summary>{group.Module} ({group.Items.Count})</summary>");
            ItemTable(html, $"Imports from {group.Module}", group.Items);
            html.Raw("</details>");
        }

        html.Append($"<h3 id=\"exports-title\">Exports ({report.Exports.Count})</h3>");
        if (report.Exports.Count == 0)
        {
            html.Raw("<p class=\"muted\">None.</p>");
        }
        else
        {
            ItemTable(html, "Exports", report.Exports);
        }

        LimitsTable(html, "Memories", "pages of 64 KiB", report.Memories);
        LimitsTable(html, "Tables", "elements", report.Tables);

        html.Raw("<h3>Sections</h3>");
        var largest = report.Sections.Count > 0 ? Math.Max(1, report.Sections.Max(section => section.Size)) : 1;
        html.Raw("<div class=\"table-scroll\"><table><caption>Sections in file order, with the size of their contents</caption><thead><tr><th scope=\"col\">Section</th><th scope=\"col\" class=\"number\">Size</th><th scope=\"col\"><span class=\"visually-hidden\">Share of the largest section</span></th></tr></thead><tbody>");
        foreach (var section in report.Sections)
        {
            var width = Math.Max(1, (int)(section.Size * 100 / largest));
            html.Append($"<tr><th scope=\"row\">{section.Name}</th><td class=\"number\">{Display.Size(section.Size)}</td><td class=\"bar-cell\"><span class=\"bar w{width}\"></span></td></tr>");
        }

        html.Raw("</tbody></table></div></section>");
    }

    private static void ItemTable(HtmlBuilder html, string caption, IReadOnlyList<ModuleItem> items)
    {
        html.Append($"<div class=\"table-scroll\"><table><caption class=\"visually-hidden\">{caption}</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Kind</th><th scope=\"col\">Type</th></tr></thead><tbody>");
        foreach (var item in items)
        {
            html.Append($"<tr><th scope=\"row\"><code>{item.Name}</code></th><td>{item.Kind}</td><td><code>{item.Type}</code></td></tr>");
        }

        html.Raw("</tbody></table></div>");
    }

    private static void LimitsTable(HtmlBuilder html, string title, string unit, IReadOnlyList<ModuleLimits> limits)
    {
        html.Append($"<h3>{title} ({limits.Count})</h3>");
        if (limits.Count == 0)
        {
            html.Raw("<p class=\"muted\">None.</p>");
            return;
        }

        html.Append($"<div class=\"table-scroll\"><table><caption class=\"visually-hidden\">{title}</caption><thead><tr><th scope=\"col\">Index</th><th scope=\"col\">Origin</th><th scope=\"col\" class=\"number\">Minimum ({unit})</th><th scope=\"col\" class=\"number\">Maximum</th><th scope=\"col\">Element type</th></tr></thead><tbody>");
        foreach (var entry in limits)
        {
            html.Append($"<tr><th scope=\"row\">{entry.Index}</th><td>{entry.Origin}</td><td class=\"number\">{entry.Minimum}</td><td class=\"number\">{(entry.Maximum is { } maximum ? maximum.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}</td><td>{entry.Detail ?? "–"}</td></tr>");
        }

        html.Raw("</tbody></table></div>");
    }
}
