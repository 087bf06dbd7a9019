using System.Buffers.Binary;
using System.Text;
using Weir.ProxyWasm.Abi;

namespace Weir.ProxyWasm.Tests.Probe;

/// <summary>
/// Builds the script the probe filter reads from its VM configuration: data blobs, and per callback
/// a program of host calls with exact arguments (see examples/filters/c/probe.c for the format).
/// </summary>
internal sealed class ProbeScript
{
    public const uint EveryTime = 0xFFFF_FFFF;

    private readonly List<byte[]> _blobs = [];
    private readonly List<ProbeProgram> _programs = [];

    /// <summary>Adds bytes to guest memory; returns the (pointer, size) arguments for them.</summary>
    public (ProbeArgument Pointer, ProbeArgument Size) Data(byte[] bytes)
    {
        _blobs.Add(bytes);
        var index = _blobs.Count - 1;
        return (ProbeArgument.BlobPointer(index), ProbeArgument.BlobSize(index));
    }

    public (ProbeArgument Pointer, ProbeArgument Size) Text(string text) => Data(Encoding.UTF8.GetBytes(text));

    /// <summary>A serialized header map.</summary>
    public (ProbeArgument Pointer, ProbeArgument Size) Pairs(params (string Key, string Value)[] pairs) =>
        Data(HeaderPairs.ToArray(pairs.Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value)).ToList()));

    /// <summary>A program for <paramref name="callback"/> (its <paramref name="occurrence"/>-th call, 0-based, or every call) returning <paramref name="result"/>.</summary>
    public ProbeProgram On(ProbeCallback callback, uint? result = null, uint occurrence = EveryTime)
    {
        var program = new ProbeProgram(callback, occurrence, result ?? DefaultResult(callback));
        _programs.Add(program);
        return program;
    }

    public byte[] Build()
    {
        using var output = new MemoryStream();
        output.Write("PRB1"u8);
        WriteUInt32(output, (uint)_blobs.Count);
        foreach (var blob in _blobs)
        {
            WriteUInt32(output, (uint)blob.Length);
            output.Write(blob);
        }

        WriteUInt32(output, (uint)_programs.Count);
        foreach (var program in _programs)
        {
            program.WriteTo(output);
        }

        return output.ToArray();
    }

    internal static void WriteUInt32(Stream output, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        output.Write(bytes);
    }

    private static uint DefaultResult(ProbeCallback callback) =>
        callback is ProbeCallback.VmStart or ProbeCallback.Configure or ProbeCallback.Done or ProbeCallback.RootDone ? 1u : 0u;
}
