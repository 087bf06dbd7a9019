namespace Weir.Wasi.Abi;

/// <summary>Which WASI import module a call came through; the two differ in a few layouts.</summary>
internal enum AbiVersion
{
    /// <summary><c>wasi_snapshot_preview1</c>.</summary>
    Preview1,
    /// <summary><c>wasi_unstable</c> (snapshot 0): other whence numbers, a 56-byte filestat and a 56-byte subscription.</summary>
    Preview0,
}
