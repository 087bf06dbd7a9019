namespace Weir.Wasi.Abi;

/// <summary>WASI <c>filetype</c> (u8).</summary>
internal enum FileType : byte
{
    /// <summary>The type is unknown or none of the others.</summary>
    Unknown = 0,
    /// <summary>A block device.</summary>
    BlockDevice = 1,
    /// <summary>A character device (also what terminals and standard streams report).</summary>
    CharacterDevice = 2,
    /// <summary>A directory.</summary>
    Directory = 3,
    /// <summary>A regular file.</summary>
    RegularFile = 4,
    /// <summary>A datagram socket.</summary>
    SocketDatagram = 5,
    /// <summary>A byte-stream socket.</summary>
    SocketStream = 6,
    /// <summary>A symbolic link.</summary>
    SymbolicLink = 7,
}
