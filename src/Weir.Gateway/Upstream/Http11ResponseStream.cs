using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Weir.Gateway.Upstream;

/// <summary>
/// A response body read from its connection: <c>Content-Length</c> bytes, chunks up to the last one and its
/// trailers (which land in <see cref="HttpResponseMessage.TrailingHeaders"/>), or everything until the server
/// closes. The read that reaches the end hands the connection back to its pool at once, so the next request
/// can use it before this response is even disposed. A body that ends early fails the read with an
/// <see cref="IOException"/> rather than looking complete.
/// </summary>
internal sealed class Http11ResponseStream : Stream
{
    // A read at least this large with nothing buffered receives straight into the caller's memory.
    private const int DirectReadSize = 16 * 1024;

    private readonly HttpResponseMessage _response;
    private readonly BodyFraming _framing;
    private Http11Connection? _connection;
    private long _remaining;
    private ChunkPart _part;
    private bool _done;
    private bool _reading;

    public Http11ResponseStream(Http11Connection connection, HttpResponseMessage response, BodyFraming framing, long contentLength)
    {
        _connection = connection;
        _response = response;
        _framing = framing;
        _remaining = framing == BodyFraming.Length ? contentLength : 0;
    }

    private enum ChunkPart
    {
        Size,
        Data,
        DataEnd,
        Trailers,
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return 0;
        }

        var connection = _connection ?? throw new ObjectDisposedException(nameof(Http11ResponseStream), "the response was disposed before its body was read");
        if (buffer.IsEmpty)
        {
            return 0;
        }

