namespace Weir.Fuzz.Tools;

/// <summary>The process's peak resident set, from /proc on Linux (the working set elsewhere).</summary>
internal static class ProcessMemory
{
    public static long PeakResidentBytes()
    {
        const string statusFile = "/proc/self/status";
        if (File.Exists(statusFile))
        {
            foreach (var line in File.ReadLines(statusFile))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return kilobytes * 1024;
                }
            }
        }

        return Environment.WorkingSet;
    }
}
