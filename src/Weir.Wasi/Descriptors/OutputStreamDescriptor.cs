using Weir.Wasi.Abi;

namespace Weir.Wasi.Descriptors;

/// <summary>Standard output or standard error: writes go straight to a host stream.</summary>
internal sealed class OutputStreamDescriptor : Descriptor
{
    public OutputStreamDescriptor(Stream stream)
        : base(RightSets.StandardOutput, Rights.None, DescriptorFlags.None)
    {
        Stream = stream;
    }

    public Stream Stream { get; }

    public override FileType FileType => FileType.CharacterDevice;

    public override void Close()
    {
        // The host owns the stream; only push out what the guest wrote.
        Stream.Flush();
    }
}
