namespace Weir.Wasi.Abi;

/// <summary>WASI <c>eventtype</c> (u8): what a poll_oneoff subscription waits for.</summary>
internal enum EventType : byte
{
    /// <summary>A clock reached a time.</summary>
    Clock = 0,
    /// <summary>A descriptor has data to read.</summary>
    FdRead = 1,
    /// <summary>A descriptor can be written to.</summary>
    FdWrite = 2,
}
