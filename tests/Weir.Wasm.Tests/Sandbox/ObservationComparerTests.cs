using Weir.Fuzz.Differential;

namespace Weir.Wasm.Tests.Sandbox;

/// <summary>
/// The differential fuzzer's rules for what counts as a difference: every explanation is narrow,
/// so that a Weir bug cannot hide behind it.
/// </summary>
public sealed class ObservationComparerTests
{
    [Fact]
    public void Compare_LogsDifferAfterWeirsHostCaughtAnExhaustedStack_IsExplainedByStackDepth()
    {
        var v8 = Instantiated(Call(["i32 1", "i32 2"]));
        var weir = Instantiated(Call(["i32 1", "i64 0"], caughtStackExhaustion: true));

        var verdict = ObservationComparer.Compare(v8, weir);

        verdict.Kind.Should().Be(VerdictKind.Explained);
        verdict.Signature.Should().Be("stack-exhausted");
    }

    [Fact]
    public void Compare_LogsDifferWithoutAnExhaustedStack_IsADifference()
    {
        var v8 = Instantiated(Call(["i32 1", "i32 2"]));
        var weir = Instantiated(Call(["i32 1", "i64 0"]));

        var verdict = ObservationComparer.Compare(v8, weir);

        verdict.Kind.Should().Be(VerdictKind.Different);
        verdict.Signature.Should().Be("logs");
    }

    [Fact]
    public void Compare_WeirFailsUnexpectedlyAfterACaughtExhaustedStack_IsStillADifference()
    {
        var v8 = Instantiated(Call([]));
        var weir = Instantiated(new CallObservation { Outcome = CallOutcome.Other, Message = "InvalidProgramException", CaughtStackExhaustion = true });

        var verdict = ObservationComparer.Compare(v8, weir);

        verdict.Kind.Should().Be(VerdictKind.Different);
        verdict.Signature.Should().Be("weir-unexpected-exception");
    }

    [Fact]
    public void Compare_WeirRanOutOfFuelOnACallV8Finished_IsADifference()
    {
        var v8 = Instantiated(Call([]));
        var weir = Instantiated(new CallObservation { Outcome = CallOutcome.Limit, Code = nameof(TrapCode.OutOfFuel), Message = "out of fuel" });

        var verdict = ObservationComparer.Compare(v8, weir);

        verdict.Kind.Should().Be(VerdictKind.Different);
        verdict.Signature.Should().Be("weir-limit");
    }

    [Fact]
    public void Compare_V8TimedOutAndWeirHitItsDeadline_IsExplainedAsAModuleWithoutEnd()
    {
        var v8 = new ModuleObservation { Phase = ObservationPhase.Timeout, Message = "V8 did not finish within 60 s" };
        var weir = Instantiated(new CallObservation { Outcome = CallOutcome.Limit, Code = nameof(TrapCode.Deadline), Message = "deadline exceeded" });

        var verdict = ObservationComparer.Compare(v8, weir);

        verdict.Kind.Should().Be(VerdictKind.Explained);
        verdict.Signature.Should().Be("no-end");
    }

    [Fact]
    public void Compare_V8TimedOutWhereWeirFinishedEveryCall_IsADifference()
    {
        var v8 = new ModuleObservation { Phase = ObservationPhase.Timeout, Message = "V8 did not finish within 60 s" };
        var weir = Instantiated(Call([]));

        var verdict = ObservationComparer.Compare(v8, weir);

        verdict.Kind.Should().Be(VerdictKind.Different);
        verdict.Signature.Should().Be("v8-timeout");
    }

    [Fact]
    public void Compare_SameTrapWordedByV8AndCodedByWeir_IsTheSame()
    {
        var v8 = Instantiated(new CallObservation { Outcome = CallOutcome.Trap, Message = "RuntimeError: divide by zero" });
        var weir = Instantiated(new CallObservation { Outcome = CallOutcome.Trap, Code = nameof(TrapCode.IntegerDivideByZero), Message = "integer divide by zero" });

        ObservationComparer.Compare(v8, weir).Kind.Should().Be(VerdictKind.Same);
    }

    private static CallObservation Call(List<string> logs, bool caughtStackExhaustion = false) =>
        new() { Outcome = CallOutcome.Return, Values = [], Logs = logs, CaughtStackExhaustion = caughtStackExhaustion };

    private static ModuleObservation Instantiated(CallObservation call) =>
        new() { Phase = ObservationPhase.Instantiated, Calls = [call] };
}
