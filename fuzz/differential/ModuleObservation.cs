namespace Weir.Fuzz.Differential;

/// <summary>Everything one engine showed for one module and its call plan: the unit the comparison works on.</summary>
internal sealed class ModuleObservation
{
    /// <summary>One of <see cref="ObservationPhase"/>.</summary>
    public string Phase { get; set; } = ObservationPhase.HarnessError;

    /// <summary>For <see cref="ObservationPhase.InstantiateFailure"/>: one of <see cref="CallOutcome"/>.</summary>
    public string? Kind { get; set; }

    /// <summary>The engine's message for a failed phase.</summary>
    public string? Message { get; set; }

    /// <summary>Weir's trap code when instantiation trapped.</summary>
    public string? Code { get; set; }

    /// <summary>Log calls made during instantiation (by the start function).</summary>
    public List<string> Logs { get; set; } = [];

    /// <summary>The observed globals after the call, as NAME=VALUE in <see cref="ValueText"/> form.</summary>
    public List<string> Globals { get; set; } = [];

    /// <summary>The exported memory's digest right after instantiation.</summary>
    public string? Memory { get; set; }

    /// <summary>The plan's calls, in order (fewer when a limit stopped the run).</summary>
    /// <summary>
    /// Whether the host caught an exhausted stack during instantiation (in the start function) (call-export or call-ref without
    /// rethrow, or a -catch form): how deep the stack goes is each engine's own, so from there on
    /// the engines may take different paths without either being wrong.
    /// </summary>
    public bool CaughtStackExhaustion { get; set; }

    public List<CallObservation> Calls { get; set; } = [];
}
