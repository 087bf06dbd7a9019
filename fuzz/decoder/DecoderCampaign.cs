using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Weir.Fuzz.Tools;

namespace Weir.Fuzz.Decoder;

/// <summary>
/// Mutates seed modules and feeds each mutant to <see cref="DecoderProbe"/> on a worker thread,
/// watched from this one: an unexpected exception, an input over the time or allocation allowance,
/// or a hang (after which the stuck worker is abandoned and the campaign stops) is a finding.
/// </summary>
internal sealed class DecoderCampaign
{
    private readonly DecoderOptions _options;
    private readonly TextWriter _progress;

    public DecoderCampaign(DecoderOptions options, TextWriter progress)
    {
        _options = options;
        _progress = progress;
    }

    /// <summary>Seeds at least this large (modules with real functions) are picked half the time; most of the suite's modules are a few dozen bytes.</summary>
    private const int LargeSeedBytes = 200;

    /// <summary>Makes input <paramref name="index"/> of a campaign with these options.</summary>
    public static byte[] MakeInput(DecoderOptions options, Mutator mutator, IReadOnlyList<byte[]> largeSeeds, int index, List<MutationKind> applied)
    {
        var random = new Random(unchecked((int)(options.Seed + index)));
        var pool = largeSeeds.Count > 0 && random.Next(2) == 0 ? largeSeeds : options.Corpus;
        var seed = pool[random.Next(pool.Count)];
        return mutator.Mutate(seed, random, applied);
    }

    /// <summary>The corpus's seeds of at least <see cref="LargeSeedBytes"/>.</summary>
    public static IReadOnlyList<byte[]> LargeSeeds(DecoderOptions options) => [.. options.Corpus.Where(seed => seed.Length >= LargeSeedBytes)];

    public DecoderReport Run()
    {
        var report = new DecoderReport();
        var stopwatch = Stopwatch.StartNew();
        var mutator = new Mutator(_options.Corpus);
        var largeSeeds = LargeSeeds(_options);
        using var requests = new BlockingCollection<byte[]>(1);
        using var answers = new BlockingCollection<(ProbeOutcome Outcome, long Allocated, TimeSpan Time)>(1);
        var worker = new Thread(() => Work(requests, answers)) { IsBackground = true, Name = "decoder-fuzz" };
        worker.Start();
        var index = 0;
        while (_options.Inputs is { } count ? index < count : stopwatch.Elapsed < (_options.Duration ?? TimeSpan.Zero))
        {
            var applied = new List<MutationKind>();
            var input = MakeInput(_options, mutator, largeSeeds, index, applied);
            index++;
            report.Inputs++;
            report.InputBytes += input.Length;
            foreach (var kind in applied)
            {
                report.Mutations[kind] = report.Mutations.GetValueOrDefault(kind) + 1;
            }

            requests.Add(input);
            if (!answers.TryTake(out var answer, _options.HangTimeout))
            {
                report.Hung = true;
                report.Findings.Add(Save(index - 1, input, $"hang: still running after {_options.HangTimeout.TotalSeconds:0} s"));
                break;
            }

            Record(report, index - 1, input, answer.Outcome, answer.Allocated, answer.Time);
            if (report.Inputs % 10_000 == 0)
            {
                _progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{stopwatch.Elapsed:hh\\:mm\\:ss}] {report.Inputs} inputs, {report.Findings.Count} findings"));
            }
        }

        if (!report.Hung)
        {
            requests.CompleteAdding();
            worker.Join();
        }

        report.PeakResidentBytes = ProcessMemory.PeakResidentBytes();
        report.Elapsed = stopwatch.Elapsed;
        return report;
    }

    private static void Work(BlockingCollection<byte[]> requests, BlockingCollection<(ProbeOutcome, long, TimeSpan)> answers)
    {
        var probe = new DecoderProbe();
        foreach (var input in requests.GetConsumingEnumerable())
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            var outcome = probe.Run(input);
            var time = Stopwatch.GetElapsedTime(started);
            answers.Add((outcome, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, time));
        }
    }

    private void Record(DecoderReport report, int index, byte[] input, ProbeOutcome outcome, long allocated, TimeSpan time)
    {
        report.Results[outcome.Result] = report.Results.GetValueOrDefault(outcome.Result) + 1;
        report.Calls += outcome.Calls;
        report.Traps += outcome.Traps;
        report.SlowestInput = time > report.SlowestInput ? time : report.SlowestInput;
        report.LargestAllocation = Math.Max(report.LargestAllocation, allocated);
        if (outcome.Result == ProbeResult.Unexpected)
        {
            report.Findings.Add(Save(index, input, $"unexpected exception during {outcome.Stage}: {outcome.Exception}"));
        }
        else if (time > _options.SlowInput)
        {
            report.Findings.Add(Save(index, input, $"slow: {time.TotalMilliseconds:0} ms ({outcome.Result})"));
        }
        else if (allocated > _options.AllocationAllowance + ((long)_options.AllocationPerInputByte * input.Length))
        {
            report.Findings.Add(Save(index, input, $"greedy: allocated {allocated >> 20} MiB for {input.Length} bytes ({outcome.Result})"));
        }
    }

    private string Save(int index, byte[] input, string description)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"input-{_options.Seed + index}");
        _progress.WriteLine($"FINDING {name}: {description}");
        if (_options.FindingsDirectory is null)
        {
            return $"{name}: {description}";
        }

        Directory.CreateDirectory(_options.FindingsDirectory);
        var path = Path.Combine(_options.FindingsDirectory, name + ".wasm");
        File.WriteAllBytes(path, input);
        File.WriteAllText(Path.ChangeExtension(path, ".txt"), description);
        return $"{path}: {description.Split('\n')[0]}";
    }
}
