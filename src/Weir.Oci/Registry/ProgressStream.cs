namespace Weir.Oci.Registry;

/// <summary>A read-only pass-through stream that reports how many bytes have been read.</summary>
internal sealed class ProgressStream : Stream
{
    private readonly Stream inner;
    private readonly IProgress<long>? progress;
    private readonly long initial;
    private long read;

    public ProgressStream(Stream inner, IProgress<long>? progress, long initial = 0)
    {
        this.inner = inner;
        this.progress = progress;
        this.initial = initial;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int bytes)
    {
        if (bytes > 0)
        {
            read += bytes;
            progress?.Report(initial + read);
        }

        return bytes;
    }
}
