using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;
using Weir.Wasm;

namespace Weir.Wasi.Functions;

// fd_read, fd_write, fd_pread, fd_pwrite, fd_seek, fd_tell.
internal sealed partial class WasiFunctions
{
    public int FdRead(Caller caller, int descriptor, int vectorsAddress, int vectorCount, int resultAddress)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            entry.Require(Rights.FdRead);
            var memory = MemoryOf(caller);
            memory.Slice((uint)resultAddress, 4);
            var vectors = memory.ReadIoVectors((uint)vectorsAddress, (uint)vectorCount);
            vectors.ValidateAndMeasure();
            long total;
            switch (entry)
            {
                case FileDescriptor file:
                    total = ReadAt(file, vectors, file.Position);
                    file.Position += total;
                    break;
                case InputStreamDescriptor input:
                    total = ReadStream(input, vectors);
                    break;
                default:
                    throw new WasiErrorException(Errno.BadDescriptor);
            }

            memory.WriteUInt32((uint)resultAddress, (uint)total);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdPread(Caller caller, int descriptor, int vectorsAddress, int vectorCount, long offset, int resultAddress)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            entry.Require(Rights.FdRead | Rights.FdSeek);
            if (entry is not FileDescriptor file)
            {
                throw new WasiErrorException(Errno.InvalidSeek);
            }

