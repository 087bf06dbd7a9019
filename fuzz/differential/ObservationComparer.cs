using System.Globalization;

namespace Weir.Fuzz.Differential;

/// <summary>
/// Compares what V8 and Weir showed for one module. Differences the semantics allow are accepted:
/// NaN payloads (values already say only "nan", and --denan keeps NaNs out of memory), how
/// deep the stack goes (an exhausted stack on either side, even one a host caught, ends the
/// comparison as explained), and
/// modules that never end (V8's watchdog fired and Weir's fuel or deadline stopped it too).
/// Everything else is a difference, including a limit that stopped only one of the engines.
/// </summary>
internal static class ObservationComparer
{
    public static Verdict Compare(ModuleObservation v8, ModuleObservation weir)
    {
        ArgumentNullException.ThrowIfNull(v8);
        ArgumentNullException.ThrowIfNull(weir);
        if (weir.Phase == ObservationPhase.Crash)
        {
            return Verdict.Different("weir-crash", weir.Message ?? "unknown");
        }

        if (v8.Phase == ObservationPhase.HarnessError)
        {
            return Verdict.Different("harness-error", v8.Message ?? "unknown");
        }

        if (v8.Phase == ObservationPhase.Timeout)
        {
            return StoppedByLimit(weir) is { } limit
                ? Verdict.Explained("no-end", $"V8: {v8.Message}; Weir: {limit}")
                : Verdict.Different("v8-timeout", $"V8: {v8.Message}, but Weir finished every call in its limits");
        }

        if (v8.Phase != weir.Phase)
        {
            return AfterCaughtStackExhaustion(
                Verdict.Different($"phase v8={v8.Phase} weir={weir.Phase}", $"V8: {v8.Message}; Weir: {weir.Message}"),
                "start",
                v8.CaughtStackExhaustion,
                weir.CaughtStackExhaustion)!;
        }

        switch (v8.Phase)
        {
            case ObservationPhase.CompileError:
            case ObservationPhase.LinkError:
                return Verdict.Same;
            case ObservationPhase.InstantiateFailure:
                return AfterCaughtStackExhaustion(
                    CompareOutcome("start", v8.Kind, v8.Message, weir.Kind, weir.Code, weir.Message) ?? CompareLogs("start", v8.Logs, weir.Logs),
                    "start",
                    v8.CaughtStackExhaustion,
                    weir.CaughtStackExhaustion)
                    ?? Verdict.Same;
        }

        var start = CompareLogs("start", v8.Logs, weir.Logs) ?? CompareMemory("start", v8.Memory, weir.Memory) ?? CompareGlobals("start", v8.Globals, weir.Globals);
        if (start is not null)
        {
            return AfterCaughtStackExhaustion(start, "start", v8.CaughtStackExhaustion, weir.CaughtStackExhaustion)!;
        }

        var count = Math.Min(v8.Calls.Count, weir.Calls.Count);
        for (var i = 0; i < count; i++)
        {
            var left = v8.Calls[i];
            var right = weir.Calls[i];
            var where = "call " + i.ToString(CultureInfo.InvariantCulture);
            var verdict = CompareOutcome(where, left.Outcome, left.Message, right.Outcome, right.Code, right.Message)
                ?? (left.Outcome == CallOutcome.Return && !Same(left.Values, right.Values)
                    ? Verdict.Different("result", $"{where}: V8 returned [{Join(left.Values)}], Weir [{Join(right.Values)}]")
                    : null)
                ?? CompareLogs(where, left.Logs, right.Logs)
                ?? CompareMemory(where, left.Memory, right.Memory)
                ?? CompareGlobals(where, left.Globals, right.Globals);
            if (verdict is not null)
            {
                return AfterCaughtStackExhaustion(verdict, where, left.CaughtStackExhaustion, right.CaughtStackExhaustion)!;
            }
        }

        return v8.Calls.Count == weir.Calls.Count
            ? Verdict.Same
            : Verdict.Different("call-count", $"V8 made {v8.Calls.Count} calls, Weir {weir.Calls.Count}");
    }

