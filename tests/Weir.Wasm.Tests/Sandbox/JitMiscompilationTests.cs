using Weir.Wasm.Model;
using Weir.Wasm.Tests.Decoding;
using static Weir.Wasm.Tests.Decoding.WasmBinaryBuilder;

namespace Weir.Wasm.Tests.Sandbox;

/// <summary>
/// Patterns the .NET 10 x64 JIT miscompiled, found by the differential fuzzer: Weir's helpers are
/// written so that RyuJIT cannot take the broken path (see ScalarOps). The rotate cases reproduce
/// only when Weir.Wasm is optimized (Release): RyuJIT does not inline helpers from a Debug build.
/// </summary>
public sealed class JitMiscompilationTests
{
    [Theory]
    [InlineData(0x78, false)] // i32.rotr
    [InlineData(0x77, false)] // i32.rotl
    [InlineData(0x8A, true)] // i64.rotr
    [InlineData(0x89, true)] // i64.rotl
    public void RotateByConstant_AsIfCondition_BranchesOnTheRotatedValue(byte rotate, bool wide)
    {
        // (if (result i32) (rot (local.get 0) (const 1)) (then 1) (else 2)), plus the same through i32.eqz.
        byte[] load = wide ? [0x20, 0x00, 0xAD, 0x42, 0x01] : [0x20, 0x00, 0x41, 0x01]; // local.get 0 (i64.extend_i32_u) const 1
        byte[] test = wide ? [rotate, 0x50] : [rotate, 0x45]; // rot, eqz
        var direct = Concat(load, wide ? [rotate, 0xA7] : [rotate], [0x04, 0x7F, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0B, 0x0B]); // (i32.wrap_i64) if
        var negated = Concat(load, test, [0x04, 0x7F, 0x41, 0x03, 0x05, 0x41, 0x04, 0x0B, 0x0B]);
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([ValueKind.I32], [ValueKind.I32]);
        builder.AddFunction(type, direct);
        builder.AddFunction(type, negated);
        builder.AddExport("direct", ExternalKind.Function, 0).AddExport("negated", ExternalKind.Function, 1);
        var instance = Instantiate(builder.Build());
        var directCall = instance.GetFunction<int, int>("direct")!;
        var negatedCall = instance.GetFunction<int, int>("negated")!;

        for (var i = 0; i < 3; i++)
        {
            directCall(0).Should().Be(2, "rotating 0 gives 0, which is false");
            directCall(2).Should().Be(1);
            negatedCall(0).Should().Be(3, "i32.eqz of a rotated 0 is true");
            negatedCall(2).Should().Be(4);
        }
    }

    [Theory]
    [InlineData(0x2D, 65535, 65532)] // i32.load8_u at the last byte, and three bytes before it
    [InlineData(0x2C, 65535, 65532)] // i32.load8_s
    [InlineData(0x2F, 65534, 65532)] // i32.load16_u at the last two bytes, and two bytes before them
    [InlineData(0x2E, 65534, 65532)] // i32.load16_s
    public void ReinterpretOfNarrowLoad_AtTheEndOfMemory_ReadsOnlyTheCheckedBytes(byte load, int address, int before)
    {
        // (f32.reinterpret_i32 (load (local.get 0))) on a one-page memory that cannot grow: a load
        // widened to four bytes would read past the end of linear memory.
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([ValueKind.I32], [ValueKind.F32]);
        builder.AddMemory(1, 1);
        builder.AddFunction(type, [0x20, 0x00, load, 0x00, 0x00, 0xBE, 0x0B]);
        builder.AddExport("load", ExternalKind.Function, 0).AddExport("memory", ExternalKind.Memory, 0);
        var instance = Instantiate(builder.Build());
        var memory = instance.GetMemory("memory")!;
        memory.Span[address] = 0x01;
        var call = instance.GetFunction<int, float>("load")!;

        for (var i = 0; i < 3; i++)
        {
            BitConverter.SingleToInt32Bits(call(address)).Should().Be(1);
            BitConverter.SingleToInt32Bits(call(before)).Should().Be(0, "the bytes after the loaded ones are not part of the value");
        }
    }

    private static Instance Instantiate(byte[] binary)
    {
        var engine = new Engine();
        return new Linker(engine).Instantiate(new Store(engine), Module.FromBytes(engine, binary));
    }
}
