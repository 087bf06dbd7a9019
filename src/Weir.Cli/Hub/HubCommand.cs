using System.CommandLine;
using Weir.Hub.Hosting;
using Weir.Hub.Metadata.Postgres;

namespace Weir.Cli.Hub;

/// <summary><c>weir hub</c>: runs the registry/hub on embedded defaults; subcommands administer it.</summary>
internal static class HubCommand
{
    public static Command Create()
    {
        var storage = new HubStorageOptions();
        var listen = new Option<string>("--listen")
        {
            Description = "Address to listen on, host:port (port 0 picks a free port).",
            DefaultValueFactory = _ => HubOptions.DefaultListen,
        };
        var publicByDefault = new Option<bool>("--public-by-default")
        {
            Description = "Make repositories created by a push public (anonymously pullable) instead of private.",
        };
        var command = new Command("hub", "Run the Weir hub: an OCI registry for Wasm modules with token authentication.");
        command.Options.Add(listen);
        storage.AddTo(command);
        command.Options.Add(publicByDefault);
        command.Subcommands.Add(HubTokenCommand.Create());
        command.Subcommands.Add(HubOrganizationCommand.Create());
        command.Subcommands.Add(HubRepositoryCommand.Create());
        command.Subcommands.Add(HubGarbageCollectionCommand.Create());
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = storage.Read(parseResult);
            options.Listen = parseResult.GetValue(listen) ?? HubOptions.DefaultListen;
            options.NewRepositoriesArePublic = parseResult.GetValue(publicByDefault);
            return await RunAsync(options, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(HubOptions options, CancellationToken cancellationToken)
    {
        HubServer server;
        try
        {
            server = await HubServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"weir hub: {exception.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            var database = options.DatabaseUrl is { Length: > 0 } url ? PostgresDatabaseUrl.Redact(url) : Path.Combine(Path.GetFullPath(options.DataDirectory), "hub.db");
            Console.Out.WriteLine($"Weir hub listening on {string.Join(", ", server.Addresses)}");
            Console.Out.WriteLine($"  data:     {Path.GetFullPath(options.DataDirectory)}");
            Console.Out.WriteLine($"  database: {database}");
            if (await server.Metadata.CountUsersAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                Console.Out.WriteLine("No users yet. Pushing needs an access token; create one (the user is created too) with:");
                Console.Out.WriteLine($"  weir hub token create --data {Quote(Path.GetFullPath(options.DataDirectory))}{(options.DatabaseUrl is null ? string.Empty : " --database URL")} --user NAME --scopes pull,push");
                Console.Out.WriteLine("and use NAME and the printed token as credentials, e.g. skopeo copy --dest-creds NAME:TOKEN …");
            }

            Console.Out.WriteLine("Press Ctrl-C to stop.");
            Console.Out.Flush();
            try
            {
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: fall through to a clean stop.
            }
        }

        Console.Out.WriteLine("Weir hub stopped.");
        return 0;
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
