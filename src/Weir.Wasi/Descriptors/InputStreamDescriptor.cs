using Weir.Wasi.Abi;

namespace Weir.Wasi.Descriptors;

/// <summary>Standard input.</summary>
internal sealed class InputStreamDescriptor : Descriptor
{
    public InputStreamDescriptor(StandardInputReader reader, bool isTerminal)
        : base(RightSets.StandardInput, Rights.None, DescriptorFlags.None)
    {
        Reader = reader;
        FileType = isTerminal ? FileType.CharacterDevice : FileType.Unknown;
    }

    public StandardInputReader Reader { get; }

    public override FileType FileType { get; }

    public override void Close() => Reader.Dispose();
}
