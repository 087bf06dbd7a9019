namespace Weir.Wasi.Abi;

/// <summary>The origin of fd_seek, with preview 1's values (preview 0 numbers them differently; see <see cref="AbiVersion"/>).</summary>
internal enum Whence : byte
{
    /// <summary>From the start of the file.</summary>
    Set = 0,
    /// <summary>From the current position.</summary>
    Current = 1,
    /// <summary>From the end of the file.</summary>
    End = 2,
}
