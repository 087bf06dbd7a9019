namespace Weir.Fuzz.Decoder;

/// <summary>How far one decoder-fuzzer input got.</summary>
internal enum ProbeResult
{
    /// <summary>Rejected with <c>WasmMalformedException</c>.</summary>
    Malformed,

    /// <summary>Rejected with <c>WasmValidationException</c>.</summary>
    Invalid,

    /// <summary>Compiled, but instantiation was refused cleanly (link error or trap).</summary>
    NotInstantiated,

    /// <summary>Compiled, instantiated, and its exports called (each returned or trapped cleanly).</summary>
    Ran,

    /// <summary>An exception no input may cause: a finding.</summary>
    Unexpected,
}
