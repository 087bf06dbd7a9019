using Weir.Fuzz.Differential;
using Weir.Wasm.Model;
using Weir.Wasm.Tests.Decoding;

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

    [Fact]
    public void SimdMinimumWithANaNLane_StoredToMemory_IsACanonicalNaNOfEitherSign()
    {
        // Reduced from differential seed 2001274: (v128.store offset=35 (f64x2.min A B)) where both
        // lanes of A are quiet NaNs. V8 stores -NaN (0xfff8...), Weir +NaN (0x7ff8...); the spec
        // allows either sign of the canonical NaN, which is why SIMD modules are de-NaN'd now.
        byte[] nanLanes = [0x16, 0x67, 0x5D, 0xA9, 0xC5, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0xFF];
        byte[] numbers = [0x4C, 0x40, 0x80, 0x00, 0xD0, 0xFF, 0x00, 0x80, 0x87, 0xFF, 0x41, 0x00, 0xFF, 0xFF, 0x71, 0x3B];
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], []);
        builder.AddMemory(1, 1);
        builder.AddFunction(
            type,
            WasmBinaryBuilder.Concat(
                [0x41, 0x23], // i32.const 35
                [0xFD, 0x0C], nanLanes, // v128.const
                [0xFD, 0x0C], numbers, // v128.const
                [0xFD, 0xF4, 0x01], // f64x2.min
                [0xFD, 0x0B, 0x00, 0x00], // v128.store
                [0x0B]));
        builder.AddExport("store", ExternalKind.Function, 0).AddExport("memory", ExternalKind.Memory, 0);
        var engine = new Engine();
        var instance = new Linker(engine).Instantiate(new Store(engine), Module.FromBytes(engine, builder.Build()));

        instance.GetAction("store")!();

        var stored = instance.GetMemory("memory")!.Span.Slice(35, 16);
        foreach (var lane in new[] { BitConverter.ToUInt64(stored[..8]), BitConverter.ToUInt64(stored[8..]) })
        {
            (lane & 0x7FFF_FFFF_FFFF_FFFFUL).Should().Be(0x7FF8_0000_0000_0000UL, "min with a NaN operand is a canonical NaN");
        }
    }
}
