using System.CommandLine;

namespace Weir.Cli.Hub;

/// <summary><c>weir hub repo visibility NAME public|private</c>.</summary>
internal static class HubRepositoryCommand
{
    public static Command Create()
    {
        var storage = new HubStorageOptions();
        var name = new Argument<string>("name") { Description = "The repository, e.g. team/add-header." };
        var visibility = new Argument<string>("visibility") { Description = "public (anyone may pull) or private (owners and organisation members only)." };
        visibility.AcceptOnlyFromAmong("public", "private");
        var setVisibility = new Command("visibility", "Make a repository public or private.") { name, visibility };
        storage.AddTo(setVisibility);
        setVisibility.SetAction((parseResult, cancellationToken) => HubAdministrationRunner.RunAsync(storage.Read(parseResult), "repo visibility", async administration =>
        {
            var repository = parseResult.GetValue(name)!;
            var isPublic = parseResult.GetValue(visibility) == "public";
            if (!await administration.SetVisibilityAsync(repository, isPublic, cancellationToken).ConfigureAwait(false))
            {
                throw new ArgumentException($"There is no repository '{repository}' (repositories are created by their first push).");
            }

            Console.Out.WriteLine($"'{repository}' is now {(isPublic ? "public" : "private")}.");
        }, cancellationToken));

        var command = new Command("repo", "Manage repositories.");
        command.Subcommands.Add(setVisibility);
        return command;
    }
}
