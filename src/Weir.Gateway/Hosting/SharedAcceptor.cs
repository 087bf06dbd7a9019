using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Weir.Gateway.Hosting;

/// <summary>
/// Accepts connections on one socket and queues each to the HTTP/1.1 or the HTTP/2 half after looking at
/// its first bytes. The bytes are left in the connection's pipe (not consumed), so Kestrel reads the whole
/// stream itself; only a client that sends a partial preface first costs a relay copy.
/// </summary>
internal sealed class SharedAcceptor
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();
    private static readonly TimeSpan SniffTimeout = TimeSpan.FromSeconds(10);

    private readonly IConnectionListener _socket;
    private readonly Channel<ConnectionContext> _http1 = Channel.CreateUnbounded<ConnectionContext>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<ConnectionContext> _http2 = Channel.CreateUnbounded<ConnectionContext>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _accepting;
    private int _bound = 2;
    private int _undisposed = 2;

    public SharedAcceptor(IConnectionListener socket)
    {
        _socket = socket;
        BoundAddress = socket.EndPoint as IPEndPoint;
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint? BoundAddress { get; }

    public IConnectionListener CreateListener(ProtocolEndPoint half) =>
        new SniffedListener(this, half, half.Protocol == HttpProtocols.Http2 ? _http2.Reader : _http1.Reader);

    internal async ValueTask UnbindAsync()
    {
        if (Interlocked.Decrement(ref _bound) == 0)
        {
            await _socket.UnbindAsync().ConfigureAwait(false);
        }
    }

    internal async ValueTask DisposeAsync()
    {
        if (Interlocked.Decrement(ref _undisposed) == 0)
        {
            await _socket.UnbindAsync().ConfigureAwait(false);
            await _socket.DisposeAsync().ConfigureAwait(false);
            await _accepting.ConfigureAwait(false);
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (await _socket.AcceptAsync().ConfigureAwait(false) is { } connection)
            {
                _ = RouteAsync(connection);
            }
        }
        catch (ObjectDisposedException)
        {
            // The socket was disposed: no more connections.
        }
        finally
        {
            _http1.Writer.TryComplete();
            _http2.Writer.TryComplete();
        }
    }

    private async Task RouteAsync(ConnectionContext connection)
    {
        try
        {
            using var timeout = new CancellationTokenSource(SniffTimeout);
            var (isHttp2, routed) = await SniffAsync(connection, timeout.Token).ConfigureAwait(false);
            if (!(isHttp2 ? _http2 : _http1).Writer.TryWrite(routed))
            {
                await routed.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ConnectionResetException or InvalidOperationException)
        {
            // A client that sends nothing in time, or goes away first, is just closed.
            connection.Abort();
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Reads until the first bytes show whether the client starts with the HTTP/2 preface.</summary>
    private static async Task<(bool IsHttp2, ConnectionContext Connection)> SniffAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var input = connection.Transport.Input;
        var waited = false;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var decision = Classify(buffer);
            if (decision is null && !result.IsCompleted)
            {
                // A proper prefix of the preface: see more before deciding.
                input.AdvanceTo(buffer.Start, buffer.End);
                waited = true;
                continue;
            }

            var isHttp2 = decision ?? false;
            if (!waited)
            {
                // Nothing examined before: leave every byte unread for Kestrel.
                input.AdvanceTo(buffer.Start, buffer.Start);
                return (isHttp2, connection);
            }

            // A pipe cannot un-examine bytes, so replay what was read through a relay pipe.
            var prefix = buffer.ToArray();
            input.AdvanceTo(buffer.End);
            return (isHttp2, new RelayedConnection(connection, prefix, result.IsCompleted));
        }
    }

    /// <summary>True for HTTP/2, false for HTTP/1.x, null while the bytes are a proper prefix of the preface.</summary>
    private static bool? Classify(ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, Preface.Length);
        Span<byte> head = stackalloc byte[Preface.Length];
        buffer.Slice(0, length).CopyTo(head);
        if (!head[..length].SequenceEqual(Preface.AsSpan(0, length)))
        {
            return false;
        }

        return length == Preface.Length ? true : null;
    }

    private sealed class SniffedListener : IConnectionListener
    {
        private readonly SharedAcceptor _owner;
        private readonly ChannelReader<ConnectionContext> _connections;
        private int _unbound;
        private int _disposed;

        public SniffedListener(SharedAcceptor owner, ProtocolEndPoint endPoint, ChannelReader<ConnectionContext> connections)
        {
            _owner = owner;
            _connections = connections;
            EndPoint = endPoint;
        }

        public EndPoint EndPoint { get; }

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                return await _connections.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                return null;
            }
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default) =>
            Interlocked.Exchange(ref _unbound, 1) == 0 ? _owner.UnbindAsync() : ValueTask.CompletedTask;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? _owner.DisposeAsync() : ValueTask.CompletedTask;
    }

    /// <summary>A connection whose input replays bytes already read, then continues with the socket's.</summary>
    private sealed class RelayedConnection : ConnectionContext
    {
        private readonly ConnectionContext _inner;
        private readonly Pipe _relay = new();
        private readonly Task _pumping;

        public RelayedConnection(ConnectionContext inner, byte[] prefix, bool completed)
        {
            _inner = inner;
            Transport = new DuplexPipe(_relay.Reader, inner.Transport.Output);
            _pumping = PumpAsync(prefix, completed);
        }

        public override IDuplexPipe Transport { get; set; }

        public override string ConnectionId
        {
            get => _inner.ConnectionId;
            set => _inner.ConnectionId = value;
        }

        public override Microsoft.AspNetCore.Http.Features.IFeatureCollection Features => _inner.Features;

        public override IDictionary<object, object?> Items
        {
            get => _inner.Items;
            set => _inner.Items = value;
        }

        public override EndPoint? LocalEndPoint
        {
            get => _inner.LocalEndPoint;
            set => _inner.LocalEndPoint = value;
        }

        public override EndPoint? RemoteEndPoint
        {
            get => _inner.RemoteEndPoint;
            set => _inner.RemoteEndPoint = value;
        }

        public override CancellationToken ConnectionClosed
        {
            get => _inner.ConnectionClosed;
            set => _inner.ConnectionClosed = value;
        }

        public override void Abort(ConnectionAbortedException abortReason) => _inner.Abort(abortReason);

        public override async ValueTask DisposeAsync()
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
            await _pumping.ConfigureAwait(false);
        }

        private async Task PumpAsync(byte[] prefix, bool completed)
        {
            var writer = _relay.Writer;
            Exception? failure = null;
            try
            {
                await writer.WriteAsync(prefix).ConfigureAwait(false);
                if (!completed)
                {
                    await _inner.Transport.Input.CopyToAsync(writer).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is IOException or ConnectionResetException or OperationCanceledException or InvalidOperationException)
            {
                failure = exception;
            }

            await writer.CompleteAsync(failure).ConfigureAwait(false);
        }

        private sealed class DuplexPipe : IDuplexPipe
        {
            public DuplexPipe(PipeReader input, PipeWriter output)
            {
                Input = input;
                Output = output;
            }

            public PipeReader Input { get; }

            public PipeWriter Output { get; }
        }
    }
}
