using Weir.Wasm.Execution;

namespace Weir.Wasm;

// Typed accessors: generated shapes for 0 to 6 parameters, each a direct call through the
// function pointer with the exact CLR signature, so calls neither box nor allocate.
public sealed partial class Instance
{
    /// <summary>An exported function as a typed delegate (no boxing per call), or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Func<TResult>? GetFunction<TResult>(string name)
    {
        var function = GetTypedFunction(name, [], typeof(TResult));
        return function is null ? null : () => TypedCalls.Call<TResult>(function);
    }

    /// <summary>An exported function without results as a typed delegate, or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Action? GetAction(string name)
    {
        var function = GetTypedFunction(name, [], null);
        return function is null ? null : () => TypedCalls.CallAction(function);
    }

    /// <summary>An exported function as a typed delegate (no boxing per call), or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Func<T1, TResult>? GetFunction<T1, TResult>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1)], typeof(TResult));
        return function is null ? null : (a1) => TypedCalls.Call<T1, TResult>(function, a1);
    }

    /// <summary>An exported function without results as a typed delegate, or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Action<T1>? GetAction<T1>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1)], null);
        return function is null ? null : (a1) => TypedCalls.CallAction<T1>(function, a1);
    }

    /// <summary>An exported function as a typed delegate (no boxing per call), or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Func<T1, T2, TResult>? GetFunction<T1, T2, TResult>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1), typeof(T2)], typeof(TResult));
        return function is null ? null : (a1, a2) => TypedCalls.Call<T1, T2, TResult>(function, a1, a2);
    }

    /// <summary>An exported function without results as a typed delegate, or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Action<T1, T2>? GetAction<T1, T2>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1), typeof(T2)], null);
        return function is null ? null : (a1, a2) => TypedCalls.CallAction<T1, T2>(function, a1, a2);
    }

    /// <summary>An exported function as a typed delegate (no boxing per call), or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Func<T1, T2, T3, TResult>? GetFunction<T1, T2, T3, TResult>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1), typeof(T2), typeof(T3)], typeof(TResult));
        return function is null ? null : (a1, a2, a3) => TypedCalls.Call<T1, T2, T3, TResult>(function, a1, a2, a3);
    }

    /// <summary>An exported function without results as a typed delegate, or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Action<T1, T2, T3>? GetAction<T1, T2, T3>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1), typeof(T2), typeof(T3)], null);
        return function is null ? null : (a1, a2, a3) => TypedCalls.CallAction<T1, T2, T3>(function, a1, a2, a3);
    }

    /// <summary>An exported function as a typed delegate (no boxing per call), or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Func<T1, T2, T3, T4, TResult>? GetFunction<T1, T2, T3, T4, TResult>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1), typeof(T2), typeof(T3), typeof(T4)], typeof(TResult));
        return function is null ? null : (a1, a2, a3, a4) => TypedCalls.Call<T1, T2, T3, T4, TResult>(function, a1, a2, a3, a4);
    }

    /// <summary>An exported function without results as a typed delegate, or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Action<T1, T2, T3, T4>? GetAction<T1, T2, T3, T4>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1), typeof(T2), typeof(T3), typeof(T4)], null);
        return function is null ? null : (a1, a2, a3, a4) => TypedCalls.CallAction<T1, T2, T3, T4>(function, a1, a2, a3, a4);
    }

    /// <summary>An exported function as a typed delegate (no boxing per call), or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Func<T1, T2, T3, T4, T5, TResult>? GetFunction<T1, T2, T3, T4, T5, TResult>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1), typeof(T2), typeof(T3), typeof(T4), typeof(T5)], typeof(TResult));
        return function is null ? null : (a1, a2, a3, a4, a5) => TypedCalls.Call<T1, T2, T3, T4, T5, TResult>(function, a1, a2, a3, a4, a5);
    }

    /// <summary>An exported function without results as a typed delegate, or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Action<T1, T2, T3, T4, T5>? GetAction<T1, T2, T3, T4, T5>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1), typeof(T2), typeof(T3), typeof(T4), typeof(T5)], null);
        return function is null ? null : (a1, a2, a3, a4, a5) => TypedCalls.CallAction<T1, T2, T3, T4, T5>(function, a1, a2, a3, a4, a5);
    }

    /// <summary>An exported function as a typed delegate (no boxing per call), or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Func<T1, T2, T3, T4, T5, T6, TResult>? GetFunction<T1, T2, T3, T4, T5, T6, TResult>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1), typeof(T2), typeof(T3), typeof(T4), typeof(T5), typeof(T6)], typeof(TResult));
        return function is null ? null : (a1, a2, a3, a4, a5, a6) => TypedCalls.Call<T1, T2, T3, T4, T5, T6, TResult>(function, a1, a2, a3, a4, a5, a6);
    }

    /// <summary>An exported function without results as a typed delegate, or null when there is no such export.</summary>
    /// <exception cref="ArgumentException">The export's signature does not match the type arguments.</exception>
    public Action<T1, T2, T3, T4, T5, T6>? GetAction<T1, T2, T3, T4, T5, T6>(string name)
    {
        var function = GetTypedFunction(name, [typeof(T1), typeof(T2), typeof(T3), typeof(T4), typeof(T5), typeof(T6)], null);
        return function is null ? null : (a1, a2, a3, a4, a5, a6) => TypedCalls.CallAction<T1, T2, T3, T4, T5, T6>(function, a1, a2, a3, a4, a5, a6);
    }
}
