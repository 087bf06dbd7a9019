using Microsoft.Extensions.DependencyInjection;
using Weir.Hub.Auth;

namespace Weir.Hub.Web.Repositories;

/// <summary>
/// The registry's own rules decide what pages show: a repository page exists for a viewer exactly when the
/// viewer's account could pull it, so a private repository is a plain "not found" to everyone else.
/// </summary>
internal static class RepositoryAccess
{
    public static async ValueTask<RepositoryView?> FindAsync(WebContext context, string name)
    {
        var caller = context.Viewer?.ToCaller() ?? Caller.Anonymous;
        var rights = await context.Services.GetRequiredService<RepositoryPolicy>().EvaluateAsync(caller, name, context.Aborted).ConfigureAwait(false);
        if (rights.Repository is not { } record || (rights.Allowed & AccessScopes.Pull) == 0)
        {
            return null;
        }

        var summary = await context.Metadata.FindRepositorySummaryAsync(record.Name, context.Aborted).ConfigureAwait(false);
        if (summary is null)
        {
            return null;
        }

        var granted = context.Viewer is null ? AccessScopes.Pull : rights.Allowed & caller.CeilingFor(record.Name);
        return new RepositoryView(record, summary, granted);
    }
}
