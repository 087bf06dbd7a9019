using System.CommandLine;
using Weir.Hub.Hosting;

namespace Weir.Cli.Hub;

/// <summary>The <c>--data</c> and <c>--database</c> options shared by every <c>weir hub</c> command.</summary>
internal sealed class HubStorageOptions
{
    public Option<string?> Data { get; } = new("--data")
    {
        Description = "The hub's data directory (blobs, uploads, keys, SQLite database). Default: $WEIR_HOME/hub, else ~/.local/share/weir/hub.",
    };

    public Option<string?> Database { get; } = new("--database")
    {
        Description = "Metadata database: postgres://user:password@host:port/database, or an SQLite file path. Default: hub.db in the data directory.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Database);
    }

    public HubOptions Read(ParseResult parseResult) => new()
    {
        DataDirectory = parseResult.GetValue(Data) is { Length: > 0 } data ? data : HubPaths.DefaultDataDirectory(),
        DatabaseUrl = parseResult.GetValue(Database),
    };
}
