namespace Weir.Wasi.Abi;

/// <summary>WASI <c>clockid</c> (u32).</summary>
internal enum ClockId : uint
{
    /// <summary>Wall-clock time: nanoseconds since 1970-01-01 UTC.</summary>
    Realtime = 0,
    /// <summary>A clock that never goes backwards, from an arbitrary origin.</summary>
    Monotonic = 1,
    /// <summary>CPU time of the process (not offered: answers INVAL).</summary>
    ProcessCpuTime = 2,
    /// <summary>CPU time of the thread (not offered: answers INVAL).</summary>
    ThreadCpuTime = 3,
}
