using System.Text;

namespace Weir.ProxyWasm.Logging;

/// <summary>
/// A write-only stream that turns a guest's WASI stdout or stderr into log entries, one per line,
/// without the trailing newline (as cpp-host does). A line longer than the limit is cut into pieces.
/// </summary>
internal sealed class LogLineStream : Stream
{
    private const int MaximumLineBytes = 16 * 1024;
    private readonly Action<string> _writeLine;
    private readonly MemoryStream _pending = new();

    public LogLineStream(Action<string> writeLine)
    {
        _writeLine = writeLine;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var newline = buffer.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _pending.Write(buffer);
                if (_pending.Length >= MaximumLineBytes)
                {
                    EmitPending();
                }

                return;
            }

            _pending.Write(buffer[..newline]);
            EmitPending();
            buffer = buffer[(newline + 1)..];
        }
    }

    public override void Flush()
    {
        if (_pending.Length > 0)
        {
            EmitPending();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }

    private void EmitPending()
    {
        var text = Encoding.UTF8.GetString(_pending.GetBuffer(), 0, (int)_pending.Length);
        _pending.SetLength(0);
        _writeLine(text.TrimEnd('\r'));
    }
}
