using System.CommandLine;
using System.Text;
using Weir.Oci.Content;
using Weir.Oci.Registry;
using Weir.Oci.Registry.Authentication;
using Weir.Oci.Store;

namespace Weir.Cli.Registry;

/// <summary><c>weir login REGISTRY -u USER [--password-stdin | -p PASS]</c>.</summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var registry = new Argument<string>("registry") { Description = "Registry host[:port], e.g. 127.0.0.1:5000 or hub.example." };
        var connection = new RegistryConnectionOptions();
        var command = new Command("login", $"Check credentials against a registry (its token service, if it has one) and save them in Weir's config file ({WeirPaths.CredentialsFile}, mode 0600).")
        {
            registry,
        };
        connection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RegistryCommandRunner.RunAsync("login", async () =>
        {
            var host = NormalizeRegistry(parseResult.GetValue(registry)!);
            var user = connection.Username(parseResult) ?? throw new CommandLineException("Give the user name with -u USER.");
            var password = connection.Password(parseResult) ?? PromptPassword(user);
            using var client = new RegistryClient(new RegistryClientOptions
            {
                PlainHttp = connection.PlainHttp(parseResult),
                SkipTlsVerify = connection.Insecure(parseResult),
                Credential = RegistryCredential.FromPassword(user, password),
            });
            await client.CheckAsync(host, cancellationToken).ConfigureAwait(false);
            var store = CredentialStore.CreateDefault();
            store.Save(host, user, password);
            Console.Out.WriteLine($"Login succeeded for {user} at {host}; credentials saved in {store.WeirCredentialsFile}.");
            return RegistryCommandRunner.Success;
        }));
        return command;
    }

    private static string NormalizeRegistry(string text)
    {
        var host = CredentialStore.NormalizeKey(text);
        if (!Reference.TryParse(host + "/probe", out var probe) || probe.Registry != host)
        {
            throw new CommandLineException($"'{text}' is not a registry host[:port].");
        }

        return host;
    }

    private static string PromptPassword(string user)
    {
        if (Console.IsInputRedirected)
        {
            throw new CommandLineException("No password given: use --password-stdin (or -p).");
        }

        Console.Error.Write($"Password for {user}: ");
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }

                continue;
            }

            password.Append(key.KeyChar);
        }

        Console.Error.WriteLine();
        return password.Length > 0 ? password.ToString() : throw new CommandLineException("The password is empty.");
    }
}
