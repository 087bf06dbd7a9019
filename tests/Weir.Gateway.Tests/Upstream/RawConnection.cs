using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Weir.Gateway.Tests.Upstream;

/// <summary>The server side of one connection to a <see cref="RawUpstream"/>: reads requests as text, writes whatever the script says.</summary>
internal sealed class RawConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public RawConnection(Socket socket)
    {
        _socket = socket;
    }

    /// <summary>
    /// Reads one request: its head, then its body by Content-Length or chunked framing (chunk sizes and
    /// trailers kept in <see cref="RawRequest"/>). Null when the client closed the connection instead.
    /// </summary>
    public async Task<RawRequest?> ReadRequestAsync(bool readBody = true)
    {
        var head = await ReadHeadAsync();
        if (head is null)
        {
            return null;
        }

        var request = new RawRequest(head);
        if (!readBody)
        {
            return request;
        }

        if (request.Header("Content-Length") is { } length)
        {
            request.Body = await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture));
        }
        else if (request.Header("Transfer-Encoding") is { } coding && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            await ReadChunkedAsync(request);
        }

        return request;
    }

    /// <summary>Reads the request head only (up to its empty line); null at the end of the stream.</summary>
    public async Task<string?> ReadHeadAsync()
    {
        while (true)
        {
            var text = Encoding.Latin1.GetString(_buffer, _start, _end - _start);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                _start += end + 4;
                return text[..(end + 4)];
            }

            if (await FillAsync() == 0)
            {
                return null;
            }
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes (failing when the stream ends first).</summary>
    public async Task<byte[]> ReadExactlyAsync(int count)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_end == _start && await FillAsync() == 0)
            {
                throw new IOException($"the client closed the connection after {filled} of {count} body bytes");
            }

            var take = Math.Min(count - filled, _end - _start);
            Array.Copy(_buffer, _start, result, filled, take);
            _start += take;
            filled += take;
        }

        return result;
    }

    /// <summary>Whether the client sends anything (or closes) within <paramref name="wait"/>; nothing is consumed.</summary>
    public async Task<bool> ReceivesWithinAsync(TimeSpan wait)
    {
        if (_end > _start)
        {
            return true;
        }

        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Waits until the client closes the connection (true) or <paramref name="wait"/> passes (false), discarding what arrives.</summary>
    public async Task<bool> ClosedByClientWithinAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            while (true)
            {
                _start = _end = 0;
                if (await _socket.ReceiveAsync(_buffer.AsMemory(), SocketFlags.None, timeout.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public Task WriteAsync(string text) => WriteAsync(Encoding.Latin1.GetBytes(text));

    public async Task WriteAsync(byte[] bytes)
    {
        var data = bytes.AsMemory();
        while (!data.IsEmpty)
        {
            data = data[await _socket.SendAsync(data, SocketFlags.None)..];
        }
    }

    /// <summary>Closes gracefully (FIN).</summary>
    public void Close()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the client.
        }

        _socket.Close();
    }

    /// <summary>Resets the connection (RST): what a crashed server looks like.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public void Dispose() => _socket.Dispose();

    private async Task<int> FillAsync()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
        _end += read;
        return read;
    }

    private async Task<string> ReadLineAsync()
    {
        while (true)
        {
            var text = Encoding.Latin1.GetString(_buffer, _start, _end - _start);
            var end = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                _start += end + 2;
                return text[..end];
            }

            if (await FillAsync() == 0)
            {
                throw new IOException("the client closed the connection in the middle of a line");
            }
        }
    }

    private async Task ReadChunkedAsync(RawRequest request)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var size = int.Parse(await ReadLineAsync(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            request.ChunkSizes.Add(size);
            if (size == 0)
            {
                break;
            }

            body.Write(await ReadExactlyAsync(size));
            if (await ReadLineAsync() != string.Empty)
            {
                throw new IOException("a chunk's data is not followed by CRLF");
            }
        }

        while (await ReadLineAsync() is { Length: > 0 } trailer)
        {
            var colon = trailer.IndexOf(':', StringComparison.Ordinal);
            request.Trailers[trailer[..colon]] = trailer[(colon + 1)..].Trim();
        }

        request.Body = body.ToArray();
    }
}
