using System.Runtime.CompilerServices;

namespace Weir.Wasm.Execution;

/// <summary>Memory helpers called from compiled code; tiny so that RyuJIT inlines them.</summary>
internal static unsafe class MemoryOperations
{
    /// <summary>Translates a Wasm address into a native pointer, trapping unless all <paramref name="size"/> bytes are inside the memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* Address(int address, ulong offset, ulong size, byte* memoryBase, ulong memoryLength)
    {
        // Cannot overflow: address < 2^32, offset < 2^32, size <= 16.
        var effective = (ulong)(uint)address + offset;
        if (effective + size > memoryLength)
        {
            Trap.Throw(TrapCode.MemoryOutOfBounds);
        }

        return memoryBase + effective;
    }

    public static int Grow(int deltaPages, Memory memory) => memory.Grow((uint)deltaPages);

    public static int Size(Memory memory) => (int)memory.Pages;

    public static byte* Base(Memory memory) => memory.BasePointer;
}
