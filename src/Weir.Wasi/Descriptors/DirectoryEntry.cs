using Weir.Wasi.Abi;

namespace Weir.Wasi.Descriptors;

/// <summary>One fd_readdir record: the name as UTF-8, its inode and type.</summary>
internal sealed record DirectoryEntry(byte[] Name, ulong Inode, FileType FileType);
