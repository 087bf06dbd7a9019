using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;

namespace Weir.Gateway.AccessLog;

/// <summary>
/// Writes access log entries as JSON lines on a background task, so request threads only enqueue. When the
/// writer falls behind by more than the queue holds, entries are dropped and counted rather than slowing
/// requests down.
/// </summary>
internal sealed class AccessLogWriter : IAsyncDisposable
{
    private const int QueueCapacity = 16 * 1024;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Channel<AccessLogEntry> _queue = Channel.CreateBounded<AccessLogEntry>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly Stream _output;
    private readonly bool _ownsOutput;
    private readonly Task _writing;
    private long _dropped;
    private long _written;

    public AccessLogWriter(string path)
    {
        Path = path;
        if (path == Configuration.AccessLogDefinition.StandardOutput)
        {
            _output = Console.OpenStandardOutput();
            _ownsOutput = false;
        }
        else
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            _output = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
            _ownsOutput = true;
        }

        _writing = Task.Run(WriteLoopAsync);
    }

    public string Path { get; }

    public long Dropped => Volatile.Read(ref _dropped);

    public long Written => Volatile.Read(ref _written);

    public void Write(in AccessLogEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        if (_ownsOutput)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        await using var json = new Utf8JsonWriter(buffer, WriterOptions);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            long batch = 0;
            while (reader.TryRead(out var entry))
            {
                Format(json, entry);
                json.Flush();
                json.Reset();
                buffer.Write("\n"u8);
                batch++;
                if (buffer.WrittenCount >= 60 * 1024)
                {
                    await FlushAsync(buffer).ConfigureAwait(false);
                }
            }

            await FlushAsync(buffer).ConfigureAwait(false);
            Interlocked.Add(ref _written, batch);
        }
    }

    private async Task FlushAsync(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.WrittenCount == 0)
        {
            return;
        }

        try
        {
            await _output.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
            await _output.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // A full disk or closed pipe must not stop the gateway; the entries are lost and counted.
            Interlocked.Increment(ref _dropped);
        }

        buffer.ResetWrittenCount();
    }

    private static void Format(Utf8JsonWriter json, in AccessLogEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("time"u8, entry.Time);
        json.WriteString("listener"u8, entry.Listener);
        WriteOptional(json, "route"u8, entry.Route);
        WriteOptional(json, "cluster"u8, entry.Cluster);
        WriteOptional(json, "upstream"u8, entry.Upstream);
        json.WriteString("method"u8, entry.Method);
        json.WriteString("path"u8, entry.Path);
        json.WriteString("protocol"u8, entry.Protocol);
        json.WriteNumber("status"u8, entry.Status);
        json.WriteNumber("request_bytes"u8, entry.RequestBytes);
        json.WriteNumber("response_bytes"u8, entry.ResponseBytes);
        json.WriteNumber("duration_us"u8, entry.DurationMicroseconds);
        json.WriteNumber("upstream_us"u8, entry.UpstreamMicroseconds);
        json.WriteNumber("attempts"u8, entry.Attempts);
        WriteOptional(json, "client"u8, entry.Client);
        WriteOptional(json, "user_agent"u8, entry.UserAgent);
        WriteOptional(json, "request_id"u8, entry.RequestId);
        WriteOptional(json, "error"u8, entry.Error);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
