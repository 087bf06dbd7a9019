namespace Weir.Wasm.Tests.Runtime;

public sealed class TrapTests
{
    private readonly Instance _instance = Fixtures.Instantiate("traps").Instance;

    private WasmTrapException Trap(Action action) => Assert.Throws<WasmTrapException>(action);

    [Fact]
    public void Unreachable_Executed_TrapsWithUnreachableAndNamedFrame()
    {
        var trap = Trap(() => _instance.GetAction("unreachable")!());

        trap.Code.Should().Be(TrapCode.Unreachable);
        trap.Message.Should().Be("unreachable");
        trap.WasmStackTrace.Should().NotBeEmpty();
        trap.FormatWithWasmStackTrace().Should().Contain("unreachable");
    }

    [Theory]
    [InlineData(65533)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void Load_OutsideMemory_TrapsWithMemoryOutOfBounds(int address)
    {
        var load = _instance.GetFunction<int, int>("load")!;

        Trap(() => load(address)).Code.Should().Be(TrapCode.MemoryOutOfBounds);
    }

    [Fact]
    public void Load_LastWordOfMemory_Succeeds()
    {
        _instance.GetAction<int, int>("store")!(65532, 0x12345678);

        _instance.GetFunction<int, int>("load")!(65532).Should().Be(0x12345678);
    }

    [Fact]
    public void CallIndirect_SlotPastTable_TrapsWithTableOutOfBounds()
    {
        Trap(() => _instance.GetFunction<int, int, int>("call_indirect")!(4, 1)).Code.Should().Be(TrapCode.TableOutOfBounds);
    }

    [Fact]
    public void CallIndirect_EmptySlot_TrapsWithIndirectCallToNull()
    {
        Trap(() => _instance.GetFunction<int, int, int>("call_indirect")!(2, 1)).Code.Should().Be(TrapCode.IndirectCallToNull);
    }

    [Fact]
    public void CallIndirect_WrongSignature_TrapsWithSignatureMismatch()
    {
        Trap(() => _instance.GetFunction<int, int, int>("call_indirect")!(1, 1)).Code.Should().Be(TrapCode.SignatureMismatch);
    }

    [Fact]
    public void CallIndirect_MatchingSignature_CallsTheFunction()
    {
        _instance.GetFunction<int, int, int>("call_indirect")!(0, 42).Should().Be(42);
    }

    [Fact]
    public void DivS_MinimumByMinusOne_TrapsWithIntegerOverflow()
    {
        Trap(() => _instance.GetFunction<int, int, int>("div_s")!(int.MinValue, -1)).Code.Should().Be(TrapCode.IntegerOverflow);
    }

    [Fact]
    public void RemU_ByZero_TrapsWithIntegerDivideByZero()
    {
        Trap(() => _instance.GetFunction<long, long, long>("rem_u")!(7, 0)).Code.Should().Be(TrapCode.IntegerDivideByZero);
    }

    [Fact]
    public void Trunc_NaN_TrapsWithInvalidConversion()
    {
        Trap(() => _instance.GetFunction<double, int>("trunc")!(double.NaN)).Code.Should().Be(TrapCode.InvalidConversionToInteger);
    }

    [Theory]
    [InlineData(2147483648.0)]
    [InlineData(-2147483649.0)]
    [InlineData(double.PositiveInfinity)]
    public void Trunc_OutOfRange_TrapsWithIntegerOverflowAsTheSpecSays(double value)
    {
        Trap(() => _instance.GetFunction<double, int>("trunc")!(value)).Code.Should().Be(TrapCode.IntegerOverflow);
    }

    [Fact]
    public void Recursion_Unbounded_TrapsWithStackExhaustedAndHostSurvives()
    {
        var recurse = _instance.GetFunction<int, int>("recurse")!;

        Trap(() => recurse(0)).Code.Should().Be(TrapCode.StackExhausted);
        Trap(() => recurse(0)).Code.Should().Be(TrapCode.StackExhausted);
        _instance.GetFunction<int, int>("count")!(10).Should().Be(10);
    }

    [Fact]
    public void Recursion_WithManyLocals_TrapsWithStackExhausted()
    {
        Trap(() => _instance.GetFunction<int, long>("recurse_with_locals")!(0)).Code.Should().Be(TrapCode.StackExhausted);
    }

    [Fact]
    public void Recursion_OnSmallThreadStack_TrapsInsteadOfOverflowing()
    {
        WasmTrapException? trap = null;
        var thread = new Thread(() => trap = Assert.Throws<WasmTrapException>(() => _instance.GetFunction<int, int>("recurse")!(0)), maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        trap!.Code.Should().Be(TrapCode.StackExhausted);
    }
}
