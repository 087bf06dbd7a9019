using Weir.Hub.Administration;
using Weir.Hub.Hosting;
using Weir.Hub.Metadata;

namespace Weir.Cli.Hub;

/// <summary>Opens a hub's storage for an administrative command and turns expected failures into a message and exit code 1.</summary>
internal static class HubAdministrationRunner
{
    public static async Task<int> RunAsync(HubOptions options, string commandName, Func<HubAdministration, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            var administration = await HubAdministration.OpenAsync(options, cancellationToken).ConfigureAwait(false);
            await using (administration.ConfigureAwait(false))
            {
                await work(administration).ConfigureAwait(false);
                return 0;
            }
        }
        catch (Exception exception) when (exception is ArgumentException or MetadataConflictException or FormatException or IOException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"weir hub {commandName}: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
