using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Weir.Gateway.Tests.Upstream;

/// <summary>
/// A TCP server on 127.0.0.1 whose every accepted connection is served by a test's script, for exact
/// wire behaviour (chunk boundaries, early closes, interim answers) that a real HTTP server would not produce.
/// </summary>
internal sealed class RawUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawConnection, Task> _script;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<Task> _serving = [];
    private readonly ConcurrentBag<RawConnection> _connections = [];
    private readonly Task _accepting;
    private int _accepted;

    private RawUpstream(Func<RawConnection, Task> script)
    {
        _script = script;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How many connections were accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Failures of the scripts (assertions the server side made), surfaced by <see cref="DisposeAsync"/>.</summary>
    public ConcurrentQueue<Exception> Failures { get; } = new();

    public static RawUpstream Start(Func<RawConnection, Task> script) => new(script);

    /// <summary>A server answering every request on a connection with <paramref name="response"/>, keeping the connection open.</summary>
    public static RawUpstream Answering(string response) => Start(async connection =>
    {
        while (await connection.ReadRequestAsync() is not null)
        {
            await connection.WriteAsync(response);
        }
    });

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener ends the accept loop.
        }

        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        await Task.WhenAll(_serving).WaitAsync(TimeSpan.FromSeconds(10));
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stopping.Token);
            Interlocked.Increment(ref _accepted);
            var connection = new RawConnection(socket);
            _connections.Add(connection);
            _serving.Add(Task.Run(async () =>
            {
                try
                {
                    await _script(connection);
                }
                catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
                {
                    // The client went away, or the test ended: the script's connection is over.
                }
                catch (Exception exception)
                {
                    Failures.Enqueue(exception);
                }
            }));
        }
    }
}
