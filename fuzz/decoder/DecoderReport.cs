using System.Globalization;
using System.Text;

namespace Weir.Fuzz.Decoder;

/// <summary>The figures of a decoder campaign.</summary>
internal sealed class DecoderReport
{
    public int Inputs { get; set; }

    public Dictionary<ProbeResult, int> Results { get; } = [];

    public Dictionary<MutationKind, int> Mutations { get; } = [];

    public long Calls { get; set; }

    public long Traps { get; set; }

    public long InputBytes { get; set; }

    public TimeSpan SlowestInput { get; set; }

    public long LargestAllocation { get; set; }

    public long PeakResidentBytes { get; set; }

    /// <summary>Unexpected exceptions, hangs, slow or greedy inputs.</summary>
    public List<string> Findings { get; } = [];

    public bool Hung { get; set; }

    public TimeSpan Elapsed { get; set; }

    public string Summary()
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(invariant, $"inputs: {Inputs} ({InputBytes / Math.Max(Inputs, 1)} bytes on average), {Inputs / Math.Max(Elapsed.TotalSeconds, 0.001):0} per second");
        text.AppendLine(invariant, $"results: {string.Join(", ", Enum.GetValues<ProbeResult>().Select(r => $"{r} {Results.GetValueOrDefault(r)}"))}");
        text.AppendLine(invariant, $"exports called: {Calls} ({Traps} trapped)");
        text.AppendLine(invariant, $"mutations: {string.Join(", ", Mutations.OrderBy(m => m.Key).Select(m => $"{m.Key} {m.Value}"))}");
        text.AppendLine(invariant, $"slowest input: {SlowestInput.TotalMilliseconds:0} ms; largest allocation by one input: {LargestAllocation / 1024} KiB; peak resident set: {PeakResidentBytes >> 20} MiB");
        text.AppendLine(invariant, $"findings: {Findings.Count}{(Hung ? " (stopped by a hang)" : string.Empty)}");
        foreach (var finding in Findings)
        {
            text.AppendLine("  " + finding);
        }

        text.Append(invariant, $"elapsed: {Elapsed.TotalSeconds:0} s");
        return text.ToString();
    }
}
