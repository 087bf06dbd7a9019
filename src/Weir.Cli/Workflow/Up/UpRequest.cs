namespace Weir.Cli.Workflow.Up;

/// <summary>What <c>weir up</c> was asked for, as typed.</summary>
/// <param name="Listen">The gateway's address (default 127.0.0.1:8080).</param>
/// <param name="HubListen">The hub's address (default 127.0.0.1:5000).</param>
/// <param name="UpstreamListen">The sample upstream's address (default 127.0.0.1:9000).</param>
/// <param name="DataDirectory">Where to keep the hub's data and the stores; a temporary directory, removed at the end, when null.</param>
/// <param name="Json">Print the endpoints as JSON once everything is up.</param>
internal sealed record UpRequest(string? Listen, string? HubListen, string? UpstreamListen, string? DataDirectory, bool Json);
