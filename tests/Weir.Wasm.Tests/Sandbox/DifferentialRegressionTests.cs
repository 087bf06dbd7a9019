using Weir.Fuzz.Differential;

namespace Weir.Wasm.Tests.Sandbox;

/// <summary>
/// Modules on which the differential fuzzer once found Weir and V8 to differ, reduced, each with the
/// call plan and what V8 did (recorded by <c>weir-fuzz check --record</c>). Weir must now do the same.
/// </summary>
public sealed class DifferentialRegressionTests
{
    public static TheoryData<string> Names => SandboxFixtures.DifferentialNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void FuzzFinding_RunUnderWeir_MatchesWhatV8Did(string name)
    {
        var (binary, record) = SandboxFixtures.ReadDifferential(name);

        var observation = new WeirExecutor().Run(binary, record.Plan);

        var verdict = ObservationComparer.Compare(record.V8, observation);
        verdict.Kind.Should().Be(VerdictKind.Same, $"{record.Note} — {verdict.Detail}");
    }
}
