using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Weir.Gateway.Upstream;

/// <summary>
/// The connections to one endpoint (scheme, host and port): idle ones kept most-recently-used first, new
/// ones made up to <see cref="Http11UpstreamOptions.MaxConnectionsPerEndpoint"/>, and beyond that requests
/// waiting in arrival order for a connection to come back or a slot to free up.
/// </summary>
internal sealed class Http11ConnectionPool
{
    private readonly Lock _lock = new();

    // Idle connections, oldest first: taken from the end, expired from the start.
    private readonly List<Http11Connection> _idle = [];
    private readonly Queue<Waiter> _waiters = new();
    private readonly EndPoint _endPoint;
    private readonly Http11UpstreamOptions _options;
    private readonly int _maxConnections;
    private readonly long _idleTicks;
    private readonly long _probeTicks;
    private int _open;
    private bool _disposed;

    public Http11ConnectionPool(Uri endpoint, Http11UpstreamOptions options)
    {
        Authority = string.Create(CultureInfo.InvariantCulture, $"{endpoint.Host}:{endpoint.Port}");
        _endPoint = endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? new IPEndPoint(IPAddress.Parse(endpoint.Host.Trim('[', ']')), endpoint.Port)
            : new DnsEndPoint(endpoint.IdnHost, endpoint.Port);
        _options = options;
        _maxConnections = options.MaxConnectionsPerEndpoint ?? int.MaxValue;
        _idleTicks = ToTicks(options.IdleConnectionTimeout);
        _probeTicks = ToTicks(options.ProbeIdleConnectionsAfter);
    }

    /// <summary>host:port, for error messages.</summary>
    public string Authority { get; }

    /// <summary>Connections open or being opened (upgraded ones excluded).</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    public int IdleConnections
    {
        get
        {
            lock (_lock)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>
    /// A connection for one exchange and whether it was used before (an idle one, which the server may have
    /// closed meanwhile): the newest idle one that still looks alive, a new one, or, at the limit, the next
    /// one to come free. <paramref name="fresh"/> skips idle connections (a retry after a stale one).
    /// <paramref name="probe"/> checks an idle connection for a server close before it is used, for requests
    /// that could not be sent again if it turned out stale.
    /// </summary>
    public ValueTask<(Http11Connection Connection, bool Reused)> RentAsync(bool fresh, bool probe, CancellationToken cancellationToken)
    {
        while (true)
        {
            Http11Connection? idle = null;
            Waiter? waiter = null;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!fresh && _idle.Count > 0)
                {
                    idle = _idle[^1];
                    _idle.RemoveAt(_idle.Count - 1);
                }
                else if (_open < _maxConnections)
                {
                    _open++;
                }
                else
                {
                    waiter = new Waiter();
                    _waiters.Enqueue(waiter);
                }
            }

            if (idle is not null)
            {
                if (IsUsable(idle, probe))
                {
                    return new ValueTask<(Http11Connection, bool)>((idle, true));
                }

                idle.Close();
                continue;
            }

            return waiter is null ? ConnectAsync(cancellationToken) : WaitAsync(waiter, probe, cancellationToken);
        }
    }

    /// <summary>A connection whose exchange ended cleanly: to the first waiter, or idle.</summary>
    public void Return(Http11Connection connection)
    {
        connection.IdleSince = Stopwatch.GetTimestamp();
        while (true)
        {
            Waiter? waiter;
            lock (_lock)
            {
                if (_disposed || _idleTicks <= 0)
                {
                    waiter = null;
                }
                else if (!_waiters.TryDequeue(out waiter))
                {
                    _idle.Add(connection);
                    return;
                }
            }

            if (waiter is null)
            {
                connection.Close();
                return;
            }

            if (waiter.TrySetResult(connection))
            {
                return;
            }
        }
    }

    /// <summary>A connection closed (or left for an upgrade): its slot goes to the first waiter, who connects anew.</summary>
    public void ConnectionClosed()
    {
        while (true)
        {
            Waiter? waiter;
            lock (_lock)
            {
                if (!_waiters.TryDequeue(out waiter))
                {
                    _open--;
                    return;
                }
            }

            if (waiter.TrySetResult(null))
            {
                return;
            }
        }
    }

    /// <summary>Closes idle connections unused for longer than the idle timeout.</summary>
    public void CloseExpired(long now)
    {
        List<Http11Connection>? expired = null;
        lock (_lock)
        {
            var count = 0;
            while (count < _idle.Count && now - _idle[count].IdleSince >= _idleTicks)
            {
                count++;
            }

            if (count > 0)
            {
                expired = _idle.GetRange(0, count);
                _idle.RemoveRange(0, count);
            }
        }

        expired?.ForEach(connection => connection.Close());
    }

    /// <summary>Closes the idle connections and fails the waiters; connections in use close when their exchange ends.</summary>
    public void Dispose()
    {
        Http11Connection[] idle;
        Waiter[] waiters;
        lock (_lock)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var connection in idle)
        {
            connection.Close();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetException(new ObjectDisposedException(nameof(Http11UpstreamHandler), "the upstream handler was disposed while the request waited for a connection"));
        }
    }

    private static long ToTicks(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)(span.TotalSeconds * Stopwatch.Frequency);

    private bool IsUsable(Http11Connection connection, bool probe)
    {
        if (connection.IsClosed)
        {
            return false;
        }

        var idleFor = Stopwatch.GetTimestamp() - connection.IdleSince;
        if (idleFor >= _idleTicks)
        {
            return false;
        }

        // A connection idle a while may have been closed by the server (its keep-alive timeout, a restart); one
        // used moments ago rarely was, and a request without a body that meets a stale one is sent again anyway.
        return !((probe || idleFor >= _probeTicks) && connection.HasUnexpectedInput());
    }

    private async ValueTask<(Http11Connection Connection, bool Reused)> WaitAsync(Waiter waiter, bool probe, CancellationToken cancellationToken)
    {
        Http11Connection? handed;
        using (cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).TrySetCanceled(token), waiter))
        {
            handed = await waiter.Task.ConfigureAwait(false);
        }

        if (handed is null)
        {
            // A slot came free: this request opens the connection.
            return await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }

        if (IsUsable(handed, probe))
        {
            return (handed, true);
        }

        handed.Close();
        return await RentAsync(fresh: true, probe, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a connection in a slot already counted.</summary>
    private async ValueTask<(Http11Connection Connection, bool Reused)> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = _endPoint is IPEndPoint address
            ? new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : Socket.OSSupportsIPv6 ? new Socket(SocketType.Stream, ProtocolType.Tcp) : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(_endPoint, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError,
                    $"connecting to {Authority} timed out after {_options.ConnectTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms",
                    new TimeoutException("the connect timeout passed", exception));
            }
            catch (SocketException exception)
            {
                var error = exception.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData
                    ? HttpRequestError.NameResolutionError
                    : HttpRequestError.ConnectionError;
                throw new HttpRequestException(error, $"connecting to {Authority} failed: {exception.Message}", exception);
            }

            socket.NoDelay = true;
            return (new Http11Connection(this, socket, _options), false);
        }
        catch
        {
            socket.Dispose();
            ConnectionClosed();
            throw;
        }
    }

    /// <summary>A request waiting for a connection: it gets an idle connection, or null for a slot to connect in.</summary>
    private sealed class Waiter() : TaskCompletionSource<Http11Connection?>(TaskCreationOptions.RunContinuationsAsynchronously);
}
