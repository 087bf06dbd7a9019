namespace Weir.Wasm.Execution;

/// <summary>
/// Bulk memory, table and reference instructions, called from compiled code with the Wasm operands
/// first (in stack order) and the instance state and immediates after them.
/// </summary>
internal static unsafe class BulkOperations
{
    public static void MemoryInit(uint destination, uint source, uint count, InstanceContext context, int segmentIndex)
    {
        var memory = context.Memory0!;
        var data = context.DataSegments[segmentIndex].Span;
        if ((ulong)source + count > (ulong)data.Length || (ulong)destination + count > memory.ByteLength)
        {
            Trap.Throw(TrapCode.MemoryOutOfBounds);
        }

        data.Slice((int)source, (int)count).CopyTo(new Span<byte>(memory.BasePointer + destination, (int)count));
    }

    public static void DataDrop(InstanceContext context, int segmentIndex) =>
        context.DataSegments[segmentIndex] = ReadOnlyMemory<byte>.Empty;

    public static void MemoryCopy(uint destination, uint source, uint count, Memory memory)
    {
        var length = memory.ByteLength;
        if ((ulong)source + count > length || (ulong)destination + count > length)
        {
            Trap.Throw(TrapCode.MemoryOutOfBounds);
        }

        // Buffer.MemoryCopy handles overlap like memmove.
        Buffer.MemoryCopy(memory.BasePointer + source, memory.BasePointer + destination, count, count);
    }

    public static void MemoryFill(uint destination, int value, uint count, Memory memory)
    {
        if ((ulong)destination + count > memory.ByteLength)
        {
            Trap.Throw(TrapCode.MemoryOutOfBounds);
        }

        new Span<byte>(memory.BasePointer + destination, (int)count).Fill((byte)value);
    }

    public static void TableInit(uint destination, uint source, uint count, InstanceContext context, int tableIndex, int segmentIndex)
    {
        var elements = context.Tables[tableIndex].Elements;
        var segment = context.ElementSegments[segmentIndex] ?? [];
        if ((ulong)source + count > (ulong)segment.Length || (ulong)destination + count > (ulong)elements.Length)
        {
            Trap.Throw(TrapCode.TableOutOfBounds);
        }

        Array.Copy(segment, (int)source, elements, (int)destination, (int)count);
    }

    public static void ElemDrop(InstanceContext context, int segmentIndex) =>
        context.ElementSegments[segmentIndex] = [];

    public static void TableCopy(uint destination, uint source, uint count, Table destinationTable, Table sourceTable)
    {
        var target = destinationTable.Elements;
        var origin = sourceTable.Elements;
        if ((ulong)source + count > (ulong)origin.Length || (ulong)destination + count > (ulong)target.Length)
        {
            Trap.Throw(TrapCode.TableOutOfBounds);
        }

        Array.Copy(origin, (int)source, target, (int)destination, (int)count);
    }

    public static object? TableGet(uint index, Table table)
    {
        var elements = table.Elements;
        if (index >= (uint)elements.Length)
        {
            Trap.Throw(TrapCode.TableOutOfBounds);
        }

        return elements[index];
    }

    public static void TableSet(uint index, object? value, Table table)
    {
        var elements = table.Elements;
        if (index >= (uint)elements.Length)
        {
            Trap.Throw(TrapCode.TableOutOfBounds);
        }

        elements[index] = value;
    }

    public static int TableSize(Table table) => table.Elements.Length;

    public static int TableGrow(object? initialValue, uint delta, Table table) => table.Grow(delta, initialValue);

    public static void TableFill(uint index, object? value, uint count, Table table)
    {
        var elements = table.Elements;
        if ((ulong)index + count > (ulong)elements.Length)
        {
            Trap.Throw(TrapCode.TableOutOfBounds);
        }

        Array.Fill(elements, value, (int)index, (int)count);
    }

    /// <summary>Finds the target of <c>call_indirect</c>, checking bounds, null and signature.</summary>
    public static Function ResolveIndirect(uint index, Table table, int expectedTypeId)
    {
        var elements = table.Elements;
        if (index >= (uint)elements.Length)
        {
            ThrowUndefinedElement();
        }

        var function = elements[index] as Function;
        if (function is null)
        {
            Trap.Throw(TrapCode.IndirectCallToNull);
        }

        if (function.TypeId != expectedTypeId)
        {
            Trap.Throw(TrapCode.SignatureMismatch);
        }

        return function;
    }

    /// <summary>call_indirect past the end of its table: a table bounds trap, worded as the spec words it.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowUndefinedElement() =>
        throw new WasmTrapException(TrapCode.TableOutOfBounds, "undefined element");

}
