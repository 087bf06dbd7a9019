using System.Globalization;

namespace Weir.Gateway.Upstream;

/// <summary>
/// The write-only stream a request's <see cref="HttpContent"/> serializes its body into: bytes go into the
/// connection's write buffer after the head (chunk-framed when the length is unknown) and are sent when the
/// buffer fills or the content flushes. One per connection, active only while a body is being sent.
/// </summary>
internal sealed class Http11RequestBodyStream : Stream
{
    private readonly Http11Connection _connection;
    private bool _active;
    private bool _chunked;
    private long _length;

    public Http11RequestBodyStream(Http11Connection connection)
    {
        _connection = connection;
    }

    /// <summary>The body bytes written so far.</summary>
    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => _active;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Begin(bool chunked, long length)
    {
        _chunked = chunked;
        _length = length;
        Written = 0;
        _active = true;
    }

    public void End() => _active = false;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_active)
        {
            throw new InvalidOperationException("the request body was written to after it was sent");
        }

        if (!_chunked && Written + buffer.Length > _length)
        {
            throw new HttpRequestException(HttpRequestError.Unknown, string.Create(CultureInfo.InvariantCulture, $"the request body is longer than the {_length} bytes its Content-Length announced"));
        }

        Written += buffer.Length;
        return _connection.WriteBodyAsync(buffer, _chunked);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) =>
        // Contents serialize asynchronously; one that writes synchronously waits for the send.
        WriteAsync(buffer.ToArray()).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _active ? _connection.FlushAsync().AsTask() : Task.CompletedTask;

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
