using Weir.Wasm.Model;

namespace Weir.Wasm.Execution;

/// <summary>A host function as defined in a linker, before it is bound to an importing instance.</summary>
internal sealed record HostFunctionDefinition(FunctionType Type, Delegate Callback, Type DelegateType, bool HasCaller, bool Untyped);
