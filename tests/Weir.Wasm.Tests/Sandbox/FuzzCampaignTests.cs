using Weir.Fuzz.Decoder;
using Weir.Fuzz.Differential;
using Weir.Wasm.Tests.SpecTests;

namespace Weir.Wasm.Tests.Sandbox;

/// <summary>
/// Small fixed campaigns of both fuzzers, so every test run compares Weir with V8 on fresh modules
/// and throws damaged binaries at the decoder. The long campaigns are run by <c>fuzz/run</c>.
/// </summary>
public sealed class FuzzCampaignTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "weir-fuzz-" + Guid.NewGuid().ToString("N"));

    [FuzzToolsFact(newerBinaryen: true)]
    public void DifferentialCampaign_ThirtyModules_WeirAndV8AgreeOnEveryOne()
    {
        var options = new DifferentialOptions { Modules = 30, Seed = 20_240_000, OutputDirectory = _directory };

        var report = new DifferentialCampaign(options, TextWriter.Null).Run();

        report.Differences.Should().BeEmpty();
        report.GenerationFailures.Should().Be(0);
        report.Instantiated.Should().BeGreaterThan(20, "binaryen's modules are valid and instantiate");
        report.Calls.Should().BeGreaterThan(100);
    }

    [FuzzToolsFact(newerBinaryen: true)]
    public void DifferentialCampaign_EightReferenceTypesModules_WeirAndV8AgreeOnEveryOne()
    {
        var options = new DifferentialOptions { Modules = 8, Seed = 31_000, Profile = FeatureProfile.ReferenceTypes, OutputDirectory = _directory };

        var report = new DifferentialCampaign(options, TextWriter.Null).Run();

        report.Differences.Should().BeEmpty();
        report.GenerationFailures.Should().Be(0);
        report.Instantiated.Should().BeGreaterThan(4);
    }

    [SpecSuiteFact]
    public void DecoderCampaign_TwoThousandMutants_FailOnlyWithDocumentedExceptions()
    {
        var options = new DecoderOptions
        {
            Inputs = 2_000,
            Seed = 77,
            Corpus = SeedCorpus.Load(SpecSuiteLocation.Find() ?? throw new Xunit.Sdk.XunitException(SpecSuiteLocation.MissingReason)),
            FindingsDirectory = _directory,
        };

        var report = new DecoderCampaign(options, TextWriter.Null).Run();

        report.Findings.Should().BeEmpty();
        report.Results.GetValueOrDefault(ProbeResult.Malformed).Should().BeGreaterThan(0);
        report.Results.GetValueOrDefault(ProbeResult.Ran).Should().BeGreaterThan(0, "some mutants still validate and run");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
