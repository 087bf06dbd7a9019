using System.Diagnostics;
using System.Globalization;
using Weir.Oci.Transfers;

namespace Weir.Cli.Registry;

/// <summary>
/// Draws one progress bar per blob on standard error when it is a terminal; stays silent in pipes and
/// with <c>--json</c>, so scripts only ever see the final result.
/// </summary>
internal sealed class ProgressRenderer : IProgress<TransferProgress>
{
    private const int BarWidth = 24;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly bool enabled;
    private readonly string verb;
    private readonly Stopwatch sinceRedraw = Stopwatch.StartNew();
    private string? currentDigest;

    public ProgressRenderer(string verb, bool quiet)
    {
        this.verb = verb;
        enabled = !quiet && !Console.IsErrorRedirected;
    }

    public void Report(TransferProgress value)
    {
        if (!enabled)
        {
            return;
        }

        var finished = value.State is not TransferState.Transferring;
        if (value.Digest.Value != currentDigest)
        {
            if (currentDigest is not null)
            {
                Console.Error.WriteLine();
            }

            currentDigest = value.Digest.Value;
        }
        else if (!finished && sinceRedraw.Elapsed < RedrawInterval)
        {
            return;
        }

        sinceRedraw.Restart();
        Console.Error.Write("\r" + Line(value));
        if (finished && value.State != TransferState.Resumed)
        {
            Console.Error.WriteLine();
            currentDigest = null;
        }
    }

    private string Line(TransferProgress value)
    {
        var fraction = value.Total <= 0 ? 1.0 : Math.Clamp((double)value.Transferred / value.Total, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var bar = new string('#', filled) + new string('-', BarWidth - filled);
        var state = value.State switch
        {
            TransferState.Skipped => "already present",
            TransferState.Mounted => "mounted",
            TransferState.Resumed => $"resuming at {ByteSize.Format(value.Transferred)}",
            TransferState.Done => verb,
            _ => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100,3:0}%"),
        };
        var label = value.Label.PadRight(8);
        var digest = value.Digest.Encoded[..12];
        var text = $"{label} {digest} [{bar}] {ByteSize.Format(value.Transferred)}/{ByteSize.Format(value.Total)} {state}";

        // Never wrap: a wrapped line cannot be redrawn in place with '\r'.
        var columns = SafeWindowWidth();
        var width = (columns < 40 ? 80 : columns) - 1;
        return text.Length > width ? text[..width] : text.PadRight(width);
    }

    private static int SafeWindowWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
