using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Weir.Wasm.Execution;
using Weir.Wasm.Model;

namespace Weir.Wasm.Compilation;

/// <summary>
/// Generates, once per host delegate type or untyped signature, the adapter that guest code calls
/// through a function pointer with the Wasm calling convention and that forwards to the host's
/// delegate. Adapters live in a non-collectible assembly because guests hold raw pointers to them.
/// </summary>
internal sealed class HostAdapterCache
{
    private static int s_assemblyCounter;
    private readonly ConcurrentDictionary<object, (nint Code, Type Holder)> _adapters = new();
    private readonly Lazy<ModuleBuilder> _module = new(CreateModule);
    private readonly Lock _emitLock = new();
    private int _typeCounter;

    /// <summary>The adapter for a typed delegate; <paramref name="hasCaller"/> says whether its first parameter is a <see cref="Caller"/>.</summary>
    public (nint Code, Type Holder) GetTyped(Type delegateType, FunctionType type, bool hasCaller) =>
        _adapters.GetOrAdd(delegateType, _ => Emit(type, il => EmitTypedBody(il, delegateType, type, hasCaller)));

    /// <summary>The adapter for an untyped <see cref="HostFunctionCallback"/> of a signature.</summary>
    public (nint Code, Type Holder) GetUntyped(FunctionType type) =>
        _adapters.GetOrAdd(type, _ => Emit(type, il => EmitUntypedBody(il, type)));

    private static ModuleBuilder CreateModule()
    {
        var name = new AssemblyName($"Weir.Wasm.HostAdapters{Interlocked.Increment(ref s_assemblyCounter)}");
        var assembly = AssemblyBuilder.DefineDynamicAssembly(name, AssemblyBuilderAccess.Run);
        assembly.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(IgnoresAccessChecksToAttribute).GetConstructor([typeof(string)])!,
            [typeof(HostAdapterCache).Assembly.GetName().Name!]));
        return assembly.DefineDynamicModule(name.Name!);
    }

    private (nint Code, Type Holder) Emit(FunctionType type, Action<ILGenerator> body)
    {
        lock (_emitLock)
        {
            var typeBuilder = _module.Value.DefineType($"HostAdapter{++_typeCounter}", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
            var method = typeBuilder.DefineMethod("Invoke", MethodAttributes.Public | MethodAttributes.Static, CallingConvention.ReturnType(type), CallingConvention.ParameterTypes(type));
            body(method.GetILGenerator());
            var created = typeBuilder.CreateType();
            var code = created.GetMethod("Invoke")!.MethodHandle.GetFunctionPointer();
            return (code, created);
        }
    }

    private static void EmitTypedBody(ILGenerator il, Type delegateType, FunctionType type, bool hasCaller)
    {
        var contextIndex = CallingConvention.ContextArgumentIndex(type);
        var binding = il.DeclareLocal(typeof(HostFunctionBinding));
        il.Emit(OpCodes.Ldarg, contextIndex);
        il.Emit(OpCodes.Castclass, typeof(HostFunctionBinding));
        il.Emit(OpCodes.Stloc, binding);
        il.Emit(OpCodes.Ldloc, binding);
        il.Emit(OpCodes.Ldfld, typeof(HostFunctionBinding).GetField(nameof(HostFunctionBinding.Callback))!);
        il.Emit(OpCodes.Castclass, delegateType);
        if (hasCaller)
        {
            il.Emit(OpCodes.Ldloc, binding);
            il.Emit(OpCodes.Ldfld, typeof(HostFunctionBinding).GetField(nameof(HostFunctionBinding.Caller))!);
        }

        for (var i = 0; i < type.Parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg, i);
        }

        il.Emit(OpCodes.Callvirt, delegateType.GetMethod("Invoke")!);
        il.Emit(OpCodes.Ret);
    }

    private static void EmitUntypedBody(ILGenerator il, FunctionType type)
    {
        var contextIndex = CallingConvention.ContextArgumentIndex(type);
        var arguments = il.DeclareLocal(typeof(Value[]));
        var results = il.DeclareLocal(typeof(Value[]));
        il.Emit(OpCodes.Ldc_I4, type.Parameters.Length);
        il.Emit(OpCodes.Newarr, typeof(Value));
        il.Emit(OpCodes.Stloc, arguments);
        for (var i = 0; i < type.Parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldloc, arguments);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldarg, i);
            il.Emit(OpCodes.Call, InvokerCache.ValueFactory(type.Parameters[i]));
            il.Emit(OpCodes.Stelem, typeof(Value));
        }

        il.Emit(OpCodes.Ldarg, contextIndex);
        il.Emit(OpCodes.Castclass, typeof(HostFunctionBinding));
        il.Emit(OpCodes.Ldloc, arguments);
        il.Emit(OpCodes.Call, typeof(HostFunctionBinding).GetMethod(nameof(HostFunctionBinding.InvokeUntyped))!);
        il.Emit(OpCodes.Stloc, results);
        for (var i = 1; i < type.Results.Length; i++)
        {
            il.Emit(OpCodes.Ldarg, type.Parameters.Length + i - 1);
            il.Emit(OpCodes.Ldloc, results);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            il.Emit(OpCodes.Call, InvokerCache.ValueReader(type.Results[i]));
            il.Emit(OpCodes.Stobj, CallingConvention.ClrType(type.Results[i]));
        }

        if (type.Results.Length > 0)
        {
            il.Emit(OpCodes.Ldloc, results);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Ldelema, typeof(Value));
            il.Emit(OpCodes.Call, InvokerCache.ValueReader(type.Results[0]));
        }

        il.Emit(OpCodes.Ret);
    }
}