        _reading = true;
        try
        {
            while (true)
            {
                var produced = Advance(connection, buffer.Span, discard: false);
                if (_done)
                {
                    Finish(connection);
                    return produced;
                }

                if (produced > 0)
                {
                    return produced;
                }

                if (connection.Buffered.IsEmpty && buffer.Length >= DirectReadSize && (_framing != BodyFraming.Chunked || _part == ChunkPart.Data))
                {
                    var limit = _framing == BodyFraming.UntilClose ? buffer.Length : (int)Math.Min(buffer.Length, _remaining);
                    var received = await connection.ReceiveAsync(buffer[..limit], cancellationToken).ConfigureAwait(false);
                    if (received == 0)
                    {
                        return EndOfInput(connection);
                    }

                    Received(connection, received);
                    return received;
                }

                if (await connection.FillAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    return EndOfInput(connection);
                }
            }
        }
        catch (Exception exception)
        {
            _connection = null;
            connection.Close();
            throw exception switch
            {
                OperationCanceledException or HttpIOException => exception,
                _ when cancellationToken.IsCancellationRequested => new OperationCanceledException("reading the upstream's response body was cancelled", exception, cancellationToken),
                SocketException or ObjectDisposedException => new HttpIOException(HttpRequestError.ResponseEnded, "the upstream connection failed in the middle of the response body: " + exception.Message, exception),
                HttpRequestException request => new HttpIOException(request.HttpRequestError, request.Message, request),
                _ => exception,
            };
        }
        finally
        {
            _reading = false;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Synchronous readers wait for the asynchronous read (responses are normally read asynchronously).
        var rented = new byte[buffer.Length];
        var read = ReadAsync(rented).AsTask().GetAwaiter().GetResult();
        rented.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    public override void Flush()
    {
        // Nothing is written to a response body.
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _connection is { } connection)
        {
            _connection = null;
            if (!_reading && TryDrainBuffered(connection))
            {
                connection.ReleaseAfterBody();
            }
            else
            {
                // The rest of the body is still on the wire: reading it for nobody would cost more than a new connection.
                connection.Close();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Whether the body's end is already in the buffer (a response disposed unread, such as a health check's).</summary>
    private bool TryDrainBuffered(Http11Connection connection)
    {
        if (_framing == BodyFraming.UntilClose)
        {
            return false;
        }

        try
        {
            while (!_done)
            {
                if (Advance(connection, default, discard: true) == 0 && !_done)
                {
                    return false;
                }
            }

            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>
    /// Moves through what is buffered: body bytes into <paramref name="destination"/> (or skipped when
    /// <paramref name="discard"/>), chunk framing and trailers consumed. Returns the body bytes produced; 0
    /// with <see cref="_done"/> unset means more input is needed.
    /// </summary>
    private int Advance(Http11Connection connection, Span<byte> destination, bool discard)
    {
        while (true)
        {
            var buffered = connection.Buffered;
            switch (_framing)
            {
                case BodyFraming.Length:
                {
                    var count = Take(connection, buffered, destination, discard, _remaining);
                    _remaining -= count;
                    _done = _remaining == 0;
                    return count;
                }

                case BodyFraming.UntilClose:
                    return Take(connection, buffered, destination, discard, long.MaxValue);
            }

            switch (_part)
            {
                case ChunkPart.Size:
                    if (!ResponseHeadParser.TryParseChunkHeader(buffered, out var size, out var consumed))
                    {
                        return 0;
                    }

                    connection.Consume(consumed);
                    (_part, _remaining) = size == 0 ? (ChunkPart.Trailers, 0L) : (ChunkPart.Data, size);
                    continue;

                case ChunkPart.Data:
                {
                    var count = Take(connection, buffered, destination, discard, _remaining);
                    _remaining -= count;
                    if (_remaining == 0)
                    {
                        _part = ChunkPart.DataEnd;
                    }

                    if (count == 0 || !discard)
                    {
                        return count;
                    }

                    continue;
                }

                case ChunkPart.DataEnd:
                    if (buffered.IsEmpty || (buffered.Length == 1 && buffered[0] == (byte)'\r'))
                    {
                        return 0;
                    }

                    if (buffered[0] == (byte)'\n' || buffered.StartsWith("\r\n"u8))
                    {
                        connection.Consume(buffered[0] == (byte)'\n' ? 1 : 2);
                        _part = ChunkPart.Size;
                        continue;
                    }

                    throw ResponseHeadParser.Invalid("a chunk's data is not followed by a line end");

                default:
                    if (!connection.TryReadTrailers(_response.TrailingHeaders))
                    {
                        return 0;
                    }

                    _done = true;
                    return 0;
            }
        }
    }

    private static int Take(Http11Connection connection, ReadOnlySpan<byte> buffered, Span<byte> destination, bool discard, long limit)
    {
        var count = (int)Math.Min(Math.Min(buffered.Length, discard ? int.MaxValue : destination.Length), limit);
        if (count > 0)
        {
            if (!discard)
            {
                buffered[..count].CopyTo(destination);
            }

            connection.Consume(count);
        }

        return count;
    }

    private void Received(Http11Connection connection, int received)
    {
        if (_framing == BodyFraming.UntilClose)
        {
            return;
        }

        _remaining -= received;
        if (_remaining > 0)
        {
            return;
        }

        if (_framing == BodyFraming.Length)
        {
            _done = true;
            Finish(connection);
        }
        else
        {
            _part = ChunkPart.DataEnd;
        }
    }

    /// <summary>The server closed the connection: the natural end of an until-close body, a failure for any other.</summary>
    private int EndOfInput(Http11Connection connection)
    {
        if (_framing == BodyFraming.UntilClose)
        {
            _done = true;
            Finish(connection);
            return 0;
        }

        var missing = _framing == BodyFraming.Length
            ? string.Create(CultureInfo.InvariantCulture, $"{_remaining} bytes before the end of the response body")
            : "before the last chunk of the response body";
        throw new HttpIOException(HttpRequestError.ResponseEnded, "the upstream closed the connection " + missing);
    }

    private void Finish(Http11Connection connection)
    {
        _connection = null;
        connection.ReleaseAfterBody();
    }
}
