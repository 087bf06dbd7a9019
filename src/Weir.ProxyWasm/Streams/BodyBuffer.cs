using System.Buffers;

namespace Weir.ProxyWasm.Streams;

/// <summary>A growable byte buffer on pooled arrays, for body data a filter holds or rewrites.</summary>
internal sealed class BodyBuffer : IDisposable
{
    private byte[] _array = [];
    private int _length;

    public int Length => _length;

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, _length);

    public ReadOnlySpan<byte> Span => _array.AsSpan(0, _length);

    public void Append(ReadOnlySpan<byte> data)
    {
        EnsureCapacity(_length + data.Length);
        data.CopyTo(_array.AsSpan(_length));
        _length += data.Length;
    }

    /// <summary>
    /// Replaces <paramref name="count"/> bytes at <paramref name="start"/> with <paramref name="data"/>
    /// (clamped to the buffer; a start at or past the end appends), so prepend, append, replace-all
    /// and any splice in between work.
    /// </summary>
    public void Splice(uint start, uint count, ReadOnlySpan<byte> data)
    {
        if (start >= (uint)_length)
        {
            Append(data);
            return;
        }

        var from = (int)start;
        var to = (int)Math.Min((ulong)start + count, (ulong)_length);
        var newLength = _length - (to - from) + data.Length;
        if (newLength > _array.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(newLength);
            _array.AsSpan(0, from).CopyTo(grown);
            data.CopyTo(grown.AsSpan(from));
            _array.AsSpan(to, _length - to).CopyTo(grown.AsSpan(from + data.Length));
            Return();
            _array = grown;
        }
        else
        {
            _array.AsSpan(to, _length - to).CopyTo(_array.AsSpan(from + data.Length));
            data.CopyTo(_array.AsSpan(from));
        }

        _length = newLength;
    }

    /// <summary>Moves all bytes to the end of <paramref name="destination"/> (swapping arrays when it is empty) and empties this buffer.</summary>
    public void MoveTo(BodyBuffer destination)
    {
        if (_length == 0)
        {
            return;
        }

        if (destination._length == 0)
        {
            (destination._array, _array) = (_array, destination._array);
            destination._length = _length;
        }
        else
        {
            destination.Append(Span);
        }

        _length = 0;
    }

    public void Clear() => _length = 0;

    public void Dispose()
    {
        Return();
        _array = [];
        _length = 0;
    }

    private void EnsureCapacity(int capacity)
    {
        if (capacity <= _array.Length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, Math.Min(_array.Length * 2, Array.MaxLength)));
        _array.AsSpan(0, _length).CopyTo(grown);
        Return();
        _array = grown;
    }

    private void Return()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
    }
}
