using System.Text;
using Microsoft.AspNetCore.Http;
using Weir.Hub.Metadata.Search;
using Weir.Hub.Web.Layout;

namespace Weir.Hub.Web.Repositories;

/// <summary>
/// The repository page's forms: star or unstar (any signed-in viewer who can see the repository), and for
/// owners signed in with an admin token: visibility, description and labels, README upload or removal.
/// Success redirects back to the page (303); bad input shows the page again with the reason.
/// </summary>
internal static class RepositoryActions
{
    public static async Task HandleAsync(WebContext context, RepositoryView view, string action)
    {
        var viewer = context.Viewer ?? throw new InvalidOperationException("Repository actions need a signed-in viewer.");
        var form = await context.Http.Request.ReadFormAsync(context.Aborted).ConfigureAwait(false);
        var name = view.Record.Name;
        switch (action)
        {
            case "star":
                var starred = form["star"].ToString() != "false";
                await context.Metadata.SetStarAsync(viewer.UserId, view.Record.Id, starred, context.Now, context.Aborted).ConfigureAwait(false);
                PageLayout.SeeOther(context, WebPaths.Repository(name) + (starred ? "?done=starred" : "?done=unstarred"));
                return;

            case "visibility" or "settings" or "readme" when !view.CanAdminister:
                await PageLayout.MessageAsync(
                    context,
                    StatusCodes.Status403Forbidden,
                    "Not allowed",
                    "Only the repository's owners can change it, and only in a session signed in with a token that has the admin scope.").ConfigureAwait(false);
                return;

            case "visibility":
                var visibility = form["visibility"].ToString();
                if (visibility is not ("public" or "private"))
                {
                    await RepositoryPage.RenderAsync(context, view, "Choose public or private.", StatusCodes.Status400BadRequest).ConfigureAwait(false);
                    return;
                }

                await context.Metadata.SetRepositoryVisibilityAsync(name, visibility == "public", context.Aborted).ConfigureAwait(false);
                PageLayout.SeeOther(context, WebPaths.Repository(name) + "?done=" + visibility);
                return;

            case "settings":
                var description = RepositorySettings.NormalizeDescription(form["description"].ToString());
                if (description.Length > RepositorySettings.MaxDescriptionLength)
                {
                    await RepositoryPage.RenderAsync(context, view, $"The description has {description.Length} characters; at most {RepositorySettings.MaxDescriptionLength} fit.", StatusCodes.Status400BadRequest).ConfigureAwait(false);
                    return;
                }

                IReadOnlyList<string> labels;
                try
                {
                    labels = RepositoryLabels.Parse(form["labels"].ToString());
                }
                catch (FormatException exception)
                {
                    await RepositoryPage.RenderAsync(context, view, exception.Message, StatusCodes.Status400BadRequest).ConfigureAwait(false);
                    return;
                }

                await context.Metadata.UpdateRepositorySettingsAsync(view.Record.Id, description, labels, context.Now, context.Aborted).ConfigureAwait(false);
                PageLayout.SeeOther(context, WebPaths.Repository(name) + "?done=settings");
                return;

            case "readme":
                if (form["remove"].ToString() == "true")
                {
                    await context.Metadata.SetRepositoryReadmeAsync(view.Record.Id, null, context.Now, context.Aborted).ConfigureAwait(false);
                    PageLayout.SeeOther(context, WebPaths.Repository(name) + "?done=readme-removed");
                    return;
                }

                var (markdown, problem) = await ReadReadmeAsync(form.Files.GetFile("readme"), context.Aborted).ConfigureAwait(false);
                if (markdown is null)
                {
                    await RepositoryPage.RenderAsync(context, view, problem, StatusCodes.Status400BadRequest).ConfigureAwait(false);
                    return;
                }

                await context.Metadata.SetRepositoryReadmeAsync(view.Record.Id, markdown, context.Now, context.Aborted).ConfigureAwait(false);
                PageLayout.SeeOther(context, WebPaths.Repository(name) + "?done=readme");
                return;

            default:
                await PageLayout.NotFoundAsync(context, "such action").ConfigureAwait(false);
                return;
        }
    }

    private static async ValueTask<(string? Markdown, string? Problem)> ReadReadmeAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, "Choose a Markdown file to upload.");
        }

        if (file.Length > ReadmeRenderer.MaxReadmeBytes)
        {
            return (null, $"The file has {file.Length} bytes; a README may have at most {ReadmeRenderer.MaxReadmeBytes}.");
        }

        var bytes = new byte[file.Length];
        var stream = file.OpenReadStream();
        await using (stream.ConfigureAwait(false))
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return (text.TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, "The file is not UTF-8 text; save the README as UTF-8 and upload it again.");
        }
    }
}
