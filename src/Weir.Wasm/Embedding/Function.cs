using Weir.Wasm.Compilation;
using Weir.Wasm.Execution;
using Weir.Wasm.Model;

namespace Weir.Wasm;

/// <summary>
/// A function reference: a compiled Wasm function of an instance or a host function bound to a
/// store. It is also the value of a funcref.
/// </summary>
public sealed class Function : Extern
{
    // Read directly by compiled code for indirect and imported calls.
    internal readonly object Target;
    internal readonly nint Code;
    internal readonly int TypeId;

    internal Function(Store store, FunctionType type, int typeId, object target, nint code, string? name)
    {
        Store = store;
        Type = type;
        TypeId = typeId;
        Target = target;
        Code = code;
        Name = name;
    }

    /// <inheritdoc />
    public override ExternalKind Kind => ExternalKind.Function;

    /// <summary>The function's signature.</summary>
    public FunctionType Type { get; }

    /// <summary>The store the function runs in.</summary>
    public Store Store { get; }

    /// <summary>A name for diagnostics (the export, import or name-section name), or null.</summary>
    public string? Name { get; }

    /// <summary>
    /// Calls the function with untyped arguments and returns its results. For hot paths prefer the
    /// typed accessors of <see cref="Instance"/>, which do not pack values.
    /// </summary>
    /// <exception cref="ArgumentException">The arguments do not match the signature.</exception>
    /// <exception cref="WasmTrapException">The guest trapped.</exception>
    public Value[] Invoke(params ReadOnlySpan<Value> arguments)
    {
        if (arguments.Length != Type.Parameters.Length)
        {
            throw new ArgumentException($"expected {Type.Parameters.Length} arguments for {Type}, got {arguments.Length}", nameof(arguments));
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Kind != Type.Parameters[i])
            {
                throw new ArgumentException($"argument {i} must be {ValueKinds.ToText(Type.Parameters[i])}, not {arguments[i].KindName}", nameof(arguments));
            }
        }

        var invoker = Store.Engine.Invokers.Get(Type);
        var argumentArray = arguments.ToArray();
        var results = new Value[Type.Results.Length];
        Store.Enter();
        try
        {
            invoker(this, argumentArray, results);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            Store.Exit();
        }

        return results;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name ?? "function"} {Type}";
}
