using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Weir.Fuzz.Tools;

namespace Weir.Fuzz.Differential;

/// <summary>
/// Generates modules with binaryen and runs each under V8 and Weir with the same call plan. The
/// three steps overlap: binaryen generates the next module and node runs this one while Weir runs
/// it in this process. Every unexplained difference is saved (module and both observations) and,
/// on request, reduced.
/// </summary>
internal sealed class DifferentialCampaign
{
    private readonly DifferentialOptions _options;
    private readonly TextWriter _progress;

    public DifferentialCampaign(DifferentialOptions options, TextWriter progress)
    {
        _options = options;
        _progress = progress;
    }

    public string FindingsDirectory => Path.Combine(_options.OutputDirectory, "findings");

    /// <summary>Where modules with an explained difference go, so each explanation can be checked by hand.</summary>
    public string ExplainedDirectory => Path.Combine(_options.OutputDirectory, "explained");

    public DifferentialReport Run()
    {
        var report = new DifferentialReport();
        var stopwatch = Stopwatch.StartNew();
        var generator = new ModuleGenerator(Path.Combine(_options.OutputDirectory, "modules"));
        generator.RequireTools(_options.Profile is { } profile ? [profile] : FeatureProfile.Rotation);
        var weir = new WeirExecutor(_options.Budget);
        using var v8 = new V8Executor(_options.Budget.V8Watchdog);
        var index = 0;
        var pending = Generate(generator, index);
        while (_options.Modules is { } count ? index < count : stopwatch.Elapsed < (_options.Duration ?? TimeSpan.Zero))
        {
            var generated = pending.GetAwaiter().GetResult();
            index++;
            pending = Generate(generator, index);
            report.Modules++;
            if (generated is null)
            {
                report.GenerationFailures++;
                continue;
            }

            report.ModulesPerProfile[generated.Profile.Name] = report.ModulesPerProfile.GetValueOrDefault(generated.Profile.Name) + 1;
            var verdict = RunOne(generated, weir, v8, report);
            if (verdict.Kind != VerdictKind.Different)
            {
                File.Delete(generated.Path);
            }

            if (report.Modules % 100 == 0)
            {
                _progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{stopwatch.Elapsed:hh\\:mm\\:ss}] {report.Modules} modules, {weir.CallsMade} calls, {report.Differences.Count} different"));
            }
        }

        // The last prefetched module is not part of the campaign.
        if (pending.GetAwaiter().GetResult() is { } unused)
        {
            File.Delete(unused.Path);
        }

        report.FuelConsumed = weir.FuelConsumed;
        report.Calls = weir.CallsMade;
        report.V8Starts = v8.Starts;
        report.Elapsed = stopwatch.Elapsed;
        return report;
    }

    /// <summary>Runs one module in both engines and compares them.</summary>
    public static (Verdict Verdict, FindingRecord Record) Check(byte[] binary, string path, long seed, WeirExecutor weir, V8Executor v8)
    {
        var definition = WeirExecutor.TryDecode(binary);
        var plan = definition is null ? CallPlan.Empty : CallPlanner.Plan(definition, new Random(unchecked((int)seed)));
        var v8Run = v8.RunAsync(path, plan);
        var weirObservation = weir.Run(binary, plan);
        var v8Observation = v8Run.GetAwaiter().GetResult();
        var verdict = ObservationComparer.Compare(v8Observation, weirObservation);
        var record = new FindingRecord { Seed = seed, Verdict = verdict.ToString(), Plan = plan, V8 = v8Observation, Weir = weirObservation };
        return (verdict, record);
    }

    private Verdict RunOne(GeneratedModule generated, WeirExecutor weir, V8Executor v8, DifferentialReport report)
    {
        var binary = generated.ReadBytes();
        report.ModuleBytes += binary.Length;
        var (verdict, record) = Check(binary, generated.Path, generated.Seed, weir, v8);
        record.Profile = generated.Profile.Name;
        report.FunctionsDefined += record.Plan.Shape.DefinedFunctions;
        switch (record.V8.Phase)
        {
            case ObservationPhase.Instantiated:
                report.Instantiated++;
                break;
            case ObservationPhase.InstantiateFailure:
                report.InstantiationFailures++;
                break;
            case ObservationPhase.CompileError:
                report.Rejected++;
                report.RejectedDetails.Add($"seed {generated.Seed} ({generated.Profile.Name}): V8: {record.V8.Message}; Weir: {record.Weir?.Message}");
                break;
        }

        foreach (var call in record.V8.Calls)
        {
            var outcome = call.Outcome == CallOutcome.Return ? call.Outcome : $"{call.Outcome} '{call.Message}'";
            report.CallOutcomes[outcome] = report.CallOutcomes.GetValueOrDefault(outcome) + 1;
        }

        switch (verdict.Kind)
        {
            case VerdictKind.Same:
                report.Same++;
                break;
            case VerdictKind.Explained:
                report.Explained[verdict.Signature] = report.Explained.GetValueOrDefault(verdict.Signature) + 1;
                Save(ExplainedDirectory, generated, binary, record);
                report.ExplainedDetails.Add($"seed {generated.Seed} ({generated.Profile.Name}): {verdict.Signature}: {verdict.Detail}");
                break;
            default:
                var saved = Save(FindingsDirectory, generated, binary, record);
                report.Differences.Add($"{saved}: {verdict}");
                _progress.WriteLine($"DIFFERENT {saved} ({generated.Profile.Name}): {verdict}");
                if (_options.Reduce)
                {
                    var reduced = Reducer.Reduce(saved, generated.Seed, generated.Profile, _progress);
                    _progress.WriteLine(reduced is null ? "  reduction failed" : $"  reduced to {reduced}");
                }

                break;
        }

        return verdict;
    }

    private static string Save(string directory, GeneratedModule generated, byte[] binary, FindingRecord record)
    {
        Directory.CreateDirectory(directory);
        var name = generated.Seed.ToString(CultureInfo.InvariantCulture);
        var path = Path.Combine(directory, name + ".wasm");
        File.WriteAllBytes(path, binary);
        File.WriteAllText(Path.Combine(directory, name + ".json"), JsonSerializer.Serialize(record, FuzzJson.Indented));
        return path;
    }

    private Task<GeneratedModule?> Generate(ModuleGenerator generator, int index)
    {
        var rotation = FeatureProfile.Rotation;
        var profile = _options.Profile ?? rotation[index % rotation.Count];
        var seed = _options.Seed + index;
        return Task.Run(() => generator.Generate(seed, profile));
    }
}
