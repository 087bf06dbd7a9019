using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using Weir.Wasm.Model;

namespace Weir.Wasm.Compilation;

/// <summary>Calls a function with <see cref="Value"/> arguments and results.</summary>
internal delegate void UntypedInvoker(Function function, Value[] arguments, Value[] results);

/// <summary>
/// One IL-generated invoker per signature, so untyped calls (spec tests, the CLI's --invoke) cost
/// no reflection per call.
/// </summary>
internal sealed class InvokerCache
{
    private readonly ConcurrentDictionary<FunctionType, UntypedInvoker> _invokers = new();

    public UntypedInvoker Get(FunctionType type) => _invokers.GetOrAdd(type, Create);

    private static UntypedInvoker Create(FunctionType type)
    {
        var method = new DynamicMethod("invoke" + type, typeof(void), [typeof(Function), typeof(Value[]), typeof(Value[])], typeof(InvokerCache).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        var extraResults = new LocalBuilder[Math.Max(0, type.Results.Length - 1)];
        for (var i = 1; i < type.Results.Length; i++)
        {
            extraResults[i - 1] = il.DeclareLocal(CallingConvention.ClrType(type.Results[i]));
        }

        for (var i = 0; i < type.Parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            il.Emit(OpCodes.Call, ValueReader(type.Parameters[i]));
        }

        foreach (var local in extraResults)
        {
            il.Emit(OpCodes.Ldloca, local);
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, FieldOf(nameof(Function.Target)));
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, FieldOf(nameof(Function.Code)));
        il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, CallingConvention.ReturnType(type), CallingConvention.ParameterTypes(type), null);
        if (type.Results.Length > 0)
        {
            var first = il.DeclareLocal(CallingConvention.ClrType(type.Results[0]));
            il.Emit(OpCodes.Stloc, first);
            StoreResult(il, 0, type.Results[0], first);
            for (var i = 1; i < type.Results.Length; i++)
            {
                StoreResult(il, i, type.Results[i], extraResults[i - 1]);
            }
        }

        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<UntypedInvoker>();
    }

    private static void StoreResult(ILGenerator il, int index, ValueKind kind, LocalBuilder local)
    {
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldc_I4, index);
        il.Emit(OpCodes.Ldloc, local);
        il.Emit(OpCodes.Call, ValueFactory(kind));
        il.Emit(OpCodes.Stelem, typeof(Value));
    }

    private static FieldInfo FieldOf(string name) =>
        typeof(Function).GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)!;

    /// <summary>The <see cref="Value"/> method that reads a value of the kind (called on a Value address).</summary>
    public static MethodInfo ValueReader(ValueKind kind) => typeof(Value).GetMethod(kind switch
    {
        ValueKind.I32 => nameof(Value.AsInt32),
        ValueKind.I64 => nameof(Value.AsInt64),
        ValueKind.F32 => nameof(Value.AsSingle),
        ValueKind.F64 => nameof(Value.AsDouble),
        ValueKind.V128 => nameof(Value.AsVector),
        _ => nameof(Value.AsReference),
    })!;

    /// <summary>The static <see cref="Value"/> factory for a kind.</summary>
    public static MethodInfo ValueFactory(ValueKind kind) => kind switch
    {
        ValueKind.I32 => typeof(Value).GetMethod(nameof(Value.FromInt32))!,
        ValueKind.I64 => typeof(Value).GetMethod(nameof(Value.FromInt64))!,
        ValueKind.F32 => typeof(Value).GetMethod(nameof(Value.FromSingle))!,
        ValueKind.F64 => typeof(Value).GetMethod(nameof(Value.FromDouble))!,
        ValueKind.V128 => typeof(Value).GetMethod(nameof(Value.FromVector))!,
        ValueKind.FuncRef => typeof(ValueConversions).GetMethod(nameof(ValueConversions.FunctionFromObject))!,
        _ => typeof(Value).GetMethod(nameof(Value.FromExtern))!,
    };
}
