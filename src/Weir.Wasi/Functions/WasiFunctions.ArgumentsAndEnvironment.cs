using System.Collections.Immutable;
using Weir.Wasi.Abi;
using Weir.Wasm;

namespace Weir.Wasi.Functions;

// args_get, args_sizes_get, environ_get, environ_sizes_get.
internal sealed partial class WasiFunctions
{
    public int ArgsSizesGet(Caller caller, int countAddress, int bufferSizeAddress) =>
        SizesGet(caller, _context.Arguments, countAddress, bufferSizeAddress);

    public int ArgsGet(Caller caller, int pointersAddress, int bufferAddress) =>
        StringsGet(caller, _context.Arguments, pointersAddress, bufferAddress);

    public int EnvironSizesGet(Caller caller, int countAddress, int bufferSizeAddress) =>
        SizesGet(caller, _context.Environment, countAddress, bufferSizeAddress);

    public int EnvironGet(Caller caller, int pointersAddress, int bufferAddress) =>
        StringsGet(caller, _context.Environment, pointersAddress, bufferAddress);

    private static int SizesGet(Caller caller, ImmutableArray<byte[]> strings, int countAddress, int bufferSizeAddress)
    {
        try
        {
            var memory = MemoryOf(caller);
            var size = 0u;
            foreach (var item in strings)
            {
                size += (uint)item.Length;
            }

            memory.Slice((uint)countAddress, 4);
            memory.Slice((uint)bufferSizeAddress, 4);
            memory.WriteUInt32((uint)countAddress, (uint)strings.Length);
            memory.WriteUInt32((uint)bufferSizeAddress, size);
            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }

    private static int StringsGet(Caller caller, ImmutableArray<byte[]> strings, int pointersAddress, int bufferAddress)
    {
        try
        {
            var memory = MemoryOf(caller);
            var size = 0u;
            foreach (var item in strings)
            {
                size += (uint)item.Length;
            }

            // Check both ranges first, so a bad pointer leaves memory untouched.
            var pointers = memory.Slice((uint)pointersAddress, (uint)strings.Length * 4);
            var buffer = memory.Slice((uint)bufferAddress, size);
            var offset = 0;
            for (var i = 0; i < strings.Length; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(pointers[(i * 4)..], (uint)bufferAddress + (uint)offset);
                strings[i].CopyTo(buffer[offset..]);
                offset += strings[i].Length;
            }

            return Success;
        }
        catch (Exception exception) when (IsReportable(exception))
        {
            return Fail(exception);
        }
    }
}
