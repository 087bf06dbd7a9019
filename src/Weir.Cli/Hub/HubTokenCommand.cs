using System.CommandLine;
using Weir.Hub.Administration;
using Weir.Hub.Auth;
using Weir.Hub.Metadata;

namespace Weir.Cli.Hub;

/// <summary><c>weir hub token create</c>: issues an access token without a running server.</summary>
internal static class HubTokenCommand
{
    public static Command Create()
    {
        var storage = new HubStorageOptions();
        var user = new Option<string>("--user") { Description = "The user the token belongs to; created if it does not exist.", Required = true };
        var scopes = new Option<string>("--scopes")
        {
            Description = "Comma-separated scopes: pull, push, delete, admin (or * for all).",
            DefaultValueFactory = _ => "pull,push",
        };
        var name = new Option<string?>("--name") { Description = "A label for the token, shown when listing tokens." };
        var expiresInDays = new Option<int?>("--expires-in-days") { Description = "Let the token expire after this many days (default: never)." };

        var create = new Command("create", "Create an access token and print it (the secret is shown only once).");
        storage.AddTo(create);
        create.Options.Add(user);
        create.Options.Add(scopes);
        create.Options.Add(name);
        create.Options.Add(expiresInDays);
        create.SetAction(async (parseResult, cancellationToken) =>
        {
            AccessScopes parsedScopes;
            try
            {
                parsedScopes = AccessScopeText.Parse(parseResult.GetValue(scopes) ?? string.Empty);
            }
            catch (FormatException exception)
            {
                await Console.Error.WriteLineAsync($"weir hub token create: {exception.Message}").ConfigureAwait(false);
                return 1;
            }

            var expiresAt = parseResult.GetValue(expiresInDays) is { } days ? DateTimeOffset.UtcNow.AddDays(days) : (DateTimeOffset?)null;
            try
            {
                var administration = await HubAdministration.OpenAsync(storage.Read(parseResult), cancellationToken).ConfigureAwait(false);
                await using (administration.ConfigureAwait(false))
                {
                    var userName = parseResult.GetValue(user)!;
                    var (secret, token, created) = await administration
                        .CreateTokenAsync(userName, parsedScopes, parseResult.GetValue(name), expiresAt, cancellationToken).ConfigureAwait(false);
                    if (created)
                    {
                        await Console.Error.WriteLineAsync($"Created user '{userName}'.").ConfigureAwait(false);
                    }

                    await Console.Error.WriteLineAsync($"Token '{token.Name}' for {userName} with scopes {AccessScopeText.Format(token.Scopes)}; store it now, it is not shown again:").ConfigureAwait(false);
                    Console.Out.WriteLine(secret);
                    return 0;
                }
            }
            catch (Exception exception) when (exception is ArgumentException or MetadataConflictException or FormatException or IOException or InvalidOperationException or Npgsql.NpgsqlException)
            {
                await Console.Error.WriteLineAsync($"weir hub token create: {exception.Message}").ConfigureAwait(false);
                return 1;
            }
        });

        var command = new Command("token", "Manage access tokens.");
        command.Subcommands.Add(create);
        return command;
    }
}
