namespace Weir.Wasi.Abi;

/// <summary>WASI <c>fdflags</c> (u16).</summary>
[Flags]
internal enum DescriptorFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>Writes always go to the end of the file.</summary>
    Append = 0x1,
    /// <summary>Synchronized data integrity writes.</summary>
    DataSync = 0x2,
    /// <summary>Non-blocking mode.</summary>
    NonBlocking = 0x4,
    /// <summary>Synchronized read I/O.</summary>
    ReadSync = 0x8,
    /// <summary>Synchronized file integrity writes.</summary>
    Sync = 0x10,
}