            if (offset < 0)
            {
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            var memory = MemoryOf(caller);
            memory.Slice((uint)resultAddress, 4);
            var vectors = memory.ReadIoVectors((uint)vectorsAddress, (uint)vectorCount);
            vectors.ValidateAndMeasure();
            var total = ReadAt(file, vectors, offset);
            memory.WriteUInt32((uint)resultAddress, (uint)total);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdWrite(Caller caller, int descriptor, int vectorsAddress, int vectorCount, int resultAddress)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            entry.Require(Rights.FdWrite);
            var memory = MemoryOf(caller);
            memory.Slice((uint)resultAddress, 4);
            var vectors = memory.ReadIoVectors((uint)vectorsAddress, (uint)vectorCount);
            vectors.ValidateAndMeasure();
            long total;
            switch (entry)
            {
                case OutputStreamDescriptor output:
                    total = WriteStream(output, vectors);
                    break;
                case FileDescriptor file:
                    EnsureWritable(file);
                    var offset = file.Flags.HasFlag(DescriptorFlags.Append) ? RandomAccess.GetLength(file.Handle) : file.Position;
                    total = WriteAt(file, vectors, offset);
                    file.Position = offset + total;
                    break;
                default:
                    throw new WasiErrorException(Errno.BadDescriptor);
            }

            memory.WriteUInt32((uint)resultAddress, (uint)total);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdPwrite(Caller caller, int descriptor, int vectorsAddress, int vectorCount, long offset, int resultAddress)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            entry.Require(Rights.FdWrite | Rights.FdSeek);
            if (entry is not FileDescriptor file)
            {
                throw new WasiErrorException(Errno.InvalidSeek);
            }

            EnsureWritable(file);
            if (offset < 0)
            {
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            var memory = MemoryOf(caller);
            memory.Slice((uint)resultAddress, 4);
            var vectors = memory.ReadIoVectors((uint)vectorsAddress, (uint)vectorCount);
            vectors.ValidateAndMeasure();
            var total = WriteAt(file, vectors, offset);
            memory.WriteUInt32((uint)resultAddress, (uint)total);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdSeek(Caller caller, int descriptor, long delta, int whence, int resultAddress)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            var origin = ToWhence(whence);
            var isTell = origin == Whence.Current && delta == 0;
            if (!entry.Has(Rights.FdSeek) && !(isTell && entry.Has(Rights.FdTell)))
            {
                throw new WasiErrorException(Errno.BadDescriptor);
            }

            if (entry is not FileDescriptor file)
            {
                throw new WasiErrorException(Errno.InvalidSeek);
            }

            var memory = MemoryOf(caller);
            memory.Slice((uint)resultAddress, 8);
            var basis = origin switch
            {
                Whence.Set => 0,
                Whence.Current => file.Position,
                _ => RandomAccess.GetLength(file.Handle),
            };
            if ((delta > 0 && basis > long.MaxValue - delta) || basis + delta < 0)
            {
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            file.Position = basis + delta;
            memory.WriteUInt64((uint)resultAddress, (ulong)file.Position);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    public int FdTell(Caller caller, int descriptor, int resultAddress)
    {
        try
        {
            var entry = Descriptors.Get(descriptor);
            if (!entry.Has(Rights.FdTell) && !entry.Has(Rights.FdSeek))
            {
                throw new WasiErrorException(Errno.BadDescriptor);
            }

            if (entry is not FileDescriptor file)
            {
                throw new WasiErrorException(Errno.InvalidSeek);
            }

            MemoryOf(caller).WriteUInt64((uint)resultAddress, (ulong)file.Position);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    /// <summary>whence as preview 1 numbers it; preview 0 numbered CUR = 0, END = 1, SET = 2.</summary>
    private Whence ToWhence(int whence)
    {
        if (Version == AbiVersion.Preview0)
        {
            return whence switch
            {
                0 => Whence.Current,
                1 => Whence.End,
                2 => Whence.Set,
                _ => throw new WasiErrorException(Errno.InvalidArgument),
            };
        }

        return whence is >= 0 and <= 2 ? (Whence)whence : throw new WasiErrorException(Errno.InvalidArgument);
    }

    private static void EnsureWritable(FileDescriptor file)
    {
        if (!file.CanWrite || file.Mount.IsReadOnly)
        {
            throw new WasiErrorException(Errno.BadDescriptor);
        }
    }

    /// <summary>Reads into the buffers in order from <paramref name="offset"/>, stopping at a short read or the per-call cap.</summary>
    private long ReadAt(FileDescriptor file, IoVectorList vectors, long offset)
    {
        if (!file.CanRead)
        {
            throw new WasiErrorException(Errno.BadDescriptor);
        }

        long total = 0;
        var budget = (long)Configuration.MaxBytesPerCall;
        for (var i = 0; i < vectors.Count && budget > 0; i++)
        {
            var buffer = vectors[i];
            if (buffer.Length > budget)
            {
                buffer = buffer[..(int)budget];
            }

            var count = RandomAccess.Read(file.Handle, buffer, offset + total);
            total += count;
            budget -= count;
            if (count < buffer.Length)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>One read from the stream, into the first non-empty buffer: a stream read must not wait for more than is available.</summary>
    private long ReadStream(InputStreamDescriptor input, IoVectorList vectors)
    {
        for (var i = 0; i < vectors.Count; i++)
        {
            var buffer = vectors[i];
            if (buffer.Length == 0)
            {
                continue;
            }

            if (buffer.Length > Configuration.MaxBytesPerCall)
            {
                buffer = buffer[..Configuration.MaxBytesPerCall];
            }

            return input.Reader.Read(buffer);
        }

        return 0;
    }

    private long WriteAt(FileDescriptor file, IoVectorList vectors, long offset)
    {
        long total = 0;
        var budget = (long)Configuration.MaxBytesPerCall;
        for (var i = 0; i < vectors.Count && budget > 0; i++)
        {
            var buffer = vectors[i];
            if (buffer.Length > budget)
            {
                buffer = buffer[..(int)budget];
            }

            RandomAccess.Write(file.Handle, buffer, offset + total);
            total += buffer.Length;
            budget -= buffer.Length;
        }

        return total;
    }

    private long WriteStream(OutputStreamDescriptor output, IoVectorList vectors)
    {
        long total = 0;
        var budget = (long)Configuration.MaxBytesPerCall;
        for (var i = 0; i < vectors.Count && budget > 0; i++)
        {
            var buffer = vectors[i];
            if (buffer.Length > budget)
            {
                buffer = buffer[..(int)budget];
            }

            output.Stream.Write(buffer);
            total += buffer.Length;
            budget -= buffer.Length;
        }

        return total;
    }
}
