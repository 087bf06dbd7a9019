using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Reload;

public sealed class ReloadTests
{
    [Fact]
    public async Task Reload_FileChanged_NewConfigurationServedWithoutRestart()
    {
        await using var blue = await TestUpstream.StartAsync(context => context.Response.WriteAsync("blue"));
        await using var green = await TestUpstream.StartAsync(context => context.Response.WriteAsync("green"));
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: blue.Url), watch: true);
        var address = gateway.Url();

        await File.WriteAllTextAsync(gateway.ConfigPath, Yaml.SingleRoute(endpoints: green.Url));
        await Eventually.TrueAsync(() => gateway.Host.ConfigurationVersion == 2, TimeSpan.FromSeconds(10), "the watcher reloaded the file");

        using var response = await gateway.GetAsync("/");
        (await response.Content.ReadAsStringAsync()).Should().Be("green");
        gateway.Url().Should().Be(address, "an unchanged listener keeps its socket across reloads");
    }

    [Fact]
    public async Task Reload_FileTouchedWithoutChange_KeepsTheVersion()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url), watch: true);

        File.SetLastWriteTimeUtc(gateway.ConfigPath, DateTime.UtcNow.AddMinutes(1));
        await File.WriteAllTextAsync(Path.Combine(gateway.Directory, "unrelated.txt"), "x");
        await Task.Delay(600);

        gateway.Host.ConfigurationVersion.Should().Be(1);
    }

    [Fact]
    public async Task Reload_InvalidFile_KeepsOldVersionAndAdminReportsTheErrorPosition()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var yaml = AdminYaml(upstream.Url);
        await using var gateway = await TestGateway.StartAsync(yaml);
        await File.WriteAllTextAsync(gateway.ConfigPath, yaml.Replace("cluster: backend", "cluster: nowhere", StringComparison.Ordinal));

        using var reload = await gateway.Client.PostAsync(new Uri(gateway.Admin, "/reload"), null);
        var result = await reload.Content.ReadFromJsonAsync<JsonElement>();

        reload.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        result.GetProperty("succeeded").GetBoolean().Should().BeFalse();
        result.GetProperty("version").GetInt64().Should().Be(1);
        var error = result.GetProperty("errors")[0];
        error.GetProperty("field").GetString().Should().Be("listeners[0].routes[0].cluster");
        error.GetProperty("line").GetInt32().Should().Be(8);
        error.GetProperty("text").GetString().Should().Contain("gateway.yaml:8:").And.Contain("unknown cluster 'nowhere'");
        using var stillServing = await gateway.GetAsync("/");
        stillServing.StatusCode.Should().Be(HttpStatusCode.OK);
        (await gateway.AdminGetAsync("/metrics")).Should().Contain("weir_config_reloads_total{result=\"failure\"} 1");
    }

    [Fact]
    public async Task Reload_AdminPost_ActivatesNextVersion()
    {
        await using var blue = await TestUpstream.StartAsync(context => context.Response.WriteAsync("blue"));
        await using var green = await TestUpstream.StartAsync(context => context.Response.WriteAsync("green"));
        await using var gateway = await TestGateway.StartAsync(AdminYaml(blue.Url));
        await File.WriteAllTextAsync(gateway.ConfigPath, AdminYaml(green.Url));

        using var reload = await gateway.Client.PostAsync(new Uri(gateway.Admin, "/reload"), null);
        var result = await reload.Content.ReadFromJsonAsync<JsonElement>();
        using var response = await gateway.GetAsync("/");

        reload.StatusCode.Should().Be(HttpStatusCode.OK);
        result.GetProperty("version").GetInt64().Should().Be(2);
        (await response.Content.ReadAsStringAsync()).Should().Be("green");
        using var get = await gateway.Client.GetAsync(new Uri(gateway.Admin, "/reload"));
        get.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Reload_WhileRequestInFlight_RequestFinishesOnOldVersionAndOldClusterIsReleasedAfter()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var blue = await TestUpstream.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await release.Task;
            await context.Response.WriteAsync("blue, late");
        });
        await using var green = await TestUpstream.StartAsync(context => context.Response.WriteAsync("green"));
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: blue.Url));
        using var client = TestGateway.CreateClient();

        var inFlight = client.GetStringAsync(new Uri(gateway.Url(), "/slow"));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await File.WriteAllTextAsync(gateway.ConfigPath, Yaml.SingleRoute(endpoints: green.Url));
        (await gateway.Host.ReloadAsync()).Succeeded.Should().BeTrue();
        var runningClusters = gateway.Host.Components.Count;

        (await gateway.Client.GetStringAsync(new Uri(gateway.Url(), "/"))).Should().Be("green");
        release.SetResult();
        (await inFlight).Should().Be("blue, late");

        runningClusters.Should().Be(2, "the old version still holds the blue cluster while its request runs");
        await Eventually.TrueAsync(() => gateway.Host.Components.Count == 1, TimeSpan.FromSeconds(10), "the drained version released the blue cluster");
    }

    [Fact]
    public async Task Reload_UnderLoad_NoRequestFails()
    {
        await using var blue = await TestUpstream.StartAsync(context => context.Response.WriteAsync("blue"));
        await using var green = await TestUpstream.StartAsync(context => context.Response.WriteAsync("green"));
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: blue.Url));
        using var client = TestGateway.CreateClient();
        using var http2 = TestGateway.CreateClient(HttpVersion.Version20);
        var failures = new ConcurrentQueue<string>();
        var answers = new ConcurrentDictionary<string, int>();
        long completed = 0;
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var http = worker % 2 == 0 ? client : http2;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var content = new StringContent("payload-" + worker);
                    using var response = worker % 3 == 0
                        ? await http.PostAsync(new Uri(gateway.Url(), "/w"), content)
                        : await http.GetAsync(new Uri(gateway.Url(), "/r"));
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Enqueue($"{(int)response.StatusCode} {body}");
                    }
                    else
                    {
                        answers.AddOrUpdate(body, 1, (_, count) => count + 1);
                    }
                }
                catch (HttpRequestException exception)
                {
                    failures.Enqueue(exception.Message);
                }

                Interlocked.Increment(ref completed);
            }
        })).ToArray();

        for (var reload = 0; reload < 12; reload++)
        {
            await Task.Delay(100);
            // Alternate upstreams and change the cluster's definition so clusters are really replaced.
            var target = reload % 2 == 0 ? green.Url : blue.Url;
            await File.WriteAllTextAsync(gateway.ConfigPath, Yaml.SingleRoute(extraCluster: $"connect_timeout: {reload + 1}s", endpoints: target));
            var result = await gateway.Host.ReloadAsync();
            result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors));
        }

        await Task.Delay(100);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        failures.Should().BeEmpty();
        Interlocked.Read(ref completed).Should().BeGreaterThan(200);
        answers.Keys.Should().BeEquivalentTo("blue", "green");
        gateway.Host.ConfigurationVersion.Should().Be(13);
    }

    [Fact]
    public async Task Reload_ListenerAddedThenRemoved_OpensAndClosesItsSocket()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var port = FreePorts.Reserve();
        var single = Yaml.SingleRoute(endpoints: upstream.Url);
        await using var gateway = await TestGateway.StartAsync(single);
        var withSecond = single.Replace("clusters:", $"""
              - name: second
                address: 127.0.0.1:{port}
                routes: [{"{"} cluster: backend {"}"}]
            clusters:
            """, StringComparison.Ordinal);

        await File.WriteAllTextAsync(gateway.ConfigPath, withSecond);
        (await gateway.Host.ReloadAsync()).Succeeded.Should().BeTrue();
        using (var response = await gateway.Client.GetAsync(new Uri($"http://127.0.0.1:{port}/")))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await File.WriteAllTextAsync(gateway.ConfigPath, single);
        (await gateway.Host.ReloadAsync()).Succeeded.Should().BeTrue();

        await Eventually.TrueAsync(async () =>
        {
            using var fresh = TestGateway.CreateClient();
            try
            {
                using var response = await fresh.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
                return false;
            }
            catch (HttpRequestException)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(10), "the removed listener stopped listening");
        gateway.Host.ListenerAddresses.Keys.Should().Equal("public");
    }

    [Fact]
    public async Task Reload_PortAlreadyTaken_FailsWithTheListenerFieldAndKeepsServing()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var occupant = await TestUpstream.StartAsync();
        var single = Yaml.SingleRoute(endpoints: upstream.Url);
        await using var gateway = await TestGateway.StartAsync(single);
        await File.WriteAllTextAsync(gateway.ConfigPath, single.Replace("clusters:", $"""
              - name: second
                address: {occupant.Address.Authority}
                routes: [{"{"} cluster: backend {"}"}]
            clusters:
            """, StringComparison.Ordinal));

        var result = await gateway.Host.ReloadAsync();

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Field.Should().Be("listeners[1].address");
        using var response = await gateway.GetAsync("/");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static string AdminYaml(string endpoint) => $"""
        admin:
          address: 127.0.0.1:0
        listeners:
          - name: public
            address: 127.0.0.1:0
            routes:
              - match: {"{"} prefix: / {"}"}
                cluster: backend
        clusters:
          - name: backend
            endpoints: [{endpoint}]
        """;
}
