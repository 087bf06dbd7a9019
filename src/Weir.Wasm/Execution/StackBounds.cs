using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Weir.Wasm.Execution;

/// <summary>
/// Finds how much native stack the current thread has, so that guest recursion traps before the
/// .NET stack overflows (a StackOverflowException cannot be caught and would kill the host).
/// </summary>
internal static unsafe partial class StackBounds
{
    /// <summary>Native stack kept free below the guest for host functions, the JIT and the runtime.</summary>
    public const int HostReserveBytes = 256 * 1024;

    [ThreadStatic]
    private static nuint s_stackLow;

    /// <summary>
    /// The stack limit for guest code entered now on this thread. A function's prologue allocates and
    /// touches its whole frame before its entry check compares the stack pointer with the limit, so
    /// below the limit there must be room for the largest frame as well as the host reserve: a guest
    /// recursing to just above the limit and then calling its largest function would otherwise run
    /// off the end of the thread's stack, which kills the process.
    /// </summary>
    public static nuint ComputeLimit(long maximumGuestStackBytes, long largestFrameBytes = 0)
    {
        var here = CurrentStackPointer();
        var low = s_stackLow;
        if (low == 0)
        {
            low = QueryStackLow(here);
            s_stackLow = low;
        }

        var floor = low + HostReserveBytes + (nuint)Math.Max(largestFrameBytes, 0);
        var budgetFloor = here > (nuint)maximumGuestStackBytes ? here - (nuint)maximumGuestStackBytes : 0;
        return Math.Max(floor, budgetFloor);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static nuint CurrentStackPointer()
    {
        byte probe = 0;
        return (nuint)(&probe);
    }

    private static nuint QueryStackLow(nuint here)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var attributes = stackalloc byte[512];
                if (PthreadGetAttributes(PthreadSelf(), attributes) == 0)
                {
                    nint address;
                    nuint size;
                    var result = PthreadAttributesGetStack(attributes, &address, &size);
                    _ = PthreadAttributesDestroy(attributes);
                    if (result == 0 && address != 0 && (nuint)address < here)
                    {
                        return (nuint)address;
                    }
                }
            }
            catch (DllNotFoundException)
            {
            }
            catch (EntryPointNotFoundException)
            {
            }
        }

        // Unknown platform: assume the smallest stack .NET gives secondary threads (1.5 MiB).
        const int assumedStack = 1536 * 1024;
        return here > assumedStack ? here - assumedStack : 0;
    }

    [LibraryImport("libc", EntryPoint = "pthread_self")]
    private static partial nint PthreadSelf();

    [LibraryImport("libc", EntryPoint = "pthread_getattr_np")]
    private static partial int PthreadGetAttributes(nint thread, byte* attributes);

    [LibraryImport("libc", EntryPoint = "pthread_attr_getstack")]
    private static partial int PthreadAttributesGetStack(byte* attributes, nint* address, nuint* size);

    [LibraryImport("libc", EntryPoint = "pthread_attr_destroy")]
    private static partial int PthreadAttributesDestroy(byte* attributes);
}
