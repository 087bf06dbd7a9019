using Weir.Wasi.Abi;

namespace Weir.Wasi.Descriptors;

/// <summary>Standard input.</summary>
internal sealed class InputStreamDescriptor : Descriptor
{
    public InputStreamDescriptor(StandardInputReader reader)
        : base(RightSets.StandardInput, Rights.None, DescriptorFlags.None)
    {
        Reader = reader;
    }

    public StandardInputReader Reader { get; }

    public override FileType FileType => FileType.CharacterDevice;

    public override void Close() => Reader.Dispose();
}
