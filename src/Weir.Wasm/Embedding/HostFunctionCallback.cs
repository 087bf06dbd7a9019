namespace Weir.Wasm;

/// <summary>
/// A host function that takes and returns untyped values. <paramref name="results"/> arrives
/// filled with zero values of the result types; write each result into it.
/// </summary>
public delegate void HostFunctionCallback(Caller caller, ReadOnlySpan<Value> arguments, Span<Value> results);
