using System.Net;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Clusters;

public sealed class RetryTests
{
    [Fact]
    public async Task Retry_FirstEndpointRefusesConnection_SecondAnswers()
    {
        var closed = $"http://127.0.0.1:{FreePorts.Reserve()}";
        await using var healthy = await TestUpstream.StartAsync(context => context.Response.WriteAsync("second"));
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute("retry: { attempts: 1, on: [connect_failure] }", endpoints: [closed, healthy.Url]));

        for (var i = 0; i < 4; i++)
        {
            using var response = await gateway.Client.PostAsync(new Uri(gateway.Url(), "/"), new StringContent("body"));
            response.StatusCode.Should().Be(HttpStatusCode.OK, "a refused connection never saw the request, so even a POST is retried");
            (await response.Content.ReadAsStringAsync()).Should().Be("second");
        }
    }

    [Fact]
    public async Task Retry_GatewayErrorStatus_RetriedForIdempotentRequests()
    {
        var calls = 0;
        await using var upstream = await TestUpstream.StartAsync(context =>
        {
            if (Interlocked.Increment(ref calls) % 2 == 1)
            {
                context.Response.StatusCode = 503;
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync("recovered");
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute("retry: { attempts: 2, on: [gateway_error] }", endpoints: upstream.Url));

        using var response = await gateway.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("recovered");
        upstream.Count.Should().Be(2);
    }

    [Fact]
    public async Task Retry_PostWithBodyGotServerError_IsNotRepeated()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Response.StatusCode = 503;
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute("retry: { attempts: 3, on: [5xx, reset] }", endpoints: upstream.Url));

        using var response = await gateway.Client.PostAsync(new Uri(gateway.Url(), "/orders"), new StringContent("order"));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        upstream.Count.Should().Be(1, "the endpoint may have acted on the order");
    }

    [Fact]
    public async Task Retry_PerTryTimeout_SlowAttemptIsReplacedByAFastOne()
    {
        var calls = 0;
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await context.Response.WriteAsync("fast");
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute("retry: { attempts: 1, on: [timeout], per_try_timeout: 200ms }", endpoints: upstream.Url));

        using var response = await gateway.GetAsync("/");

        (await response.Content.ReadAsStringAsync()).Should().Be("fast");
        upstream.Count.Should().Be(2);
    }
}
