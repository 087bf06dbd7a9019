using Weir.Wasi.Abi;

namespace Weir.Wasi.Descriptors;

/// <summary>Standard output or standard error: writes go straight to a host stream.</summary>
internal sealed class OutputStreamDescriptor : Descriptor
{
    public OutputStreamDescriptor(Stream stream, bool isTerminal)
        : base(RightSets.StandardOutput, Rights.None, DescriptorFlags.None)
    {
        Stream = stream;
        FileType = isTerminal ? FileType.CharacterDevice : FileType.Unknown;
    }

    public Stream Stream { get; }

    /// <summary>A character device for a terminal, otherwise unknown (as wasmtime reports pipes and captures).</summary>
    public override FileType FileType { get; }

    public override void Close()
    {
        // The host owns the stream; only push out what the guest wrote.
        Stream.Flush();
    }
}
