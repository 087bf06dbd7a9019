namespace Weir.Fuzz.Differential;

/// <summary>What one engine showed for one call of the plan.</summary>
internal sealed class CallObservation
{
    /// <summary>One of <see cref="CallOutcome"/>.</summary>
    public string Outcome { get; set; } = CallOutcome.Other;

    /// <summary>The engine's message for a failure (V8's error message; Weir's trap message).</summary>
    public string? Message { get; set; }

    /// <summary>Weir's trap code for a trap (null for V8, whose traps only have messages).</summary>
    public string? Code { get; set; }

    /// <summary>The results in <see cref="ValueText"/> form when the call returned.</summary>
    public List<string>? Values { get; set; }

    /// <summary>The fuzzing-support log calls made during the call, in order.</summary>
    public List<string> Logs { get; set; } = [];

    /// <summary>The observed globals after the call, as NAME=VALUE in <see cref="ValueText"/> form.</summary>
    public List<string> Globals { get; set; } = [];

    /// <summary>The exported memory's <see cref="MemoryDigest"/> after the call, or null without one.</summary>
    public string? Memory { get; set; }

    /// <summary>
    /// Whether the host caught an exhausted stack during the call (call-export or call-ref without
    /// rethrow, or a -catch form): how deep the stack goes is each engine's own, so from there on
    /// the engines may take different paths without either being wrong.
    /// </summary>
    public bool CaughtStackExhaustion { get; set; }
}
