using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Weir.Gateway.Upstream;

/// <summary>
/// One keep-alive HTTP/1.1 connection to an upstream, serving one exchange at a time. The request head is
/// written as bytes straight into the connection's write buffer (a small body joins it in the same send);
/// the response head is parsed from the connection's read buffer, whose remaining bytes then feed the body
/// stream. The connection goes back to its pool when the body was read to its end, and is closed instead
/// when anything about the exchange leaves it in doubt.
/// </summary>
internal sealed class Http11Connection
{
    private const int ReadBufferSize = 16 * 1024;
    private const int WriteBufferSize = 16 * 1024;

    // A header value with one of these would end the field (or the head) early: request smuggling.
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n\0");

    // Characters a request target may be written with as is (RFC 3986, already percent-encoded); anything
    // else, or a fragment, goes through Uri's own escaping instead.
    private static readonly SearchValues<char> PlainTargetCharacters = SearchValues.Create(
        "!$%&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]_abcdefghijklmnopqrstuvwxyz~");

    private static readonly SearchValues<char> TokenCharacters = SearchValues.Create(
        "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly Http11ConnectionPool _pool;
    private readonly Socket _socket;
    private readonly Http11UpstreamOptions _options;

    // The last value seen for each known response header: most upstreams send the same Server, Content-Type
    // and (for a second at a time) Date on every response, so their strings are made once.
    private readonly string?[] _cachedValues = new string?[KnownResponseHeaders.Count];
    private readonly Http11RequestBodyStream _requestBody;
    private byte[] _readBuffer = GC.AllocateUninitializedArray<byte>(ReadBufferSize);
    private int _readStart;
    private int _readEnd;
    private int _headLength;
    private byte[] _writeBuffer = GC.AllocateUninitializedArray<byte>(WriteBufferSize);
    private int _writeLength;
    private int _closed;
    private int _slotReleased;
    private volatile bool _aborted;

    // The current exchange.
    private long _responseBytes;
    private bool _contentStarted;
    private bool _keepAlive;

    public Http11Connection(Http11ConnectionPool pool, Socket socket, Http11UpstreamOptions options)
    {
        _pool = pool;
        _socket = socket;
        _options = options;
        _requestBody = new Http11RequestBodyStream(this);
    }

    /// <summary>When the connection last went back to the pool (a <see cref="Stopwatch"/> timestamp).</summary>
    public long IdleSince { get; set; }

    /// <summary>
    /// Whether the last exchange failed before any byte of a response arrived and before any of the request
    /// body was taken from its content: the request can be sent again, unchanged, on another connection.
    /// </summary>
    public bool FailedBeforeResponse => _responseBytes == 0 && !_contentStarted;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>The received bytes not consumed yet.</summary>
    internal ReadOnlySpan<byte> Buffered => _readBuffer.AsSpan(_readStart, _readEnd - _readStart);

    /// <summary>
    /// Sends the request and reads the response head; the body follows through the response's content stream.
    /// The one asynchronous method of an exchange (the head is read here, not through further async layers,
    /// since every layer costs a continuation hop per request). When <paramref name="reused"/> and
    /// <paramref name="mayRetry"/>, a failure before any byte of the answer arrived and before the body was
    /// taken from its content sends the request again on a new connection from the pool: the server most
    /// likely closed this one while it sat idle.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri uri, bool reused, bool mayRetry, CancellationToken cancellationToken)
    {
        _responseBytes = 0;
        _contentStarted = false;
        _keepAlive = true;

        // One registration for the whole exchange up to the response head: cancelling closes the socket, which
        // ends whatever send, receive or body read is pending at once.
        var registration = cancellationToken.UnsafeRegister(static state => ((Http11Connection)state!).Abort(), this);
        HttpResponseMessage? response = null;
        var framing = BodyFraming.None;
        Exception? failure = null;
        var headWritten = false;
        try
        {
            var content = request.Content;
            var flags = WriteHead(request, uri, content, out var contentLength);
            headWritten = true;
            var status = 0;
            if (content is null)
            {
                await FlushAsync().ConfigureAwait(false);
            }
            else if ((flags & RequestHeadFlags.ExpectContinue) != 0)
            {
                status = await SendExpectingContinueAsync(content, contentLength, flags, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SendContentAsync(content, contentLength, flags, cancellationToken).ConfigureAwait(false);
            }

            while (status < 200 && status != 101)
            {
                if (status != 0)
                {
                    // An interim answer (100 Continue, 103 Early Hints): the final one follows.
                    Consume(_headLength);
                }

                while ((status = TryTakeHead()) == 0)
                {
                    if (_readEnd == _readBuffer.Length)
                    {
                        MakeRoom();
                    }

                    var read = await _socket.ReceiveAsync(_readBuffer.AsMemory(_readEnd), SocketFlags.None).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw EndedInHead();
                    }

                    _readEnd += read;
                    _responseBytes += read;
                }
            }

            response = CreateResponse(request, status, flags, out framing);
        }
        catch (Exception exception)
        {
            Close();
            failure = exception;
        }

        registration.Dispose();
        if (failure is not null)
        {
            var translated = Translate(failure, cancellationToken);
            // A request refused before anything was sent (a header that cannot be written) would fail anew.
            if (mayRetry && reused && headWritten && FailedBeforeResponse && translated is HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                var (next, nextReused) = await _pool.RentAsync(fresh: true, probe: request.Content is not null, cancellationToken).ConfigureAwait(false);
                return await next.SendAsync(request, uri, nextReused, mayRetry: false, cancellationToken).ConfigureAwait(false);
            }

            if (ReferenceEquals(translated, failure))
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            throw translated;
        }

        if (_aborted)
        {
            // Cancelled just as the head arrived: the socket is gone.
            response!.Dispose();
            throw new OperationCanceledException("the upstream request was cancelled", cancellationToken);
        }

        if (framing == BodyFraming.None)
        {
            ReleaseAfterBody();
        }

        return response!;
    }

    /// <summary>Closes the socket (idempotent); the pool's slot is freed unless an upgrade already took the connection out of it.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _socket.Dispose();
        ReleaseSlot();
    }

