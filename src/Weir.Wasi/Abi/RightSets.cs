namespace Weir.Wasi.Abi;

/// <summary>The sets of rights descriptors are created with, by kind of descriptor and mount.</summary>
internal static class RightSets
{
    /// <summary>Every preview 1 right (bits 0–29).</summary>
    public const Rights All = (Rights)0x3FFF_FFFFUL;

    /// <summary>Every preview 0 right (bits 0–28: no SOCK_ACCEPT).</summary>
    public const Rights AllPreview0 = (Rights)0x1FFF_FFFFUL;

    /// <summary>Rights that apply to a directory descriptor itself (what wasmtime reports for a preopen, plus truncation through path_open).</summary>
    public const Rights DirectoryBase =
        Rights.PathCreateDirectory | Rights.PathCreateFile | Rights.PathLinkSource | Rights.PathLinkTarget
        | Rights.PathOpen | Rights.FdReaddir | Rights.PathReadlink | Rights.PathRenameSource | Rights.PathRenameTarget
        | Rights.PathSymlink | Rights.PathRemoveDirectory | Rights.PathUnlinkFile | Rights.PathFilestatGet
        | Rights.PathFilestatSetSize | Rights.PathFilestatSetTimes | Rights.FdFilestatGet | Rights.FdFilestatSetTimes;

    /// <summary>Rights that apply to a regular file descriptor.</summary>
    public const Rights RegularFileBase =
        Rights.FdDatasync | Rights.FdRead | Rights.FdSeek | Rights.FdFdstatSetFlags | Rights.FdSync | Rights.FdTell
        | Rights.FdWrite | Rights.FdAdvise | Rights.FdAllocate | Rights.FdFilestatGet | Rights.FdFilestatSetSize
        | Rights.FdFilestatSetTimes | Rights.PollFdReadwrite;

    /// <summary>What a directory hands down to descriptors opened through it.</summary>
    public const Rights DirectoryInheriting = DirectoryBase | RegularFileBase;

    /// <summary>Rights that change the file system; a read-only mount never grants them.</summary>
    public const Rights Mutating =
        Rights.FdDatasync | Rights.FdSync | Rights.FdWrite | Rights.FdAllocate | Rights.FdFilestatSetSize
        | Rights.FdFilestatSetTimes | Rights.PathCreateDirectory | Rights.PathCreateFile | Rights.PathLinkSource
        | Rights.PathLinkTarget | Rights.PathRenameSource | Rights.PathRenameTarget | Rights.PathSymlink
        | Rights.PathRemoveDirectory | Rights.PathUnlinkFile | Rights.PathFilestatSetSize | Rights.PathFilestatSetTimes;

    /// <summary>Rights whose request in path_open means "open for writing"; refused outright on a read-only mount.</summary>
    public const Rights WriteAccess = Rights.FdWrite | Rights.FdAllocate | Rights.FdFilestatSetSize;

    /// <summary>Standard input.</summary>
    public const Rights StandardInput = Rights.FdRead | Rights.FdFdstatSetFlags | Rights.FdFilestatGet | Rights.PollFdReadwrite;

    /// <summary>Standard output and standard error.</summary>
    public const Rights StandardOutput = Rights.FdWrite | Rights.FdFdstatSetFlags | Rights.FdFilestatGet | Rights.PollFdReadwrite;
}
