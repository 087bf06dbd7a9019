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

    /// <summary>A host function failed: here only log-v128, which V8 cannot call from WebAssembly.</summary>
    public const string Host = "host";

    /// <summary>Weir's fuel or deadline stopped the call (the harness's own limits, not the guest's behaviour).</summary>
    public const string Limit = "limit";

    /// <summary>Anything else: an exception no guest should be able to cause.</summary>
    public const string Other = "other";
}
