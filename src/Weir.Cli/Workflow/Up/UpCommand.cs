using System.CommandLine;
using System.Text.Json.Nodes;
using Weir.Cli.Workflow.Shared;

namespace Weir.Cli.Workflow.Up;

/// <summary>
/// <c>weir up</c>: the hub, a sample upstream and the gateway with a sample filter pulled from the hub,
/// on embedded defaults on 127.0.0.1, until Ctrl-C.
/// </summary>
internal static class UpCommand
{
    private const string Description =
        "Start a complete local setup in one command: the hub (127.0.0.1:5000), a sample upstream that echoes requests (127.0.0.1:9000) " +
        "and the gateway (127.0.0.1:8080) running a sample filter pulled from the hub. It checks one request, prints what to curl, " +
        "and stops cleanly on Ctrl-C (a temporary data directory is removed).\n" +
        "Examples:\n" +
        "  weir up\n" +
        "  weir up --listen 127.0.0.1:18080 --hub-listen 127.0.0.1:15000 --upstream-listen 127.0.0.1:19000\n" +
        WorkflowExitCodes.HelpText;

    public static Command Create()
    {
        var listen = new Option<string?>("--listen") { Description = "The gateway's address, IP:port (default 127.0.0.1:8080; port 0 picks a free one)." };
        var hubListen = new Option<string?>("--hub-listen") { Description = "The hub's address (default 127.0.0.1:5000)." };
        var upstreamListen = new Option<string?>("--upstream-listen") { Description = "The sample upstream's address (default 127.0.0.1:9000)." };
        var data = new Option<string?>("--data") { Description = "Keep the hub's data and the module stores in this directory (default: a temporary directory removed on exit)." };
        var json = new Option<bool>("--json") { Description = "Once everything is up, print the addresses, the module and the push token as one JSON object." };
        var command = new Command("up", Description) { listen, hubListen, upstreamListen, data, json };
        command.SetAction((parseResult, cancellationToken) => WorkflowCommandRunner.RunAsync("up", Console.Error, () => RunAsync(
            new UpRequest(parseResult.GetValue(listen), parseResult.GetValue(hubListen), parseResult.GetValue(upstreamListen), parseResult.GetValue(data), parseResult.GetValue(json)),
            Console.Out,
            Console.Error,
            cancellationToken)));
        return command;
    }

    /// <summary>Starts everything, prints the addresses, and runs until <paramref name="cancellationToken"/> fires (Ctrl-C, SIGTERM).</summary>
    public static async Task<int> RunAsync(UpRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        UpSession session;
        try
        {
            session = await UpSession.StartAsync(request, error, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("weir up: stopped before everything was up").ConfigureAwait(false);
            return WorkflowExitCodes.Success;
        }

        await using (session.ConfigureAwait(false))
        {
            if (request.Json)
            {
                WorkflowJson.Write(output, ToJson(session));
            }
            else
            {
                WriteSummary(session, output);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop everything below.
            }

            await error.WriteLineAsync("weir up: stopping the gateway, the sample upstream and the hub").ConfigureAwait(false);
        }

        await error.WriteLineAsync("weir up: stopped").ConfigureAwait(false);
        return WorkflowExitCodes.Success;
    }

    /// <summary>The command to try, as printed.</summary>
    public static string CurlCommand(UpSession session) => $"curl -i {session.GatewayAddress}";

    private static JsonObject ToJson(UpSession session) => new()
    {
        ["hub"] = session.HubAddress!.ToString(),
        ["upstream"] = session.UpstreamAddress!.ToString(),
        ["gateway"] = session.GatewayAddress!.ToString(),
        ["module"] = "oci://" + session.Module,
        ["header"] = new JsonObject { ["name"] = SampleFilter.HeaderName, ["value"] = session.CheckedHeaderValue },
        ["user"] = UpSession.UserName,
        ["token"] = session.Token,
        ["try"] = CurlCommand(session),
    };

    private static void WriteSummary(UpSession session, TextWriter output)
    {
        var hub = session.HubAddress!.ToString().TrimEnd('/');
        var registry = session.HubAddress.Authority;
        output.WriteLine("Weir is up on 127.0.0.1:");
        output.WriteLine($"  hub       {hub,-24}  registry and web UI; holds oci://{registry}/{UpSession.UserName}/{SampleFilter.Repository}:latest");
        output.WriteLine($"  upstream  {session.UpstreamAddress!.ToString().TrimEnd('/'),-24}  a sample service that echoes each request as JSON");
        output.WriteLine($"  gateway   {session.GatewayAddress!.ToString().TrimEnd('/'),-24}  forwards to the upstream through the filter pulled from the hub");
        output.WriteLine();
        output.WriteLine("Try it:");
        output.WriteLine($"  {CurlCommand(session)}");
        output.WriteLine("The response carries the header the filter adds:");
        output.WriteLine($"  {SampleFilter.HeaderName}: {session.CheckedHeaderValue}");
        output.WriteLine();
        output.WriteLine("Your own filter (weir init, then):");
        output.WriteLine($"  weir build DIR -t {registry}/{UpSession.UserName}/NAME:v1");
        output.WriteLine($"  weir push {registry}/{UpSession.UserName}/NAME:v1 -u {UpSession.UserName} -p {session.Token}");
        output.WriteLine();
        output.WriteLine("Press Ctrl-C to stop.");
        output.Flush();
    }
}
