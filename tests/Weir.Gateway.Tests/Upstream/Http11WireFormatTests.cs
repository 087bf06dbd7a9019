using System.Net;
using System.Text;
using Weir.Gateway.Tests.Support;
using Weir.Gateway.Upstream;

namespace Weir.Gateway.Tests.Upstream;

/// <summary>What <see cref="Http11UpstreamHandler"/> puts on the wire and how it reads what comes back, against raw TCP servers.</summary>
public sealed class Http11WireFormatTests
{
    private const string Hello = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello";

    internal static HttpMessageInvoker Client(Http11UpstreamOptions? options = null) =>
        new(new Http11UpstreamHandler(options ?? new Http11UpstreamOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), null)));

    internal static async Task<string> BodyOf(HttpResponseMessage response) =>
        Encoding.Latin1.GetString(await response.Content.ReadAsByteArrayAsync());

    [Fact]
    public async Task SendAsync_GetWithHeaders_WritesRequestLineHostAndHeadersAsGiven()
    {
        var received = new TaskCompletionSource<RawRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            received.SetResult((await connection.ReadRequestAsync())!);
            await connection.WriteAsync(Hello);
        });
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + "/a/b%20c?x=1&y=%2F");
        request.Headers.Host = "example.test";
        request.Headers.TryAddWithoutValidation("X-Single", "one");
        request.Headers.TryAddWithoutValidation("X-Multi", new[] { "a", "b" });
        request.Headers.TryAddWithoutValidation("Cookie", new[] { "k=v", "k2=v2" });

        using var response = await client.SendAsync(request, CancellationToken.None);

        var seen = await received.Task;
        seen.RequestLine.Should().Be("GET /a/b%20c?x=1&y=%2F HTTP/1.1", "the target is sent exactly as the gateway escaped it");
        seen.Headers[0].Should().Be(new KeyValuePair<string, string>("Host", "example.test"), "Host comes first");
        seen.Header("X-Single").Should().Be("one");
        seen.Header("X-Multi").Should().Be("a, b");
        seen.Header("Cookie").Should().Be("k=v; k2=v2", "cookies are joined the way a Cookie header must be");
        seen.Header("Content-Length").Should().BeNull("a GET without content has no body");
        seen.Header("Transfer-Encoding").Should().BeNull();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Version.Should().Be(HttpVersion.Version11);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        response.Content.Headers.ContentLength.Should().Be(5);
        (await BodyOf(response)).Should().Be("hello");
    }

    [Fact]
    public async Task SendAsync_RequestWithoutHostHeader_SendsTheEndpointAuthority()
    {
        var received = new TaskCompletionSource<RawRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            received.SetResult((await connection.ReadRequestAsync())!);
            await connection.WriteAsync(Hello);
        });
        using var client = Client();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/health"), CancellationToken.None);

        var seen = await received.Task;
        seen.RequestLine.Should().Be("GET /health HTTP/1.1");
        seen.Header("Host").Should().Be(new Uri(server.Url).Authority);
    }

    [Fact]
    public async Task SendAsync_TargetWithDotSegmentsOrFragment_IsNormalizedLikeUri()
    {
        var received = new TaskCompletionSource<RawRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            received.SetResult((await connection.ReadRequestAsync())!);
            await connection.WriteAsync(Hello);
        });
        using var client = Client();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/a/../b?q#fragment"), CancellationToken.None);

        (await received.Task).RequestLine.Should().Be("GET /b?q HTTP/1.1", "a fragment never goes on the wire and dot segments are resolved as HttpClient would");
    }

    [Fact]
    public async Task SendAsync_PostWithoutContent_SendsContentLengthZero()
    {
        var received = new TaskCompletionSource<RawRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            received.SetResult((await connection.ReadRequestAsync())!);
            await connection.WriteAsync(Hello);
        });
        using var client = Client();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, server.Url + "/"), CancellationToken.None);

        (await received.Task).Header("Content-Length").Should().Be("0", "servers may refuse a POST without any length (411)");
    }

    [Fact]
    public async Task SendAsync_ContentWithLength_SendsContentLengthAndTheBody()
    {
        var received = new TaskCompletionSource<RawRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            received.SetResult((await connection.ReadRequestAsync())!);
            await connection.WriteAsync(Hello);
        });
        using var client = Client();
        var body = string.Concat(Enumerable.Repeat("0123456789", 5000));

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, server.Url + "/put") { Content = new StringContent(body, Encoding.ASCII, "text/csv") }, CancellationToken.None);

        var seen = await received.Task;
        seen.Header("Content-Length").Should().Be("50000");
        seen.Header("Content-Type").Should().Be("text/csv; charset=us-ascii");
        seen.Header("Transfer-Encoding").Should().BeNull();
        Encoding.ASCII.GetString(seen.Body).Should().Be(body);
    }

    [Fact]
    public async Task SendAsync_ContentOfUnknownLengthWithTrailers_GoesChunkedWithATrailerSection()
    {
        var received = new TaskCompletionSource<RawRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            received.SetResult((await connection.ReadRequestAsync())!);
            await connection.WriteAsync(Hello);
        });
        using var client = Client();
        var large = new byte[40_000];
        Random.Shared.NextBytes(large);
        var content = new PiecewiseContent(["first"u8.ToArray(), large, "last"u8.ToArray()], new("x-checksum", "abc123"), new("x-count", "3"));

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, server.Url + "/upload") { Content = content }, CancellationToken.None);

        var seen = await received.Task;
        seen.Header("Transfer-Encoding").Should().Be("chunked");
        seen.Header("Content-Length").Should().BeNull();
        seen.ChunkSizes.Should().Equal(5, 40_000, 4, 0);
        seen.Body.Should().Equal([.. "first"u8.ToArray(), .. large, .. "last"u8.ToArray()]);
        seen.Trailers.Should().Equal(new Dictionary<string, string> { ["x-checksum"] = "abc123", ["x-count"] = "3" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SendAsync_HeaderValueWithLineBreak_FailsWithoutSendingAnything()
    {
        var heads = new List<string?>();
        await using var server = RawUpstream.Start(async connection =>
        {
            var head = await connection.ReadHeadAsync();
            lock (heads)
            {
                heads.Add(head);
            }
        });
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + "/");
        request.Headers.TryAddWithoutValidation("X-Evil", "a\r\nX-Injected: yes");

        var sending = () => client.SendAsync(request, CancellationToken.None);

        (await sending.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("X-Evil");
        await Eventually.TrueAsync(
            () =>
            {
                lock (heads)
                {
                    return heads.Count > 0 && heads.Count == server.Accepted;
                }
            },
            TimeSpan.FromSeconds(5),
            "the server saw the connection end");
        heads.Should().AllSatisfy(head => head.Should().BeNull("a request that would have been split is never sent"));
    }

    [Fact]
    public async Task SendAsync_ChunkedResponseWithTrailers_ReadsTheBodyAndTheTrailingHeaders()
    {
        await using var server = RawUpstream.Answering(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: grpc-status\r\n\r\n"
            + "5;ext=1\r\nhello\r\n1\r\n,\r\n6\r\n world\r\n0\r\ngrpc-status: 0\r\ngrpc-message: fine\r\n\r\n");
        using var client = Client();

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/"), CancellationToken.None);

            response.Content.Headers.ContentLength.Should().BeNull("a chunked body's length is not known up front");
            (await BodyOf(response)).Should().Be("hello, world");
            response.TrailingHeaders.GetValues("grpc-status").Should().Equal("0");
            response.TrailingHeaders.GetValues("grpc-message").Should().Equal("fine");
        }

        server.Accepted.Should().Be(1, "a chunked body read to its end leaves the connection reusable");
    }

    [Fact]
    public async Task SendAsync_ResponseArrivingByteByByte_IsParsedTheSame()
    {
        const string Response = "HTTP/1.1 201 Created\r\nX-Custom: value with spaces\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "3\r\nabc\r\nA\r\n0123456789\r\n0\r\nx-trailer: t\r\n\r\n";
        await using var server = RawUpstream.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                foreach (var octet in Encoding.ASCII.GetBytes(Response))
                {
                    await connection.WriteAsync([octet]);
                }
            }
        });
        using var client = Client();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/"), CancellationToken.None);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.GetValues("X-Custom").Should().Equal("value with spaces");
        (await BodyOf(response)).Should().Be("abc0123456789");
        response.TrailingHeaders.GetValues("x-trailer").Should().Equal("t");
    }

    [Theory]
    [InlineData(false, 4096)]
    [InlineData(false, 65536)]
    [InlineData(true, 4096)]
    [InlineData(true, 65536)]
    public async Task SendAsync_LargeBody_ArrivesIntactWhateverTheReadSize(bool chunked, int readSize)
    {
        var body = new byte[1_000_003];
        new Random(7).NextBytes(body);
        await using var server = RawUpstream.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                if (!chunked)
                {
                    await connection.WriteAsync($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n");
                    await connection.WriteAsync(body);
                    continue;
                }

                await connection.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                var random = new Random(11);
                for (var offset = 0; offset < body.Length;)
                {
                    var size = Math.Min(body.Length - offset, random.Next(1, 70_000));
                    await connection.WriteAsync(Encoding.ASCII.GetBytes($"{size:x}\r\n"));
                    await connection.WriteAsync(body[offset..(offset + size)]);
                    await connection.WriteAsync("\r\n");
                    offset += size;
                }

                await connection.WriteAsync("0\r\n\r\n");
            }
        });
        using var client = Client();

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/"), CancellationToken.None);
            var stream = await response.Content.ReadAsStreamAsync();
            using var copy = new MemoryStream();
            var buffer = new byte[readSize];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                copy.Write(buffer, 0, read);
            }

            copy.ToArray().Should().Equal(body);
        }

        server.Accepted.Should().Be(1);
    }

    [Fact]
    public async Task SendAsync_Http10ResponseWithoutLength_IsReadUntilCloseAndTheConnectionNotReused()
    {
        await using var server = RawUpstream.Start(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteAsync("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it until the end");
            connection.Close();
        });
        using var client = Client();

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/"), CancellationToken.None);

            response.Version.Should().Be(HttpVersion.Version10);
            (await BodyOf(response)).Should().Be("all of it until the end");
        }

        server.Accepted.Should().Be(2);
    }

    [Fact]
    public async Task SendAsync_Http10ResponseWithKeepAliveAndLength_KeepsTheConnection()
    {
        await using var server = RawUpstream.Answering("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok");
        using var client = Client();

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/"), CancellationToken.None);
            (await BodyOf(response)).Should().Be("ok");
        }

        server.Accepted.Should().Be(1, "an HTTP/1.0 server that offers keep-alive and frames its body keeps the connection");
    }

    [Fact]
    public async Task SendAsync_InterimResponses_AreSkippedForTheFinalOne()
    {
        await using var server = RawUpstream.Answering(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n" + Hello);
        using var client = Client();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/"), CancellationToken.None);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Link").Should().BeFalse("an interim answer's headers are not the final answer's");
        (await BodyOf(response)).Should().Be("hello");
    }

    [Fact]
    public async Task SendAsync_HeadAnd204And304_HaveNoBodyWhateverTheirHeadersSay()
    {
        await using var server = RawUpstream.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is { } request)
            {
                await connection.WriteAsync(request.RequestLine.Split(' ')[1] switch
                {
                    "/head" => "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n",
                    "/no-content" => "HTTP/1.1 204 No Content\r\n\r\n",
                    _ => "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n",
                });
            }
        });
        using var client = Client();

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, server.Url + "/head"), CancellationToken.None);
        using var noContent = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/no-content"), CancellationToken.None);
        using var notModified = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/not-modified"), CancellationToken.None);

        head.Content.Headers.ContentLength.Should().Be(100, "a HEAD answer tells the length of what a GET would get");
        (await BodyOf(head)).Should().BeEmpty();
        noContent.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await BodyOf(noContent)).Should().BeEmpty();
        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
        notModified.Headers.ETag!.Tag.Should().Be("\"v1\"");
        server.Accepted.Should().Be(1, "none of them leaves a body on the connection");
    }

    [Fact]
    public async Task SendAsync_RepeatedAndChangingHeaders_EachResponseGetsItsOwnValues()
    {
        var count = 0;
        await using var server = RawUpstream.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                var n = Interlocked.Increment(ref count);
                await connection.WriteAsync($"HTTP/1.1 200 Fine\r\nserver: raw\r\nDate: day {n}\r\nSet-Cookie: a={n}\r\nset-cookie: b={n}\r\nX-Unknown-Header: {n}\r\nContent-Length: 0\r\n\r\n");
            }
        });
        using var client = Client();

        using var first = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/"), CancellationToken.None);
        using var second = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/"), CancellationToken.None);

        first.ReasonPhrase.Should().Be("Fine", "a reason phrase other than the standard one is kept");
        first.Headers.NonValidated["Date"].ToString().Should().Be("day 1");
        second.Headers.NonValidated["Date"].ToString().Should().Be("day 2");
        first.Headers.GetValues("Set-Cookie").Should().Equal("a=1", "b=1");
        second.Headers.GetValues("Set-Cookie").Should().Equal("a=2", "b=2");
        second.Headers.GetValues("X-Unknown-Header").Should().Equal("2");
        second.Headers.Server.ToString().Should().Be("raw");
    }

    [Fact]
    public async Task SendAsync_ChunkedAndContentLengthTogether_ReadsChunkedAndClosesTheConnection()
    {
        await using var server = RawUpstream.Start(async connection =>
        {
            while (await connection.ReadRequestAsync() is not null)
            {
                await connection.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
            }
        });
        using var client = Client();

        using (var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/"), CancellationToken.None))
        {
            (await BodyOf(response)).Should().Be("hello", "Transfer-Encoding overrides Content-Length (RFC 9112 §6.3)");
            response.Content.Headers.Contains("Content-Length").Should().BeFalse("the misleading length is not passed on");
        }

        using var next = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/"), CancellationToken.None);
        server.Accepted.Should().Be(2, "a message framed both ways is a smuggling risk: its connection is not reused");
    }

    [Fact]
    public async Task SendAsync_SwitchingProtocols_ContentStreamIsTheRawConnectionBothWays()
    {
        var closedByClient = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawUpstream.Start(async connection =>
        {
            var request = await connection.ReadRequestAsync();
            if (request!.Header("Upgrade") != "websocket")
            {
                await connection.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                return;
            }

            await connection.WriteAsync("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nearly bytes|");
            var ping = await connection.ReadExactlyAsync(4);
            await connection.WriteAsync(Encoding.ASCII.GetString(ping).ToUpperInvariant());
            closedByClient.SetResult(await connection.ClosedByClientWithinAsync(TimeSpan.FromSeconds(10)));
        });
        var handler = new Http11UpstreamHandler(new Http11UpstreamOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), 1));
        using var client = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + "/socket");
        request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
        request.Headers.TryAddWithoutValidation("Upgrade", "websocket");

        using var response = await client.SendAsync(request, CancellationToken.None);
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        var early = new StringBuilder();
        while (!early.ToString().EndsWith('|'))
        {
            early.Append(Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer)));
        }

        await stream.WriteAsync("ping"u8.ToArray());
        var echoed = await stream.ReadAsync(buffer);

        response.StatusCode.Should().Be(HttpStatusCode.SwitchingProtocols);
        early.ToString().Should().Be("early bytes|", "bytes that came with the 101 head belong to the new protocol");
        Encoding.ASCII.GetString(buffer, 0, echoed).Should().Be("PING");
        handler.PoolOf(server.Url)!.OpenConnections.Should().Be(0, "an upgraded connection leaves the pool and its connection limit");
        using (var other = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, server.Url + "/"), CancellationToken.None))
        {
            other.StatusCode.Should().Be(HttpStatusCode.BadRequest, "with the limit at one, the tunnel does not block other requests");
        }

        await stream.DisposeAsync();
        (await closedByClient.Task).Should().BeTrue("disposing the stream closes the tunnel's connection");
    }
}
