using System.Globalization;
using System.Text;

namespace Weir.Fuzz.Differential;

/// <summary>The figures of a differential campaign.</summary>
internal sealed class DifferentialReport
{
    public int Modules { get; set; }

    public int GenerationFailures { get; set; }

    /// <summary>Modules both engines instantiated (their calls were compared).</summary>
    public int Instantiated { get; set; }

    /// <summary>Modules whose instantiation failed the same way in both engines.</summary>
    public int InstantiationFailures { get; set; }

    /// <summary>Modules both engines rejected.</summary>
    public int Rejected { get; set; }

    /// <summary>Functions defined by the modules (each compiled by both engines).</summary>
    public long FunctionsDefined { get; set; }

    /// <summary>Exported functions called in each engine.</summary>
    public long Calls { get; set; }

    /// <summary>Function entries plus loop iterations Weir executed (its fuel).</summary>
    public long FuelConsumed { get; set; }

    public long ModuleBytes { get; set; }

    /// <summary>How V8's calls ended: "return", or the outcome and message of the failure.</summary>
    public Dictionary<string, int> CallOutcomes { get; } = [];

    public int Same { get; set; }

    public Dictionary<string, int> Explained { get; } = [];

    public List<string> Differences { get; } = [];

    /// <summary>Seed and both engines' reasons for each module both rejected: binaryen should only make valid modules.</summary>
    public List<string> RejectedDetails { get; } = [];

    /// <summary>Seed and detail of each explained verdict, so a suspicious explanation can be checked.</summary>
    public List<string> ExplainedDetails { get; } = [];

    public Dictionary<string, int> ModulesPerProfile { get; } = [];

    public int V8Starts { get; set; }

    public TimeSpan Elapsed { get; set; }

    public string Summary()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"modules: {Modules} generated ({GenerationFailures} generation failures), {ModuleBytes / Math.Max(Modules, 1)} bytes on average");
        text.AppendLine(invariant, $"profiles: {string.Join(", ", ModulesPerProfile.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
        text.AppendLine(invariant, $"instantiated: {Instantiated}, instantiation failed alike: {InstantiationFailures}, rejected alike: {Rejected}");
        foreach (var rejected in RejectedDetails.Take(20))
        {
            text.AppendLine("  rejected " + rejected);
        }

        text.AppendLine(invariant, $"functions defined: {FunctionsDefined} ({(double)FunctionsDefined / Math.Max(Modules, 1):0.0} a module)");
        text.AppendLine(invariant, $"calls: {Calls} in each engine; Weir fuel (function entries + loop iterations): {FuelConsumed}");
        text.AppendLine(invariant, $"call outcomes (V8): {string.Join(", ", CallOutcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"))}");
        text.AppendLine(invariant, $"verdicts: {Same} same, {Explained.Values.Sum()} explained ({string.Join(", ", Explained.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}"))}), {Differences.Count} different");
        foreach (var explained in ExplainedDetails.Take(20))
        {
            text.AppendLine("  explained " + explained);
        }

        foreach (var difference in Differences)
        {
            text.AppendLine("  " + difference);
        }

        text.Append(invariant, $"elapsed: {Elapsed.TotalSeconds:0} s, node processes started: {V8Starts}");
        return text.ToString();
    }
}
