using System.Buffers.Binary;
using System.Text;
using Weir.Wasm;

namespace Weir.ProxyWasm.Hosting;

/// <summary>
/// Bounds-checked access to a guest's linear memory for host functions. Pointers and lengths are
/// the guest's u32 values; every check uses 64-bit arithmetic, and a failed check is reported as
/// false (the host function then returns INVALID_MEMORY_ACCESS) rather than thrown.
/// </summary>
internal static class GuestMemory
{
    public static bool IsValid(Memory? memory, int pointer, int length) =>
        memory is not null && (uint)length <= int.MaxValue && (ulong)(uint)pointer + (uint)length <= memory.Length;

    public static bool TryGetSpan(Memory? memory, int pointer, int length, out Span<byte> span)
    {
        if (!IsValid(memory, pointer, length))
        {
            span = default;
            return false;
        }

        span = memory!.GetSpan((uint)pointer, length);
        return true;
    }

    public static bool TryReadString(Memory? memory, int pointer, int length, out string text)
    {
        if (!TryGetSpan(memory, pointer, length, out var span))
        {
            text = string.Empty;
            return false;
        }

        text = Encoding.UTF8.GetString(span);
        return true;
    }

    public static bool TryWriteUInt32(Memory? memory, int pointer, uint value)
    {
        if (!TryGetSpan(memory, pointer, 4, out var span))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        return true;
    }

    public static bool TryWriteUInt64(Memory? memory, int pointer, ulong value)
    {
        if (!TryGetSpan(memory, pointer, 8, out var span))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(span, value);
        return true;
    }

    /// <summary>Reads an AssemblyScript string (UTF-16, byte length in the u32 before it), as <c>env.abort</c> passes them.</summary>
    public static string ReadAssemblyScriptString(Memory? memory, int pointer)
    {
        if (pointer == 0 || !TryGetSpan(memory, pointer - 4, 4, out var header))
        {
            return string.Empty;
        }

        var byteLength = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(header), 4096u) & ~1;
        return TryGetSpan(memory, pointer, byteLength, out var text) ? Encoding.Unicode.GetString(text) : string.Empty;
    }
}
