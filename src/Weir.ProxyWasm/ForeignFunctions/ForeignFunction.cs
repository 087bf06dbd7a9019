namespace Weir.ProxyWasm;

/// <summary>
/// A host extension a filter calls by name with <c>proxy_call_foreign_function</c>. It receives the
/// argument bytes and returns the result bytes (copied into the guest) or a failure status. It runs
/// inside the guest's call, so it must be quick and must not block.
/// </summary>
public delegate ForeignFunctionResult ForeignFunction(ReadOnlySpan<byte> arguments);
