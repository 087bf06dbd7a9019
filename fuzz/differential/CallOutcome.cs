namespace Weir.Fuzz.Differential;

/// <summary>How a call (or a start function) ended, in both engines' observations.</summary>
internal static class CallOutcome
{
    /// <summary>It returned its values.</summary>
    public const string Return = "return";

    /// <summary>A WebAssembly trap.</summary>
    public const string Trap = "trap";

    /// <summary>The call stack was exhausted (depths legitimately differ between engines).</summary>
    public const string Stack = "stack";

    /// <summary>The host refused something its JavaScript counterpart cannot do (a v128 crossing to the host, a call of a non-function, an index out of range): a TypeError in V8, a <see cref="HostBoundaryException"/> in Weir.</summary>
    public const string Host = "host";

    /// <summary>The host stopped the call after <see cref="FuzzingSupport.HostCallsPerCall"/> calls of its own into the guest (both engines alike).</summary>
    public const string HostCallBudget = "host-budget";

    /// <summary>Weir's fuel or deadline stopped the call (the harness's own limits, not the guest's behaviour).</summary>
    public const string Limit = "limit";

    /// <summary>Anything else: an exception no guest should be able to cause.</summary>
    public const string Other = "other";
}
