namespace Weir.Wasi.Abi;

/// <summary>WASI <c>oflags</c> (u16) of path_open.</summary>
[Flags]
internal enum OpenFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>Create the file if it does not exist.</summary>
    Create = 0x1,
    /// <summary>Fail unless the path is a directory.</summary>
    Directory = 0x2,
    /// <summary>With <see cref="Create"/>: fail if the file exists.</summary>
    Exclusive = 0x4,
    /// <summary>Truncate the file to size 0.</summary>
    Truncate = 0x8,
}
