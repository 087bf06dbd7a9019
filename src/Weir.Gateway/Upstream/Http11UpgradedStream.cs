namespace Weir.Gateway.Upstream;

/// <summary>
/// The raw connection after a 101 Switching Protocols answer (a WebSocket): reads return what the server
/// sends (starting with any bytes that arrived with the 101 head), writes go straight to the socket.
/// Never pooled: disposing it closes the connection.
/// </summary>
internal sealed class Http11UpgradedStream : Stream
{
    private readonly Http11Connection _connection;

    public Http11UpgradedStream(Http11Connection connection)
    {
        _connection = connection;
    }

    public override bool CanRead => !_connection.IsClosed;

    public override bool CanSeek => false;

    public override bool CanWrite => !_connection.IsClosed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var buffered = _connection.Buffered;
        if (!buffered.IsEmpty)
        {
            var count = Math.Min(buffered.Length, buffer.Length);
            buffered[..count].CopyTo(buffer.Span);
            _connection.Consume(count);
            return count;
        }

        try
        {
            return await _connection.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            throw new IOException("the upgraded upstream connection failed: " + exception.Message, exception);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await _connection.SendBytesAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            throw new IOException("the upgraded upstream connection failed: " + exception.Message, exception);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    // Writes are sent as they are made.
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
        // Writes are sent as they are made.
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _connection.Close();
        }

        base.Dispose(disposing);
    }
}
