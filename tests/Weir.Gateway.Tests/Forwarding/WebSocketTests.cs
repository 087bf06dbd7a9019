using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Weir.Gateway.Tests.Support;

namespace Weir.Gateway.Tests.Forwarding;

public sealed class WebSocketTests
{
    [Fact]
    public async Task WebSocket_UpgradeThroughGateway_MessagesFlowBothWays()
    {
        await using var upstream = await TestUpstream.StartAsync(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                var reply = Encoding.UTF8.GetBytes("echo: " + Encoding.UTF8.GetString(buffer, 0, received.Count));
                await socket.SendAsync(reply, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }, websockets: true);
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        using var client = new ClientWebSocket();
        var address = new UriBuilder(gateway.Url()) { Scheme = "ws", Path = "/socket" }.Uri;

        await client.ConnectAsync(address, CancellationToken.None);
        var replies = new List<string>();
        foreach (var message in new[] { "one", "two" })
        {
            await client.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
            var buffer = new byte[1024];
            var received = await client.ReceiveAsync(buffer, CancellationToken.None);
            replies.Add(Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

        replies.Should().Equal("echo: one", "echo: two");
        client.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
        upstream.Last.Header("upgrade").Should().Be("websocket");
    }

    [Fact]
    public async Task WebSocket_UpstreamRefusesUpgrade_ClientGetsItsAnswer()
    {
        await using var upstream = await TestUpstream.StartAsync(context =>
        {
            context.Response.StatusCode = 403;
            return context.Response.WriteAsync("no sockets here");
        });
        await using var gateway = await TestGateway.StartAsync(Yaml.SingleRoute(endpoints: upstream.Url));
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;
        var address = new UriBuilder(gateway.Url()) { Scheme = "ws", Path = "/socket" }.Uri;

        Func<Task> connecting = () => client.ConnectAsync(address, CancellationToken.None);

        await connecting.Should().ThrowAsync<WebSocketException>();
        ((int)client.HttpStatusCode).Should().Be(StatusCodes.Status403Forbidden);
    }
}
