using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Weir.Cli.Tests.Workflow.Support;

namespace Weir.Cli.Tests.Workflow;

/// <summary><c>weir up</c> run as a user would: everything on 127.0.0.1, one request through the sample filter, Ctrl-C.</summary>
public sealed partial class UpCommandTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly TemporaryDirectory directory = new();
    private readonly WorkflowCli user;

    public UpCommandTests()
    {
        user = new WorkflowCli(directory.Combine("home"));
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Up_Json_GatewayServesTheFilterPulledFromTheHubAndCtrlCStopsEverything()
    {
        await using var up = user.Start(directory.Path, "up", "--listen", "127.0.0.1:0", "--hub-listen", "127.0.0.1:0", "--upstream-listen", "127.0.0.1:0", "--json");
        var text = await up.WaitForOutputAsync(output => output.Contains("\n}", StringComparison.Ordinal), StartTimeout);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var gateway = new Uri(root.GetProperty("gateway").GetString()!);
        var hub = new Uri(root.GetProperty("hub").GetString()!);
        root.GetProperty("module").GetString().Should().StartWith($"oci://{hub.Authority}/weir/hello-filter:latest@sha256:");

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using (var response = await client.GetAsync(new Uri(gateway, "/hello?name=weir")))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.GetValues("x-weir-filter").Should().Equal("hello from weir up");
            var body = await response.Content.ReadAsStringAsync();
            body.Should().Contain("the sample upstream of weir up").And.Contain("/hello?name=weir");
        }

        // The hub holds the module for anyone to pull (its repositories are public).
        using (var tags = await client.GetAsync(new Uri(hub, "/v2/weir/hello-filter/tags/list")))
        {
            tags.StatusCode.Should().Be(HttpStatusCode.OK);
            (await tags.Content.ReadAsStringAsync()).Should().Contain("latest");
        }

        var exitCode = await up.InterruptAsync(TimeSpan.FromSeconds(60));
        exitCode.Should().Be(0, up.Error);
        up.Error.Should().Contain("weir up: stopped");
        Directory.EnumerateDirectories(user.TemporaryPath, "weir-up-*").Should().BeEmpty("the temporary data directory is removed on exit");
        await AssertRefusedAsync(gateway);
        await AssertRefusedAsync(hub);
    }

    [Fact]
    public async Task Up_Text_PrintsWhatToCurlAndTheHeaderToExpect()
    {
        await using var up = user.Start(directory.Path, "up", "--listen", "127.0.0.1:0", "--hub-listen", "127.0.0.1:0", "--upstream-listen", "127.0.0.1:0");
        var text = await up.WaitForOutputAsync(output => output.Contains("Press Ctrl-C to stop.", StringComparison.Ordinal), StartTimeout);

        var curl = CurlLine().Match(text);
        curl.Success.Should().BeTrue(text);
        text.Should().Contain("x-weir-filter: hello from weir up");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync(new Uri(curl.Groups["address"].Value));
        response.Headers.GetValues("x-weir-filter").Should().Equal("hello from weir up");

        (await up.InterruptAsync(TimeSpan.FromSeconds(60))).Should().Be(0, up.Error);
    }

    [Fact]
    public async Task Up_PortTaken_FailsWithTheOptionToChange()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await user.RunAsync(directory.Path, "up", "--listen", "127.0.0.1:0", "--hub-listen", $"127.0.0.1:{port}", "--upstream-listen", "127.0.0.1:0");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain($"cannot start the hub on 127.0.0.1:{port}").And.Contain("--hub-listen");
        Directory.EnumerateDirectories(user.TemporaryPath, "weir-up-*").Should().BeEmpty();
    }

    private static async Task AssertRefusedAsync(Uri address)
    {
        using var client = new TcpClient();
        var connect = async () => await client.ConnectAsync(address.Host, address.Port);
        await connect.Should().ThrowAsync<SocketException>();
    }

    [GeneratedRegex(@"curl -i (?<address>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex CurlLine();
}
