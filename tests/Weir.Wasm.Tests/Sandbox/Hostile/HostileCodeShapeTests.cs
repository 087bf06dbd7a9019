using Weir.Wasm.Model;
using Weir.Wasm.Tests.Decoding;
using static Weir.Wasm.Tests.Decoding.WasmBinaryBuilder;

namespace Weir.Wasm.Tests.Sandbox.Hostile;

/// <summary>Guests whose code is shaped to hurt the compiler: many functions, many locals, deep nesting, deep operand stacks.</summary>
[Collection(HostileGuestCollection.Name)]
public sealed class HostileCodeShapeTests : IDisposable
{
    private const int LocalsLimit = 50_000;
    private static readonly TimeSpan HardLimit = TimeSpan.FromSeconds(120);

    /// <summary>A 16 MiB thread of which the guest may use 8 MiB, for guests with very large frames.</summary>
    private const int LargeStack = 16 << 20;

    private static readonly StoreLimits LargeStackLimits = new() { MaxStackBytes = 8 << 20 };

    public HostileCodeShapeTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        GuestRun.Output = output;
    }

    [Fact]
    public void TenThousandFunctions_EachCalledThroughATable_AllCompileAndRunBeforeTheDeadline()
    {
        const int count = 10_000;
        var builder = new WasmBinaryBuilder();
        var answer = builder.AddType([], [ValueKind.I32]);
        for (var i = 0; i < count; i++)
        {
            builder.AddFunction(answer, Concat(I32Const(i), [0x0B]));
        }

        // sum: (loop acc += call_indirect(i); i++; br_if i < count) acc
        builder.AddFunction(
            answer,
            Concat(
                [0x03, 0x40, 0x20, 0x01, 0x20, 0x00, 0x11, (byte)answer, 0x00, 0x6A, 0x21, 0x01],
                [0x20, 0x00], I32Const(1), [0x6A, 0x22, 0x00], I32Const(count), [0x49, 0x0D, 0x00, 0x0B],
                [0x20, 0x01, 0x0B]),
            ValueKind.I32,
            ValueKind.I32);
        builder.AddTable(ValueKind.FuncRef, count);
        builder.AddElement(Concat([0x00], I32Const(0), [0x0B], Vector(Enumerable.Range(0, count).Select(i => Leb((uint)i)))));
        builder.AddExport("sum", ExternalKind.Function, count);
        var binary = builder.Build();

        var outcome = GuestRun.Run(
            () =>
            {
                var (instance, store) = HostileModules.Instantiate(binary);
                store.SetDeadline(TimeSpan.FromSeconds(90));
                return instance.GetFunction<int>("sum")!();
            },
            HardLimit);

        outcome.Value.Should().Be(count * (count - 1) / 2);
        outcome.PeakGrowthBytes.Should().BeLessThan(GuestRun.FixedOverheadBytes * 2, "10,000 small methods compile in well under 400 MB");
    }

    [Fact]
    public void FiftyThousandLocals_OnALargeStack_RunsAndReturns()
    {
        var binary = ManyLocalsModule(LocalsLimit - 1);

        var outcome = GuestRun.Run(() => HostileModules.Instantiate(binary, LargeStackLimits).Instance.GetFunction<int, long>("run")!(77), HardLimit, LargeStack);

        outcome.Value.Should().Be(77);
    }

    [Fact]
    public void FiftyThousandLocals_OnAThreadPoolSizedStack_EndsInAResultOrStackExhaustion()
    {
        var binary = ManyLocalsModule(LocalsLimit - 1);

        var outcome = GuestRun.Run(() => HostileModules.Instantiate(binary).Instance.GetFunction<int, long>("run")!(77), HardLimit);

        if (outcome.Failure is null)
        {
            outcome.Value.Should().Be(77);
        }
        else
        {
            outcome.Trap.Code.Should().Be(TrapCode.StackExhausted, "its 400 KB frame may not fit beside the host's reserve");
        }
    }

    [Fact]
    public void FiftyThousandAndOneLocals_AreRefusedAsMalformed()
    {
        var binary = ManyLocalsModule(LocalsLimit);

        var failure = Assert.Throws<WasmMalformedException>(() => Module.FromBytes(new Engine(), binary));

        failure.Message.Should().Contain("too many locals");
    }

    [Theory]
    [InlineData(0x02, false)] // block
    [InlineData(0x02, true)] // block (result i32)
    [InlineData(0x04, false)] // if
    public void HundredThousandNestedBlocks_CompileAndRun(byte opcode, bool withResult)
    {
        const int depth = 100_000;
        var open = opcode == 0x04 ? Concat(I32Const(1), [0x04, withResult ? (byte)0x7F : (byte)0x40]) : [opcode, withResult ? (byte)0x7F : (byte)0x40];
        var code = withResult
            ? Concat(Repeat(open, depth), I32Const(7), Repeat([0x0B], depth), [0x0B])
            : Concat(Repeat(open, depth), Repeat([0x0B], depth), I32Const(7), [0x0B]);
        var binary = WasmBinaryBuilder.SingleFunction(code, results: [ValueKind.I32]);
        binary = WithExport(binary);

        var outcome = GuestRun.Run(() => HostileModules.Instantiate(binary).Instance.GetFunction<int>("run")!(), HardLimit);

        outcome.Value.Should().Be(7);
        outcome.PeakGrowthBytes.Should().BeLessThan(GuestRun.FixedOverheadBytes * 3, "compiling 100,000 nested blocks stays within a few hundred MB");
    }

    [Theory]
    [InlineData(60_000, true)]
    [InlineData(100_000, false)]
    public void DeepOperandStack_WithinOrBeyondTheImplementationLimit_RunsOrIsRefusedCleanly(int depth, bool fits)
    {
        // depth × (i32.const 1), then depth-1 × i32.add: valid at any depth.
        var code = Concat(Repeat(I32Const(1), depth), Repeat([0x6A], depth - 1), [0x0B]);
        var binary = WithExport(WasmBinaryBuilder.SingleFunction(code, results: [ValueKind.I32]));

        // The frame bound Weir keeps free below the stack limit grows with the operand stack (see
        // FunctionCompiler.FrameBoundBytes), so this needs a large stack.
        var outcome = GuestRun.Run(() => HostileModules.Instantiate(binary, LargeStackLimits).Instance.GetFunction<int>("run")!(), HardLimit, LargeStack);

        if (fits)
        {
            outcome.Value.Should().Be(depth);
        }
        else
        {
            outcome.Failure.Should().BeOfType<WasmValidationException>().Which.Message.Should().Contain("implementation limit");
        }
    }

    [Fact]
    public void ManyLocalsAndSpilledOperands_BeyondILLimits_AreRefusedCleanly()
    {
        // 49,999 locals, then 20,000 operands spilled into slots at a block: more than IL's 65,535 locals.
        var code = Concat(Repeat(I32Const(1), 20_000), [0x02, 0x40, 0x0B], Repeat([0x1A], 20_000), I32Const(7), [0x0B]);
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([], [ValueKind.I32]);
        builder.AddFunction(type, code, Enumerable.Repeat(ValueKind.I64, LocalsLimit - 1).ToArray());
        builder.AddExport("run", ExternalKind.Function, 0);

        var failure = Assert.Throws<WasmValidationException>(() => Module.FromBytes(new Engine(), builder.Build()));

        failure.Message.Should().Contain("implementation limit");
    }

    [Fact]
    public void ThousandParametersAndResults_AreAcceptedAndMoreAreRefused()
    {
        var fits = new WasmBinaryBuilder();
        fits.AddType(Enumerable.Repeat(ValueKind.I32, 1000).ToArray(), Enumerable.Repeat(ValueKind.I64, 1000).ToArray());
        var tooMany = new WasmBinaryBuilder();
        tooMany.AddType(Enumerable.Repeat(ValueKind.I32, 1001).ToArray(), []);

        Module.FromBytes(new Engine(), fits.Build()).Definition.Types.Should().ContainSingle();
        Assert.Throws<WasmMalformedException>(() => Module.FromBytes(new Engine(), tooMany.Build())).Message.Should().Contain("too many parameters");
    }

    public void Dispose()
    {
        GuestRun.Output = null;
        HostileModules.AssertProcessHealthy();
    }

    /// <summary>run(i32) -> i64 with <paramref name="locals"/> i64 locals: stores the argument in the last local and returns it.</summary>
    private static byte[] ManyLocalsModule(int locals)
    {
        var last = Leb((uint)locals);
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([ValueKind.I32], [ValueKind.I64]);
        builder.AddFunction(
            type,
            Concat([0x20, 0x00, 0xAD, 0x21], last, [0x20], last, [0x20, 0x01, 0x7C, 0x0B]),
            Enumerable.Repeat(ValueKind.I64, locals).ToArray());
        builder.AddExport("run", ExternalKind.Function, 0);
        return builder.Build();
    }

    private static byte[] WithExport(byte[] singleFunction)
    {
        // SingleFunction builds no export section; rebuild with one naming function 0 "run".
        var builder = new WasmBinaryBuilder();
        var definition = Module.Validate(singleFunction);
        var type = builder.AddType([.. definition.Types[0].Parameters], [.. definition.Types[0].Results]);
        var body = definition.Binary.Span.Slice(definition.Bodies[0].CodeOffset, definition.Bodies[0].CodeLength).ToArray();
        builder.AddFunction(type, body);
        builder.AddExport("run", ExternalKind.Function, 0);
        return builder.Build();
    }

    private static byte[] Repeat(byte[] piece, int times)
    {
        var result = new byte[piece.Length * times];
        for (var i = 0; i < times; i++)
        {
            piece.CopyTo(result, i * piece.Length);
        }

        return result;
    }
}
