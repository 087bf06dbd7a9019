using Xunit.Abstractions;

namespace Weir.Wasm.Tests.Numerics.SpecSuite;

/// <summary>
/// Runs the official spec scripts' assertions on functions that are straight-line helper code,
/// calling the helpers directly; this checks their semantics ahead of (and apart from) the compiler.
/// </summary>
public sealed class HelperSpecScriptTests(ITestOutputHelper output)
{
    /// <summary>
    /// Each script with the number of its assertions known to be runnable here, so that a harness
    /// change quietly skipping more of them fails the test instead of passing on less evidence.
    /// </summary>
    public static TheoryData<string, int> Scripts() => new()
    {
        { "conversions", 567 },
        { "f32", 2500 },
        { "f32_bitwise", 360 },
        { "f32_cmp", 800 },
        { "f64", 2500 },
        { "f64_bitwise", 360 },
        { "f64_cmp", 800 },
        { "float_exprs", 536 },
        { "float_literals", 83 },
        { "float_misc", 440 },
        { "i32", 179 },
        { "i64", 189 },
        { "int_exprs", 77 },
        { "simd_address", 42 },
        { "simd_align", 8 },
        { "simd_bit_shift", 187 },
        { "simd_bitwise", 126 },
        { "simd_boolean", 163 },
        { "simd_const", 228 },
        { "simd_conversions", 232 },
        { "simd_f32x4", 772 },
        { "simd_f32x4_arith", 1803 },
        { "simd_f32x4_cmp", 2568 },
        { "simd_f32x4_pmin_pmax", 3872 },
        { "simd_f32x4_rounding", 176 },
        { "simd_f64x2", 793 },
        { "simd_f64x2_arith", 1806 },
        { "simd_f64x2_cmp", 2646 },
        { "simd_f64x2_pmin_pmax", 3872 },
        { "simd_f64x2_rounding", 176 },
        { "simd_i16x8_arith", 181 },
        { "simd_i16x8_arith2", 151 },
        { "simd_i16x8_cmp", 420 },
        { "simd_i16x8_extadd_pairwise_i8x16", 16 },
        { "simd_i16x8_extmul_i8x16", 104 },
        { "simd_i16x8_q15mulr_sat_s", 26 },
        { "simd_i16x8_sat_arith", 204 },
        { "simd_i32x4_arith", 181 },
        { "simd_i32x4_arith2", 121 },
        { "simd_i32x4_cmp", 420 },
        { "simd_i32x4_dot_i16x8", 26 },
        { "simd_i32x4_extadd_pairwise_i16x8", 16 },
        { "simd_i32x4_extmul_i16x8", 104 },
        { "simd_i32x4_trunc_sat_f32x4", 102 },
        { "simd_i32x4_trunc_sat_f64x2", 102 },
        { "simd_i64x2_arith", 187 },
        { "simd_i64x2_arith2", 21 },
        { "simd_i64x2_cmp", 102 },
        { "simd_i64x2_extmul_i32x4", 104 },
        { "simd_i8x16_arith", 121 },
        { "simd_i8x16_arith2", 184 },
        { "simd_i8x16_cmp", 400 },
        { "simd_i8x16_sat_arith", 188 },
        { "simd_int_to_int_extend", 228 },
        { "simd_lane", 266 },
        { "simd_load", 16 },
        { "simd_load_extend", 66 },
        { "simd_load_splat", 100 },
        { "simd_load_zero", 21 },
        { "simd_load16_lane", 32 },
        { "simd_load32_lane", 20 },
        { "simd_load64_lane", 12 },
        { "simd_load8_lane", 48 },
        { "simd_splat", 150 },
        { "simd_store", 8 },
        { "simd_store16_lane", 32 },
        { "simd_store32_lane", 20 },
        { "simd_store64_lane", 12 },
        { "simd_store8_lane", 48 },
        { "traps", 32 },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void SpecScript_RunnableAssertions_AllHold(string script, int minimumChecked)
    {
        var result = HelperScriptRunner.Run(TestSuiteDirectory.ScriptPath(script));
        output.WriteLine($"{script}: {result.Checked} checked, {result.Skipped} skipped, {result.Failures.Count} failed");
        foreach (var failure in result.Failures.Take(50))
        {
            output.WriteLine(failure);
        }

        result.Failures.Should().BeEmpty();
        result.Checked.Should().BeGreaterThanOrEqualTo(minimumChecked);
    }
}