    /// <summary>Whether bytes or an end of stream arrived while the connection sat idle (it cannot be used then).</summary>
    public bool HasUnexpectedInput()
    {
        try
        {
            return _socket.Poll(0, SelectMode.SelectRead);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>The response body was read to its end: back to the pool when the exchange allows it, closed otherwise.</summary>
    internal void ReleaseAfterBody()
    {
        // Bytes beyond the response mean the server and this client disagree about where it ended.
        if (_keepAlive && _readStart == _readEnd && !_aborted && !IsClosed)
        {
            _pool.Return(this);
        }
        else
        {
            Close();
        }
    }

    internal void Consume(int count)
    {
        _readStart += count;
        if (_readStart == _readEnd)
        {
            _readStart = 0;
            _readEnd = 0;
        }
    }

    /// <summary>Receives more bytes into the read buffer; 0 when the server closed the connection.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_readEnd == _readBuffer.Length)
        {
            MakeRoom();
        }

        var read = await _socket.ReceiveAsync(_readBuffer.AsMemory(_readEnd), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _readEnd += read;
        _responseBytes += read;
        return read;
    }

    /// <summary>Receives straight into the caller's memory (a large body read with nothing buffered: no copy).</summary>
    internal ValueTask<int> ReceiveAsync(Memory<byte> destination, CancellationToken cancellationToken) =>
        _socket.ReceiveAsync(destination, SocketFlags.None, cancellationToken);

    /// <summary>Sends on the raw connection (an upgraded one).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask SendBytesAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    /// <summary>Parses the trailer section at the start of the buffer into <paramref name="trailers"/>; false when it has not all arrived.</summary>
    internal bool TryReadTrailers(System.Net.Http.Headers.HttpResponseHeaders trailers)
    {
        var length = ResponseHeadParser.FindEnd(Buffered);
        if (length < 0)
        {
            return false;
        }

        var section = Buffered[..length];
        while (true)
        {
            var line = ResponseHeadParser.NextLine(ref section);
            if (line.IsEmpty)
            {
                break;
            }

            ResponseHeadParser.ParseFieldLine(line, out var name, out var value);
            var known = KnownResponseHeaders.Find(name);
            trailers.TryAddWithoutValidation(
                known >= 0 ? KnownResponseHeaders.Get(known).Name : Encoding.ASCII.GetString(name),
                Encoding.Latin1.GetString(value));
        }

        Consume(length);
        return true;
    }

    /// <summary>Copies request body bytes after the head (chunk-framed when <paramref name="chunked"/>); sends when the buffer is full.</summary>
    internal ValueTask WriteBodyAsync(ReadOnlyMemory<byte> data, bool chunked)
    {
        if (data.IsEmpty)
        {
            return default;
        }

        // Fast path: chunk header, data and chunk end all fit in what the buffer has left.
        if (data.Length + (chunked ? 20 : 0) <= _writeBuffer.Length - _writeLength)
        {
            if (chunked)
            {
                WriteChunkHeader(data.Length);
            }

            data.Span.CopyTo(_writeBuffer.AsSpan(_writeLength));
            _writeLength += data.Length;
            if (chunked)
            {
                WriteAscii("\r\n"u8);
            }

            return default;
        }

        return WriteLargeBodyAsync(data, chunked);
    }

    /// <summary>Sends what the write buffer holds.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask FlushAsync()
    {
        if (_writeLength == 0)
        {
            return;
        }

        await SendBytesAsync(_writeBuffer.AsMemory(0, _writeLength), CancellationToken.None).ConfigureAwait(false);
        _writeLength = 0;
    }

    /// <summary>Takes the connection out of its pool's count: after a 101 it belongs to the upgraded stream, as long as that lives.</summary>
    internal void Detach() => ReleaseSlot();

    private void ReleaseSlot()
    {
        if (Interlocked.Exchange(ref _slotReleased, 1) == 0)
        {
            _pool.ConnectionClosed();
        }
    }

    private void Abort()
    {
        _aborted = true;
        Close();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendContentAsync(HttpContent content, long contentLength, RequestHeadFlags flags, CancellationToken cancellationToken)
    {
        _contentStarted = true;
        var chunked = (flags & RequestHeadFlags.Chunked) != 0;
        _requestBody.Begin(chunked, contentLength);
        try
        {
            await content.CopyToAsync(_requestBody, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _requestBody.End();
        }

        if (!chunked && _requestBody.Written != contentLength)
        {
            throw new HttpRequestException(HttpRequestError.Unknown, string.Create(CultureInfo.InvariantCulture, $"the request body ended after {_requestBody.Written} of the {contentLength} bytes its Content-Length announced"));
        }

        if (chunked)
        {
            WriteAscii("0\r\n"u8);
            if (content is IRequestTrailersSource source)
            {
                foreach (var (name, value) in source.GetTrailers())
                {
                    if (name.Length == 0 || name.AsSpan().ContainsAnyExcept(TokenCharacters))
                    {
                        throw new HttpRequestException(HttpRequestError.Unknown, $"the request trailer name '{name}' is not a token");
                    }

                    WriteAscii(name);
                    WriteAscii(": "u8);
                    WriteValue(name, value);
                    WriteAscii("\r\n"u8);
                }
            }

            WriteAscii("\r\n"u8);
        }

        await FlushAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// <c>Expect: 100-continue</c>: the head goes first and the body waits for the server's 100 Continue (or
    /// <see cref="Http11UpstreamOptions.ExpectContinueTimeout"/>, for servers that ignore the expectation). A
    /// final answer before that means the server does not want the body; it is never sent, so the connection
    /// cannot be reused. Returns the status of a head already read, or 0.
    /// </summary>
    private async ValueTask<int> SendExpectingContinueAsync(HttpContent content, long contentLength, RequestHeadFlags flags, CancellationToken cancellationToken)
    {
        await FlushAsync().ConfigureAwait(false);
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.ExpectContinueTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var remaining = TimeSpan.FromSeconds((deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            if (remaining <= TimeSpan.Zero || !await WaitForInputAsync(remaining).ConfigureAwait(false))
            {
                await SendContentAsync(content, contentLength, flags, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            var status = await ReadHeadAsync().ConfigureAwait(false);
            if (status == 100)
            {
                Consume(_headLength);
                await SendContentAsync(content, contentLength, flags, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            if (status < 200 && status != 101)
            {
                Consume(_headLength);
                continue;
            }

            _keepAlive = false;
            return status;
        }
    }

    /// <summary>Waits until bytes arrive (true) or <paramref name="timeout"/> passes (false), without consuming anything.</summary>
    private async ValueTask<bool> WaitForInputAsync(TimeSpan timeout)
    {
        if (_readEnd > _readStart)
        {
            return true;
        }

        using var timer = new CancellationTokenSource(timeout);
        try
        {
            // A zero-byte receive completes when data (or the end of the stream) is there to read.
            await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, timer.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !_aborted)
        {
            return false;
        }
    }

    /// <summary>Reads until a whole response head is buffered; returns its status code.</summary>
    private async ValueTask<int> ReadHeadAsync()
    {
        int status;
        while ((status = TryTakeHead()) == 0)
        {
            if (await FillAsync(CancellationToken.None).ConfigureAwait(false) == 0)
            {
                throw EndedInHead();
            }
        }

        return status;
    }

    /// <summary>The status of the response head at the start of the buffer once it is all there (its length in <see cref="_headLength"/>), else 0.</summary>
    private int TryTakeHead()
    {
        // Empty lines before a status line (a server that ended a body with an extra CRLF) are skipped.
        while (_readEnd > _readStart && _readBuffer[_readStart] is (byte)'\r' or (byte)'\n')
        {
            Consume(1);
        }

        var length = ResponseHeadParser.FindEnd(Buffered);
        if (length < 0)
        {
            return 0;
        }

        _headLength = length;
        var head = Buffered[..length];
        ResponseHeadParser.ParseStatusLine(ResponseHeadParser.NextLine(ref head), out _, out var status, out _);
        return status;
    }

    private HttpIOException EndedInHead() => new(HttpRequestError.ResponseEnded, _responseBytes == 0
        ? "the upstream closed the connection without answering"
        : "the upstream closed the connection in the middle of the response head");

    private HttpResponseMessage CreateResponse(HttpRequestMessage request, int status, RequestHeadFlags flags, out BodyFraming framing)
    {
        var head = Buffered[.._headLength];
        ResponseHeadParser.ParseStatusLine(ResponseHeadParser.NextLine(ref head), out var version, out _, out var reason);
        var response = new HttpResponseMessage((HttpStatusCode)status) { Version = version, RequestMessage = request };
        if (!reason.IsEmpty && !Ascii.Equals(reason, ReasonPhrases.GetReasonPhrase(status)))
        {
            response.ReasonPhrase = Encoding.Latin1.GetString(reason);
        }

        var content = new Http11ResponseContent();
        long contentLength = -1;
        string? contentLengthValue = null;
        bool transferEncoding = false, chunked = false, close = false, keepAlive = false;
        while (true)
        {
            var line = ResponseHeadParser.NextLine(ref head);
            if (line.IsEmpty)
            {
                break;
            }

            ResponseHeadParser.ParseFieldLine(line, out var nameBytes, out var valueBytes);
            var known = KnownResponseHeaders.Find(nameBytes);
            if (known == KnownResponseHeaders.ContentLength)
            {
                var length = ResponseHeadParser.ParseContentLength(valueBytes);
                if (contentLength >= 0 && length != contentLength)
                {
                    throw ResponseHeadParser.Invalid("it has two different Content-Length headers");
                }

                // Added once the framing is known: a chunked response's Content-Length is dropped (RFC 9112 §6.3).
                contentLengthValue ??= CachedValue(known, valueBytes);
                contentLength = length;
                continue;
            }

            if (known == KnownResponseHeaders.TransferEncoding)
            {
                transferEncoding = true;
                chunked = ResponseHeadParser.EndsWithChunked(valueBytes);
            }
            else if (known == KnownResponseHeaders.Connection)
            {
                close |= ResponseHeadParser.ListContains(valueBytes, "close"u8);
                keepAlive |= ResponseHeadParser.ListContains(valueBytes, "keep-alive"u8);
            }

            if (known >= 0)
            {
                var header = KnownResponseHeaders.Get(known);
                var value = CachedValue(known, valueBytes);
                if (header.IsContentHeader)
                {
                    content.Headers.TryAddWithoutValidation(header.Name, value);
                }
                else
                {
                    response.Headers.TryAddWithoutValidation(header.Name, value);
                }
            }
            else
            {
                var name = Encoding.ASCII.GetString(nameBytes);
                var value = Encoding.Latin1.GetString(valueBytes);
                if (!response.Headers.TryAddWithoutValidation(name, value))
                {
                    content.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }

        if (contentLengthValue is not null && !transferEncoding)
        {
            content.Headers.TryAddWithoutValidation("Content-Length", contentLengthValue);
        }

        Consume(_headLength);
        response.Content = content;
        if (status == (int)HttpStatusCode.SwitchingProtocols)
        {
            // From here the connection carries another protocol (WebSocket): it leaves the pool for good.
            framing = BodyFraming.UntilClose;
            _keepAlive = false;
            Detach();
            content.SetBody(new Http11UpgradedStream(this));
            return response;
        }

        framing = (flags & RequestHeadFlags.Head) != 0 || status is < 200 or 204 or 304 ? BodyFraming.None
            : transferEncoding ? (chunked ? BodyFraming.Chunked : BodyFraming.UntilClose)
            : contentLength == 0 ? BodyFraming.None
            : contentLength > 0 ? BodyFraming.Length
            : BodyFraming.UntilClose;
        _keepAlive &= (version == HttpVersion.Version11 ? !close : keepAlive && !close)
            && framing != BodyFraming.UntilClose
            && (flags & RequestHeadFlags.Close) == 0
            && !(transferEncoding && contentLength >= 0);
        if (framing != BodyFraming.None)
        {
            content.SetBody(new Http11ResponseStream(this, response, framing, contentLength));
        }

        return response;
    }

    private string CachedValue(int known, ReadOnlySpan<byte> value)
    {
        var cached = _cachedValues[known];
        if (cached is not null && Ascii.Equals(value, cached))
        {
            return cached;
        }

        return _cachedValues[known] = Encoding.Latin1.GetString(value);
    }

    private RequestHeadFlags WriteHead(HttpRequestMessage request, Uri uri, HttpContent? content, out long contentLength)
    {
        _writeLength = 0;
        var flags = RequestHeadFlags.None;
        var method = request.Method;
        if (method == HttpMethod.Head)
        {
            flags |= RequestHeadFlags.Head;
        }

        WriteAscii(method.Method);
        WriteAscii(" "u8);
        WriteTarget(uri);
        WriteAscii(" HTTP/1.1\r\nHost: "u8);
        if (request.Headers.Host is { } host)
        {
            WriteValue("Host", host);
        }
        else
        {
            WriteAscii(uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost);
            if (!uri.IsDefaultPort)
            {
                WriteAscii(":"u8);
                WriteAscii(uri.Port.ToString(CultureInfo.InvariantCulture));
            }
        }

        WriteAscii("\r\n"u8);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            if (IsFraming(name) || string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (string.Equals(name, "Connection", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    if (ListContains(value, "close"))
                    {
                        flags |= RequestHeadFlags.Close;
                    }
                }
            }
            else if (content is not null && string.Equals(name, "Expect", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    if (ListContains(value, "100-continue"))
                    {
                        flags |= RequestHeadFlags.ExpectContinue;
                    }
                }
            }

            WriteField(name, values);
        }

        contentLength = -1;
        if (content is not null)
        {
            var headers = content.Headers;
            foreach (var (name, values) in headers.NonValidated)
            {
                if (!IsFraming(name))
                {
                    WriteField(name, values);
                }
            }

            if (headers.ContentLength is { } length)
            {
                contentLength = length;
                WriteAscii("Content-Length: "u8);
                WriteNumber(length);
                WriteAscii("\r\n"u8);
            }
            else
            {
                flags |= RequestHeadFlags.Chunked;
                WriteAscii("Transfer-Encoding: chunked\r\n"u8);
            }
        }
        else if (!CanOmitLength(method))
        {
            // As HttpClient does: servers may answer 411 to a POST without any length.
            WriteAscii("Content-Length: 0\r\n"u8);
        }

        WriteAscii("\r\n"u8);
        return flags;
    }

    /// <summary>
    /// The request target: taken from the URI's original text when it is plain (what the gateway built, already
    /// escaped), which costs no parsing; otherwise Uri's normalized, escaped path and query.
    /// </summary>
    private void WriteTarget(Uri uri)
    {
        var original = uri.OriginalString.AsSpan();
        var schemeEnd = original.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            var afterScheme = original[(schemeEnd + 3)..];
            var pathStart = afterScheme.IndexOfAny('/', '?', '#');
            var target = pathStart < 0 ? default : afterScheme[pathStart..];
            if (!target.ContainsAnyExcept(PlainTargetCharacters) && !target.Contains("/.", StringComparison.Ordinal) && !afterScheme[..(pathStart < 0 ? afterScheme.Length : pathStart)].Contains('\\'))
            {
                if (target.IsEmpty || target[0] == '?')
                {
                    WriteAscii("/"u8);
                }

                WriteAscii(target);
                return;
            }
        }

        WriteAscii(uri.PathAndQuery);
    }

    private void WriteField(string name, System.Net.Http.Headers.HeaderStringValues values)
    {
        WriteAscii(name);
        WriteAscii(": "u8);
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                WriteAscii(string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase) ? "; "u8 : ", "u8);
            }

            WriteValue(name, value);
            first = false;
        }

        WriteAscii("\r\n"u8);
    }

    private void WriteValue(string name, string value)
    {
        if (value.AsSpan().ContainsAny(LineBreaks))
        {
            throw new HttpRequestException(HttpRequestError.Unknown, $"the value of request header '{name}' contains a line break or NUL character, which would end the header early");
        }

        EnsureWriteRoom(value.Length);
        if (Ascii.FromUtf16(value, _writeBuffer.AsSpan(_writeLength), out var written) == OperationStatus.Done)
        {
            _writeLength += written;
            return;
        }

        // Beyond ASCII: UTF-8, which is how Kestrel reads such values by default.
        EnsureWriteRoom(Encoding.UTF8.GetByteCount(value));
        _writeLength += Encoding.UTF8.GetBytes(value, _writeBuffer.AsSpan(_writeLength));
    }

    private void WriteAscii(ReadOnlySpan<char> text)
    {
        EnsureWriteRoom(text.Length);
        if (Ascii.FromUtf16(text, _writeBuffer.AsSpan(_writeLength), out var written) != OperationStatus.Done)
        {
            throw new HttpRequestException(HttpRequestError.Unknown, $"'{text}' cannot be sent in a request head: it is not ASCII");
        }

        _writeLength += written;
    }

    private void WriteAscii(ReadOnlySpan<byte> bytes)
    {
        EnsureWriteRoom(bytes.Length);
        bytes.CopyTo(_writeBuffer.AsSpan(_writeLength));
        _writeLength += bytes.Length;
    }

    private void WriteNumber(long value)
    {
        EnsureWriteRoom(20);
        value.TryFormat(_writeBuffer.AsSpan(_writeLength), out var written, default, CultureInfo.InvariantCulture);
        _writeLength += written;
    }

    private void WriteChunkHeader(int length)
    {
        EnsureWriteRoom(12);
        length.TryFormat(_writeBuffer.AsSpan(_writeLength), out var written, "x", CultureInfo.InvariantCulture);
        _writeLength += written;
        WriteAscii("\r\n"u8);
    }

    private void EnsureWriteRoom(int count)
    {
        if (_writeBuffer.Length - _writeLength >= count)
        {
            return;
        }

        // Only a head (or trailer section) grows the buffer: body bytes are sent once it is full.
        var larger = GC.AllocateUninitializedArray<byte>(Math.Max(_writeBuffer.Length * 2, _writeLength + count));
        _writeBuffer.AsSpan(0, _writeLength).CopyTo(larger);
        _writeBuffer = larger;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteLargeBodyAsync(ReadOnlyMemory<byte> data, bool chunked)
    {
        if (chunked)
        {
            if (_writeBuffer.Length - _writeLength < 20)
            {
                await FlushAsync().ConfigureAwait(false);
            }

            WriteChunkHeader(data.Length);
        }

        if (data.Length + 2 > _writeBuffer.Length - _writeLength)
        {
            // Send the head and chunk header, then the data itself without copying it; a write too small to be
            // worth a send of its own is buffered after all.
            await FlushAsync().ConfigureAwait(false);
            if (data.Length + 2 > _writeBuffer.Length / 2)
            {
                await SendBytesAsync(data, CancellationToken.None).ConfigureAwait(false);
                data = default;
            }
        }

        data.Span.CopyTo(_writeBuffer.AsSpan(_writeLength));
        _writeLength += data.Length;
        if (chunked)
        {
            WriteAscii("\r\n"u8);
        }
    }

    private void MakeRoom()
    {
        if (_readStart > 0)
        {
            Buffered.CopyTo(_readBuffer);
            _readEnd -= _readStart;
            _readStart = 0;
            return;
        }

        // The buffer is full of one unfinished head, chunk-size line or trailer section.
        if (_readBuffer.Length >= _options.MaxResponseHeadBytes)
        {
            throw new HttpRequestException(HttpRequestError.ConfigurationLimitExceeded, string.Create(CultureInfo.InvariantCulture, $"the upstream's response head (or a chunk header or trailer section) is larger than {_options.MaxResponseHeadBytes} bytes"));
        }

        var larger = GC.AllocateUninitializedArray<byte>(Math.Min(_readBuffer.Length * 2, _options.MaxResponseHeadBytes));
        Buffered.CopyTo(larger);
        _readBuffer = larger;
    }

    private static Exception Translate(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return exception is OperationCanceledException cancelled && cancelled.CancellationToken == cancellationToken
                ? cancelled
                : new OperationCanceledException("the upstream request was cancelled", exception, cancellationToken);
        }

        return exception switch
        {
            HttpRequestException or OperationCanceledException => exception,
            SocketException or IOException or ObjectDisposedException or InvalidOperationException =>
                new HttpRequestException(HttpRequestError.Unknown, "the upstream connection failed: " + exception.Message, exception),
            _ => exception,
        };
    }

    private static bool IsFraming(string name) =>
        string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase);

    private static bool CanOmitLength(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Delete || method == HttpMethod.Options || method == HttpMethod.Trace || method == HttpMethod.Connect;

    private static bool ListContains(string value, string token)
    {
        foreach (var range in value.AsSpan().Split(','))
        {
            if (value.AsSpan()[range].Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
