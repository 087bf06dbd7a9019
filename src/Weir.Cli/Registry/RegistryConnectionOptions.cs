using System.CommandLine;
using Weir.Oci.Registry;
using Weir.Oci.Registry.Authentication;

namespace Weir.Cli.Registry;

/// <summary>The options every registry command shares: transport and credentials.</summary>
internal sealed class RegistryConnectionOptions
{
    private readonly Option<bool> plainHttp = new("--plain-http")
    {
        Description = "Talk plain HTTP instead of HTTPS. Loopback registries (localhost, 127.0.0.1, ::1) use plain HTTP even without this flag, as with other OCI tools.",
    };

    private readonly Option<bool> insecure = new("--insecure")
    {
        Description = "Skip TLS certificate verification (self-signed development registries).",
    };

    private readonly Option<string?> username = new("--username", "-u")
    {
        Description = "User name; otherwise credentials come from 'weir login', then ~/.docker/config.json ($DOCKER_CONFIG), then containers auth.json.",
    };

    private readonly Option<string?> password = new("--password", "-p")
    {
        Description = "Password or token (visible in the process list; prefer --password-stdin).",
    };

    private readonly Option<bool> passwordStdin = new("--password-stdin")
    {
        Description = "Read the password or token from standard input.",
    };

    public void AddTo(Command command, bool withCredentials = true)
    {
        command.Options.Add(plainHttp);
        command.Options.Add(insecure);
        if (withCredentials)
        {
            command.Options.Add(username);
            command.Options.Add(password);
            command.Options.Add(passwordStdin);
        }
    }

    public bool PlainHttp(ParseResult parseResult) => parseResult.GetValue(plainHttp);

    public bool Insecure(ParseResult parseResult) => parseResult.GetValue(insecure);

    public string? Username(ParseResult parseResult) => parseResult.GetValue(username);

    /// <summary>The password given with -p or on stdin, or null.</summary>
    /// <exception cref="CommandLineException">Both ways were used, or stdin was empty.</exception>
    public string? Password(ParseResult parseResult)
    {
        var fromOption = parseResult.GetValue(password);
        if (!parseResult.GetValue(passwordStdin))
        {
            return fromOption;
        }

        if (fromOption is not null)
        {
            throw new CommandLineException("--password and --password-stdin cannot be used together.");
        }

        var text = Console.In.ReadToEnd().TrimEnd('\r', '\n');
        return text.Length > 0 ? text : throw new CommandLineException("--password-stdin was given but standard input was empty.");
    }

    /// <summary>Builds a client from the options (explicit credentials win over stored ones).</summary>
    public RegistryClient CreateClient(ParseResult parseResult, int chunkSize = RegistryClientOptions.DefaultChunkSize)
    {
        var user = Username(parseResult);
        var secret = Password(parseResult);
        if (secret is not null && user is null)
        {
            throw new CommandLineException("A password needs a user name (-u).");
        }

        return new RegistryClient(new RegistryClientOptions
        {
            PlainHttp = PlainHttp(parseResult),
            SkipTlsVerify = Insecure(parseResult),
            Credential = user is null ? null : RegistryCredential.FromPassword(user, secret ?? throw new CommandLineException($"-u {user} needs a password: use --password-stdin or -p.")),
            CredentialStore = CredentialStore.CreateDefault(),
            ChunkSize = chunkSize,
            OnWarning = warning => Console.Error.WriteLine($"warning from registry: {warning}"),
        });
    }
}
