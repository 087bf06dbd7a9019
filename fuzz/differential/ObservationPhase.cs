namespace Weir.Fuzz.Differential;

/// <summary>How far a module got in one engine (the <c>phase</c> of an observation).</summary>
internal static class ObservationPhase
{
    /// <summary>The engine rejected the binary (malformed or invalid).</summary>
    public const string CompileError = "compile-error";

    /// <summary>An import could not be resolved.</summary>
    public const string LinkError = "link-error";

    /// <summary>Instantiation failed: a segment did not fit, or the start function trapped.</summary>
    public const string InstantiateFailure = "instantiate-failure";

    /// <summary>The module was instantiated and the plan's calls were made.</summary>
    public const string Instantiated = "instantiated";

    /// <summary>The engine failed in a way no module may cause (an unexpected exception): always a finding.</summary>
    public const string Crash = "crash";

    /// <summary>The V8 harness did not answer within its watchdog time and was restarted.</summary>
    public const string Timeout = "timeout";

    /// <summary>The V8 harness itself failed (a bug in the harness, not in either engine).</summary>
    public const string HarnessError = "harness-error";
}
