using System.Text.Json;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.AccessLog;

public sealed class AccessLogTests
{
    [Fact]
    public async Task AccessLog_EachRequest_WritesOneJsonLine()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var logPath = Path.Combine(Path.GetTempPath(), "weir-access-" + Guid.NewGuid().ToString("N") + ".log");
        await using var gateway = await TestGateway.StartAsync($"access_log: {{ path: {logPath} }}\n" + Yaml.SingleRoute(endpoints: upstream.Url));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Url(), "/orders?id=7")) { Content = new StringContent("hello") };
        request.Headers.TryAddWithoutValidation("x-request-id", "req-1");
        request.Headers.UserAgent.ParseAdd("tests/1.0");

        (await gateway.Client.SendAsync(request)).Dispose();
        (await gateway.GetAsync("/second")).Dispose();
        await Eventually.TrueAsync(() => File.Exists(logPath) && File.ReadAllLines(logPath).Length == 2, TimeSpan.FromSeconds(10), "both entries were written");

        var first = JsonDocument.Parse(File.ReadAllLines(logPath)[0]).RootElement;
        first.GetProperty("listener").GetString().Should().Be("public");
        first.GetProperty("route").GetString().Should().Be("0");
        first.GetProperty("cluster").GetString().Should().Be("backend");
        first.GetProperty("upstream").GetString().Should().Be(upstream.Url);
        first.GetProperty("method").GetString().Should().Be("POST");
        first.GetProperty("path").GetString().Should().Be("/orders?id=7");
        first.GetProperty("protocol").GetString().Should().Be("HTTP/1.1");
        first.GetProperty("status").GetInt32().Should().Be(200);
        first.GetProperty("request_bytes").GetInt64().Should().Be(5);
        first.GetProperty("response_bytes").GetInt64().Should().Be("upstream".Length);
        first.GetProperty("duration_us").GetInt64().Should().BePositive();
        first.GetProperty("attempts").GetInt32().Should().Be(1);
        first.GetProperty("client").GetString().Should().Be("127.0.0.1");
        first.GetProperty("user_agent").GetString().Should().Be("tests/1.0");
        first.GetProperty("request_id").GetString().Should().Be("req-1");
        first.TryGetProperty("error", out _).Should().BeFalse();
        File.Delete(logPath);
    }

    [Fact]
    public async Task AccessLog_FailedRequest_RecordsTheError()
    {
        var logPath = Path.Combine(Path.GetTempPath(), "weir-access-" + Guid.NewGuid().ToString("N") + ".log");
        await using var gateway = await TestGateway.StartAsync($"access_log: {logPath}\n" + Yaml.SingleRoute(endpoints: $"http://127.0.0.1:{FreePorts.Reserve()}"));

        (await gateway.GetAsync("/")).Dispose();
        await Eventually.TrueAsync(() => File.Exists(logPath) && File.ReadAllLines(logPath).Length == 1, TimeSpan.FromSeconds(10), "the entry was written");

        var entry = JsonDocument.Parse(File.ReadAllLines(logPath)[0]).RootElement;
        entry.GetProperty("status").GetInt32().Should().Be(502);
        entry.GetProperty("error").GetString().Should().Be("connect_failure");
        File.Delete(logPath);
    }
}
