using System.Diagnostics;
using System.Globalization;

namespace Weir.Cli.Workflow.Shared;

/// <summary>
/// Numbered progress lines for slow commands (<c>[2/4] npm run build</c>), written to standard error so that
/// standard output keeps only the result (and stays valid JSON with <c>--json</c>).
/// </summary>
internal sealed class ProgressLog
{
    private static readonly TimeSpan WorthReporting = TimeSpan.FromSeconds(1);
    private readonly TextWriter writer;
    private readonly int total;
    private int current;

    public ProgressLog(TextWriter writer, int total)
    {
        this.writer = writer;
        this.total = total;
    }

    /// <summary>Announces the next step; disposing the result reports how long it took when that was noticeable.</summary>
    public StepTimer Step(string text)
    {
        current++;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{current}/{total}] {text}"));
        writer.Flush();
        return new StepTimer(this);
    }

    /// <summary>Ends one step.</summary>
    internal readonly struct StepTimer : IDisposable
    {
        private readonly ProgressLog log;
        private readonly long started;

        public StepTimer(ProgressLog log)
        {
            this.log = log;
            started = Stopwatch.GetTimestamp();
        }

        public void Dispose()
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= WorthReporting)
            {
                log.writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      done in {elapsed.TotalSeconds:0.0}s"));
                log.writer.Flush();
            }
        }
    }
}
