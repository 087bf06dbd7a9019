namespace Weir.Wasm.Execution;

/// <summary>Host-to-guest calls with exact CLR signatures: enter the store, call through the function pointer, convert failures to traps.</summary>
internal static unsafe class TypedCalls
{
    public static TResult Call<TResult>(Function function)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            return ((delegate*<object, TResult>)function.Code)(function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static void CallAction(Function function)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            ((delegate*<object, void>)function.Code)(function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static TResult Call<T1, TResult>(Function function, T1 a1)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            return ((delegate*<T1, object, TResult>)function.Code)(a1, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static void CallAction<T1>(Function function, T1 a1)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            ((delegate*<T1, object, void>)function.Code)(a1, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static TResult Call<T1, T2, TResult>(Function function, T1 a1, T2 a2)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            return ((delegate*<T1, T2, object, TResult>)function.Code)(a1, a2, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static void CallAction<T1, T2>(Function function, T1 a1, T2 a2)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            ((delegate*<T1, T2, object, void>)function.Code)(a1, a2, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static TResult Call<T1, T2, T3, TResult>(Function function, T1 a1, T2 a2, T3 a3)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            return ((delegate*<T1, T2, T3, object, TResult>)function.Code)(a1, a2, a3, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static void CallAction<T1, T2, T3>(Function function, T1 a1, T2 a2, T3 a3)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            ((delegate*<T1, T2, T3, object, void>)function.Code)(a1, a2, a3, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static TResult Call<T1, T2, T3, T4, TResult>(Function function, T1 a1, T2 a2, T3 a3, T4 a4)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            return ((delegate*<T1, T2, T3, T4, object, TResult>)function.Code)(a1, a2, a3, a4, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static void CallAction<T1, T2, T3, T4>(Function function, T1 a1, T2 a2, T3 a3, T4 a4)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            ((delegate*<T1, T2, T3, T4, object, void>)function.Code)(a1, a2, a3, a4, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static TResult Call<T1, T2, T3, T4, T5, TResult>(Function function, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            return ((delegate*<T1, T2, T3, T4, T5, object, TResult>)function.Code)(a1, a2, a3, a4, a5, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static void CallAction<T1, T2, T3, T4, T5>(Function function, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            ((delegate*<T1, T2, T3, T4, T5, object, void>)function.Code)(a1, a2, a3, a4, a5, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static TResult Call<T1, T2, T3, T4, T5, T6, TResult>(Function function, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            return ((delegate*<T1, T2, T3, T4, T5, T6, object, TResult>)function.Code)(a1, a2, a3, a4, a5, a6, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }

    public static void CallAction<T1, T2, T3, T4, T5, T6>(Function function, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
    {
        var store = function.Store;
        store.Enter();
        try
        {
            ((delegate*<T1, T2, T3, T4, T5, T6, object, void>)function.Code)(a1, a2, a3, a4, a5, a6, function.Target);
        }
        catch (Exception exception) when (GuestBoundary.ShouldConvert(exception))
        {
            throw GuestBoundary.Convert(exception);
        }
        finally
        {
            store.Exit();
        }
    }
}
