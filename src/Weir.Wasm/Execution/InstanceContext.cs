namespace Weir.Wasm.Execution;

/// <summary>
/// Everything compiled code of one instance reaches through its context argument. Fields, not
/// properties, so that generated IL loads them directly.
/// </summary>
internal sealed class InstanceContext
{
    public Memory? Memory0;
    public Memory[] Memories = [];
    public Table[] Tables = [];
    public Global[] Globals = [];
    public Function[] Functions = [];
    public object?[]?[] ElementSegments = [];
    public ReadOnlyMemory<byte>[] DataSegments = [];
    public required ExecutionState Execution;
    public required Store Store;
    public Instance? Instance;

    /// <summary>Keeps the generated code alive while functions of this instance can be called.</summary>
    public object? KeepAlive;
}
