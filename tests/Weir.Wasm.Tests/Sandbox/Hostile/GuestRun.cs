using System.Globalization;

namespace Weir.Wasm.Tests.Sandbox.Hostile;

/// <summary>
/// Runs a hostile guest the way a server would: on a thread of its own (by default with the 1.5 MiB
/// stack .NET gives secondary and thread-pool threads), watched from the test thread, so a guest
/// that hangs past its deadline fails the test instead of hanging the run. Measures the peak
/// resident memory the run added (Linux: VmHWM after resetting it through /proc/self/clear_refs).
/// </summary>
internal static class GuestRun
{
    public const int ThreadPoolStackBytes = 1536 * 1024;

    /// <summary>Where each run reports its time, peak memory and ending (set by the test class; the tests run one at a time).</summary>
    public static Xunit.Abstractions.ITestOutputHelper? Output { get; set; }

    /// <summary>What the process may use beyond a guest's store limits: the runtime, the JIT, the test itself.</summary>
    public const long FixedOverheadBytes = 192L << 20;

    /// <summary>Runs a guest that returns nothing; the outcome's result is true when it returned.</summary>
    public static GuestOutcome<bool> Run(Action guest, TimeSpan hardLimit, int stackBytes = ThreadPoolStackBytes) =>
        Run(
            () =>
            {
                guest();
                return true;
            },
            hardLimit,
            stackBytes);

    public static GuestOutcome<T> Run<T>(Func<T> guest, TimeSpan hardLimit, int stackBytes = ThreadPoolStackBytes)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = ResidentBytes();
        ResetPeak();
        T? result = default;
        Exception? failure = null;
        var started = DateTime.UtcNow;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = guest();
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            },
            stackBytes)
        { IsBackground = true, Name = "hostile guest" };
        thread.Start();
        if (!thread.Join(hardLimit))
        {
            throw new Xunit.Sdk.XunitException($"the guest still ran after {hardLimit.TotalSeconds:0} s: it outlived its deadline");
        }

        var elapsed = DateTime.UtcNow - started;
        var outcome = new GuestOutcome<T>(result, failure, elapsed, Math.Max(0, PeakBytes() - before));
        Output?.WriteLine(outcome.ToString());
        return outcome;
    }

    private static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long ResidentBytes() => ReadStatus("VmRSS:") ?? Environment.WorkingSet;

    private static long PeakBytes() => ReadStatus("VmHWM:") ?? Environment.WorkingSet;

    private static long? ReadStatus(string field)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
