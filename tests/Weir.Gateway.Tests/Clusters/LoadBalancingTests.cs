using System.Net;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Clusters;

public sealed class LoadBalancingTests
{
    [Fact]
    public async Task RoundRobin_ThreeEndpoints_EachGetsAnEqualShare()
    {
        await using var first = await TestUpstream.StartAsync();
        await using var second = await TestUpstream.StartAsync();
        await using var third = await TestUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(extraCluster: "load_balancing: round_robin", endpoints: [first.Url, second.Url, third.Url]));

        for (var i = 0; i < 30; i++)
        {
            using var response = await gateway.GetAsync("/");
            response.EnsureSuccessStatusCode();
        }

        new[] { first.Count, second.Count, third.Count }.Should().Equal(10, 10, 10);
    }

    [Fact]
    public async Task LeastRequest_OneEndpointHoldsRequests_NewRequestsGoToTheIdleOne()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var busy = await TestUpstream.StartAsync(async context =>
        {
            await release.Task;
            await context.Response.WriteAsync("busy");
        });
        await using var idle = await TestUpstream.StartAsync(context => context.Response.WriteAsync("idle"));
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(extraCluster: "load_balancing: least_request", endpoints: [busy.Url, idle.Url]));

        // Fill the busy endpoint with requests that stay in flight.
        var held = new List<Task<HttpResponseMessage>>();
        using var client = TestGateway.CreateClient();
        while (busy.Count < 1)
        {
            held.Add(client.GetAsync(new Uri(gateway.Url(), "/")));
            await Eventually.TrueAsync(() => busy.Count + idle.Count >= held.Count, TimeSpan.FromSeconds(10), "the request arrived");
        }

        var answers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await gateway.GetAsync("/");
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        release.SetResult();
        foreach (var request in held)
        {
            (await request).Dispose();
        }

        answers.Should().AllBe("idle", "the busy endpoint has requests in flight and the idle one has none");
    }

    [Fact]
    public async Task HealthCheck_EndpointFailsChecks_TrafficMovesAwayAndComesBack()
    {
        var sick = false;
        await using var flaky = await TestUpstream.StartAsync(context =>
        {
            if (context.Request.Path == "/healthz")
            {
                context.Response.StatusCode = Volatile.Read(ref sick) ? 503 : 200;
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync("flaky");
        });
        await using var steady = await TestUpstream.StartAsync(context => context.Response.WriteAsync("steady"));
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(
            extraCluster: "health_check: { path: /healthz, interval: 100ms, timeout: 500ms, unhealthy_threshold: 2, healthy_threshold: 1 }",
            endpoints: [flaky.Url, steady.Url]));

        Volatile.Write(ref sick, true);
        await Eventually.TrueAsync(() => !gateway.IsHealthy(flaky.Url), TimeSpan.FromSeconds(10), "the flaky endpoint is marked unhealthy");
        var whileSick = await CollectAsync(gateway, 10);

        Volatile.Write(ref sick, false);
        await Eventually.TrueAsync(() => gateway.IsHealthy(flaky.Url), TimeSpan.FromSeconds(10), "the flaky endpoint is healthy again");
        var afterRecovery = await CollectAsync(gateway, 10);

        whileSick.Should().AllBe("steady");
        afterRecovery.Should().Contain("flaky");
    }

    [Fact]
    public async Task HealthCheck_EveryEndpointUnhealthy_Returns503()
    {
        await using var down = await TestUpstream.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Path == "/healthz" ? 500 : 200;
            return Task.CompletedTask;
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(
            extraCluster: "health_check: { path: /healthz, interval: 50ms, unhealthy_threshold: 1 }",
            endpoints: [down.Url]));

        await Eventually.TrueAsync(async () =>
        {
            using var response = await gateway.GetAsync("/");
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(10), "the gateway answers 503");

        using var answer = await gateway.GetAsync("/");
        (await answer.Content.ReadAsStringAsync()).Should().Contain("no healthy upstream");
    }

    private static async Task<List<string>> CollectAsync(TestGateway gateway, int count)
    {
        var answers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var response = await gateway.GetAsync("/");
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        return answers;
    }
}
