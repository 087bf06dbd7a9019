using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Weir.Oci.Tests.Support;

/// <summary>
/// A CNCF distribution instance (Debian's docker-registry) on 127.0.0.1 and a free port, with filesystem
/// storage in a temp directory; optionally with htpasswd Basic auth.
/// </summary>
internal sealed class DistributionRegistry : IAsyncDisposable
{
    /// <summary>bcrypt of "devpass" (distribution's htpasswd accepts bcrypt only).</summary>
    public const string DevPasswordHash = "$2b$04$FPc.ZOXGU4d5Kv9Jdyb.GeS1aOSkqJZOCHzvcX/BVHYYT3yYAIjkK";

    private readonly Process process;
    private readonly TempDirectory directory;

    private DistributionRegistry(Process process, TempDirectory directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public static async Task<DistributionRegistry> StartAsync(bool withBasicAuth = false)
    {
        var binary = ExternalTools.Require("docker-registry");
        for (var attempt = 0; ; attempt++)
        {
            var directory = new TempDirectory();
            var port = FreePort();
            var auth = "";
            if (withBasicAuth)
            {
                await File.WriteAllTextAsync(directory.Combine("htpasswd"), $"dev:{DevPasswordHash}\n");
                auth = $"auth:\n  htpasswd:\n    realm: weir-test\n    path: {directory.Combine("htpasswd")}\n";
            }

            var config = directory.Combine("config.yml");
            await File.WriteAllTextAsync(config, $"""
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: {directory.Combine("data")}
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:{port}
                {auth}
                """);
            var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("serve");
            start.ArgumentList.Add(config);
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var registry = new DistributionRegistry(process, directory, port);
            if (await registry.WaitUntilReadyAsync())
            {
                return registry;
            }

            await registry.DisposeAsync();
            if (attempt >= 2)
            {
                throw new InvalidOperationException($"docker-registry did not start on 127.0.0.1:{port}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        directory.Dispose();
    }

    private async Task<bool> WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 100 && !process.HasExited; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://{Host}/v2/"));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
