namespace Weir.Wasi;

/// <summary>What a guest may do in a preopened directory.</summary>
public enum WasiDirectoryAccess
{
    /// <summary>Read and list only: every mutating call fails (PERM for path calls, BADF for writes to descriptors).</summary>
    ReadOnly,
    /// <summary>Read, write, create, rename and delete inside the directory.</summary>
    ReadWrite,
}