    private static Verdict? CompareOutcome(string where, string? v8Outcome, string? v8Message, string? weirOutcome, string? weirCode, string? weirMessage)
    {
        if (weirOutcome == CallOutcome.Other)
        {
            return Verdict.Different("weir-unexpected-exception", $"{where}: {weirMessage}");
        }

        if (v8Outcome == CallOutcome.Other)
        {
            return Verdict.Different("v8-unexpected-exception", $"{where}: {v8Message}");
        }

        if (v8Outcome == CallOutcome.Stack || weirOutcome == CallOutcome.Stack)
        {
            return Verdict.Explained("stack-exhausted", $"{where}: V8 {v8Outcome}, Weir {weirOutcome}");
        }

        // V8 has no fuel or deadline: a call it finished must finish in Weir's limits too, or Weir
        // may be looping where it should not. (Calls that never end make V8 time out instead.)
        if (weirOutcome == CallOutcome.Limit)
        {
            return Verdict.Different("weir-limit", $"{where}: Weir {weirCode} '{weirMessage}', but V8 finished the call: {v8Outcome} {v8Message}");
        }

        if (v8Outcome != weirOutcome)
        {
            return Verdict.Different($"outcome v8={v8Outcome} weir={weirOutcome}", $"{where}: V8 {v8Outcome} {v8Message}; Weir {weirOutcome} {weirCode} {weirMessage}");
        }

        if (v8Outcome == CallOutcome.Trap && !TrapCompatibility.Matches(v8Message, weirCode))
        {
            return Verdict.Different($"trap v8='{v8Message}' weir={weirCode}", $"{where}: V8 '{v8Message}', Weir {weirCode} '{weirMessage}'");
        }

        return null;
    }

    /// <summary>
    /// A difference after either host caught an exhausted stack is explained: the engines' stack
    /// depths differ, so a guest that recursed through the host until the stack ran out and went
    /// on may legitimately go on differently. Unexpected exceptions stay differences.
    /// </summary>
    private static Verdict? AfterCaughtStackExhaustion(Verdict? verdict, string where, bool v8Caught, bool weirCaught) =>
        verdict is { Kind: VerdictKind.Different } && (v8Caught || weirCaught) && !verdict.Signature.EndsWith("unexpected-exception", StringComparison.Ordinal)
            ? Verdict.Explained("stack-exhausted", $"{where}: a host caught an exhausted stack (in V8: {v8Caught}, in Weir: {weirCaught}), then {verdict.Signature}: {verdict.Detail}")
            : verdict;

    /// <summary>How Weir's run was stopped by the harness's fuel or deadline, or null when it was not.</summary>
    private static string? StoppedByLimit(ModuleObservation weir)
    {
        if (weir.Phase == ObservationPhase.InstantiateFailure && weir.Kind == CallOutcome.Limit)
        {
            return "start: " + weir.Code;
        }

        var index = weir.Calls.FindIndex(call => call.Outcome == CallOutcome.Limit);
        return index < 0 ? null : string.Create(CultureInfo.InvariantCulture, $"call {index}: {weir.Calls[index].Code}");
    }

    private static Verdict? CompareLogs(string where, List<string> v8, List<string> weir)
    {
        if (Same(v8, weir))
        {
            return null;
        }

        var first = 0;
        while (first < v8.Count && first < weir.Count && v8[first] == weir[first])
        {
            first++;
        }

        return Verdict.Different(
            "logs",
            $"{where}: log {first} differs: V8 {(first < v8.Count ? v8[first] : "nothing")}, Weir {(first < weir.Count ? weir[first] : "nothing")} ({v8.Count} and {weir.Count} logs)");
    }

    private static Verdict? CompareMemory(string where, string? v8, string? weir) =>
        v8 == weir ? null : Verdict.Different("memory", $"{where}: memory digest V8 {v8 ?? "none"}, Weir {weir ?? "none"}");

    private static Verdict? CompareGlobals(string where, List<string> v8, List<string> weir) =>
        Same(v8, weir) ? null : Verdict.Different("globals", $"{where}: globals V8 [{Join(v8)}], Weir [{Join(weir)}]");

    private static bool Same(List<string>? left, List<string>? right) =>
        (left ?? []).SequenceEqual(right ?? []);

    private static string Join(List<string>? values) => string.Join(", ", values ?? []);
}
