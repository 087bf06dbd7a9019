namespace Weir.Wasi.Abi;

/// <summary>WASI <c>fstflags</c> (u16): which timestamps a set_times call changes.</summary>
[Flags]
internal enum TimestampFlags : ushort
{
    /// <summary>Change nothing.</summary>
    None = 0,
    /// <summary>Set the access time to the given value.</summary>
    AccessTime = 0x1,
    /// <summary>Set the access time to now.</summary>
    AccessTimeNow = 0x2,
    /// <summary>Set the modification time to the given value.</summary>
    ModificationTime = 0x4,
    /// <summary>Set the modification time to now.</summary>
    ModificationTimeNow = 0x8,
}
