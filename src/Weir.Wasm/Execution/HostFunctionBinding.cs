using Weir.Wasm.Model;

namespace Weir.Wasm.Execution;

/// <summary>
/// The context object of a host function imported by one instance: the callback and the caller it
/// reports. Generated adapters receive it as their last argument.
/// </summary>
internal sealed class HostFunctionBinding
{
    public HostFunctionBinding(Delegate callback, Caller caller, FunctionType type, object keepAlive)
    {
        Callback = callback;
        Caller = caller;
        Type = type;
        KeepAlive = keepAlive;
    }

    public readonly Delegate Callback;
    public readonly Caller Caller;
    public readonly FunctionType Type;

    /// <summary>Holds the adapter's generated code alive for as long as the function can be called.</summary>
    public readonly object KeepAlive;

    public Value[] InvokeUntyped(Value[] arguments)
    {
        var results = new Value[Type.Results.Length];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = Value.Default(Type.Results[i]);
        }

        ((HostFunctionCallback)Callback)(Caller, arguments, results);
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Kind != Type.Results[i])
            {
                throw new InvalidOperationException($"host function returned {results[i].KindName} for result {i}, expected {ValueKinds.ToText(Type.Results[i])}");
            }
        }

        return results;
    }
}
