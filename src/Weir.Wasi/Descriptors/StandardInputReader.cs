namespace Weir.Wasi.Descriptors;

/// <summary>
/// Reads the guest's standard input. For streams whose remaining length is known (bytes given up
/// front) readiness is exact. For others (the host's console or a pipe) poll_oneoff cannot ask
/// without blocking, so the first poll starts a background reader that fills a buffer and signals
/// when data or end of input arrives; reads then come from that buffer.
/// </summary>
internal sealed class StandardInputReader : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly Lock _lock = new();
    private readonly Queue<byte[]> _chunks = new();
    private readonly ManualResetEvent _ready = new(initialState: false);
    private int _chunkOffset;
    private bool _endOfInput;
    private Exception? _failure;
    private Thread? _pump;
    private bool _disposed;

    public StandardInputReader(Stream stream)
    {
        _stream = stream;
    }

    private bool KnowsLength => _stream.CanSeek;

    /// <summary>Reads what is available, blocking until at least one byte or the end of input; 0 means end of input.</summary>
    public int Read(Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (_pump is null)
        {
            return _stream.Read(destination);
        }

        _ready.WaitOne();
        lock (_lock)
        {
            var copied = 0;
            while (copied < destination.Length && _chunks.TryPeek(out var chunk))
            {
                var count = Math.Min(chunk.Length - _chunkOffset, destination.Length - copied);
                chunk.AsSpan(_chunkOffset, count).CopyTo(destination[copied..]);
                copied += count;
                _chunkOffset += count;
                if (_chunkOffset == chunk.Length)
                {
                    _chunks.Dequeue();
                    _chunkOffset = 0;
                }
            }

            if (copied == 0 && _failure is not null)
            {
                throw new IOException("reading standard input failed", _failure);
            }

            if (_chunks.Count == 0 && !_endOfInput && _failure is null)
            {
                _ready.Reset();
            }

            return copied;
        }
    }

    /// <summary>Whether a read would return at once, and how many bytes it could return (1 when unknown); never blocks.</summary>
    public bool IsReady(out ulong availableBytes)
    {
        if (KnowsLength && _pump is null)
        {
            availableBytes = (ulong)Math.Max(0, _stream.Length - _stream.Position);
            return true;
        }

        StartPump();
        lock (_lock)
        {
            ulong total = 0;
            foreach (var chunk in _chunks)
            {
                total += (ulong)chunk.Length;
            }

            availableBytes = total - (ulong)_chunkOffset;
            return availableBytes > 0 || _endOfInput || _failure is not null;
        }
    }

    /// <summary>Signalled while a read would not block; null when readiness is always known at once.</summary>
    public WaitHandle? ReadyHandle => KnowsLength && _pump is null ? null : _ready;

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        // The pump may still be blocked in a read of the host's console; it is a background thread
        // and ends with the process. The event stays alive for it.
    }

    private void StartPump()
    {
        if (_pump is not null)
        {
            return;
        }

        _pump = new Thread(Pump) { IsBackground = true, Name = "WASI stdin" };
        _pump.Start();
    }

    private void Pump()
    {
        try
        {
            while (true)
            {
                var buffer = new byte[ChunkSize];
                var count = _stream.Read(buffer);
                lock (_lock)
                {
                    if (count == 0 || _disposed)
                    {
                        _endOfInput = true;
                        _ready.Set();
                        return;
                    }

                    _chunks.Enqueue(count == buffer.Length ? buffer : buffer[..count]);
                    _ready.Set();
                }
            }
        }
        catch (IOException exception)
        {
            Fail(exception);
        }
        catch (ObjectDisposedException exception)
        {
            Fail(exception);
        }
    }

    private void Fail(Exception exception)
    {
        lock (_lock)
        {
            _failure = exception;
            _ready.Set();
        }
    }
}
