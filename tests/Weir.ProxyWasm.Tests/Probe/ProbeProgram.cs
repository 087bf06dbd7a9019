using System.Buffers.Binary;

namespace Weir.ProxyWasm.Tests.Probe;

/// <summary>The instructions the probe runs in one callback.</summary>
internal sealed class ProbeProgram(ProbeCallback callback, uint occurrence, uint result)
{
    private readonly List<byte[]> _instructions = [];

    public ProbeProgram Call(Hostcall function, params ProbeArgument[] arguments)
    {
        var bytes = new byte[3 + (9 * arguments.Length)];
        bytes[0] = 1;
        bytes[1] = (byte)function;
        bytes[2] = (byte)arguments.Length;
        for (var i = 0; i < arguments.Length; i++)
        {
            bytes[3 + (9 * i)] = arguments[i].Kind;
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(4 + (9 * i)), arguments[i].Value);
        }

        _instructions.Add(bytes);
        return this;
    }

    /// <summary>Logs the bytes at the pointer in <paramref name="pointerSlot"/> with the length in <paramref name="sizeSlot"/>.</summary>
    public ProbeProgram Dump(int pointerSlot, int sizeSlot)
    {
        _instructions.Add([2, (byte)pointerSlot, (byte)sizeSlot]);
        return this;
    }

    /// <summary>Executes <c>unreachable</c>.</summary>
    public ProbeProgram Trap()
    {
        _instructions.Add([3]);
        return this;
    }

    /// <summary>Loops forever.</summary>
    public ProbeProgram Spin()
    {
        _instructions.Add([4]);
        return this;
    }

    internal void WriteTo(Stream output)
    {
        ProbeScript.WriteUInt32(output, (uint)callback);
        ProbeScript.WriteUInt32(output, occurrence);
        ProbeScript.WriteUInt32(output, result);
        ProbeScript.WriteUInt32(output, (uint)_instructions.Count);
        foreach (var instruction in _instructions)
        {
            output.Write(instruction);
        }
    }
}
