using System.Collections.Concurrent;

namespace Weir.Gateway.Forwarding;

/// <summary>
/// One cancellation source per exchange that fires when the client goes away or the upstream's time runs
/// out. Sources are pooled (reset and reused) because allocating a linked source per request shows up
/// at high request rates.
/// </summary>
internal sealed class ExchangeCancellation : IDisposable
{
    private const int PoolLimit = 1024;
    private static readonly ConcurrentQueue<CancellationTokenSource> Pool = new();
    private static int _pooled;

    private CancellationTokenSource _source;
    private CancellationTokenRegistration _clientRegistration;
    private bool _timerArmed;

    private ExchangeCancellation(CancellationTokenSource source, CancellationToken clientAborted)
    {
        _source = source;
        ClientAborted = clientAborted;
        _clientRegistration = clientAborted.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source);
    }

    public CancellationToken Token => _source.Token;

    public CancellationToken ClientAborted { get; }

    /// <summary>Whether the exchange was cancelled by its deadline rather than by the client.</summary>
    public bool TimedOut => _source.IsCancellationRequested && !ClientAborted.IsCancellationRequested;

    public static ExchangeCancellation Create(CancellationToken clientAborted)
    {
        if (Pool.TryDequeue(out var source))
        {
            Interlocked.Decrement(ref _pooled);
        }
        else
        {
            source = new CancellationTokenSource();
        }

        return new ExchangeCancellation(source, clientAborted);
    }

    /// <summary>Starts (or restarts) the deadline; zero means none.</summary>
    public void StartTimer(TimeSpan timeout)
    {
        if (timeout > TimeSpan.Zero)
        {
            _source.CancelAfter(timeout);
            _timerArmed = true;
        }
    }

    /// <summary>Stops the deadline once response headers arrived; the client abort still cancels.</summary>
    public void StopTimer()
    {
        if (_timerArmed)
        {
            _source.CancelAfter(Timeout.InfiniteTimeSpan);
            _timerArmed = false;
        }
    }

    /// <summary>A fresh source for the next attempt when the previous one fired (attempt deadlines).</summary>
    public void Renew()
    {
        if (!_source.IsCancellationRequested)
        {
            return;
        }

        _clientRegistration.Dispose();
        _source.Dispose();
        _source = new CancellationTokenSource();
        _timerArmed = false;
        _clientRegistration = ClientAborted.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _source);
    }

    public void Dispose()
    {
        _clientRegistration.Dispose();
        if (_source.TryReset())
        {
            if (Interlocked.Increment(ref _pooled) <= PoolLimit)
            {
                Pool.Enqueue(_source);
                return;
            }

            Interlocked.Decrement(ref _pooled);
        }

        _source.Dispose();
    }
}
