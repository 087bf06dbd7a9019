namespace Weir.Wasi.Abi;

/// <summary>WASI <c>lookupflags</c> (u32).</summary>
[Flags]
internal enum LookupFlags : uint
{
    /// <summary>Operate on a symbolic link itself when it is the last component.</summary>
    None = 0,
    /// <summary>Follow a symbolic link in the last component.</summary>
    SymlinkFollow = 0x1,
}
