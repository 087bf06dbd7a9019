using System.Collections.Immutable;
using Weir.Wasi.Abi;

namespace Weir.Wasi.Descriptors;

/// <summary>
/// An open directory: a position inside a mount, given as components from the mount's root, every
/// one of them a real directory (symbolic links were resolved when it was opened). Paths given
/// relative to it can never climb above it.
/// </summary>
internal sealed class DirectoryDescriptor : Descriptor
{
    public DirectoryDescriptor(Mount mount, ImmutableArray<string> components, Rights baseRights, Rights inheritingRights, string? preopenName)
        : base(baseRights, inheritingRights, DescriptorFlags.None)
    {
        Mount = mount;
        Components = components;
        PreopenName = preopenName;
        HostPath = mount.HostPathOf(components);
    }

    public Mount Mount { get; }

    public ImmutableArray<string> Components { get; }

    public string HostPath { get; }

    /// <summary>The guest-visible name when this is a preopen (fd_prestat_get answers for it), otherwise null.</summary>
    public string? PreopenName { get; }

    /// <summary>The listing fd_readdir pages through; taken again when a listing starts from cookie 0.</summary>
    public IReadOnlyList<DirectoryEntry>? Listing { get; set; }

    public override FileType FileType => FileType.Directory;
}
