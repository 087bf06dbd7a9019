using System.Collections.Immutable;
using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Cli.SpecTests;

/// <summary>The <c>spectest</c> module the scripts import from, as the spec's reference interpreter defines it.</summary>
internal static class SpectestHostModule
{
    public const string Name = "spectest";

    public static void Define(Linker linker, Store store)
    {
        DefinePrint(linker, "print");
        DefinePrint(linker, "print_i32", ValueKind.I32);
        DefinePrint(linker, "print_i64", ValueKind.I64);
        DefinePrint(linker, "print_f32", ValueKind.F32);
        DefinePrint(linker, "print_f64", ValueKind.F64);
        DefinePrint(linker, "print_i32_f32", ValueKind.I32, ValueKind.F32);
        DefinePrint(linker, "print_f64_f64", ValueKind.F64, ValueKind.F64);

        linker.Define(Name, "global_i32", new Global(new GlobalType(ValueKind.I32, Mutable: false), Value.FromInt32(666)));
        linker.Define(Name, "global_i64", new Global(new GlobalType(ValueKind.I64, Mutable: false), Value.FromInt64(666)));
        linker.Define(Name, "global_f32", new Global(new GlobalType(ValueKind.F32, Mutable: false), Value.FromSingle(666.6f)));
        linker.Define(Name, "global_f64", new Global(new GlobalType(ValueKind.F64, Mutable: false), Value.FromDouble(666.6)));
        linker.Define(Name, "table", new Table(store, new TableType(ValueKind.FuncRef, new Limits(10, 20))));
        linker.Define(Name, "memory", new Memory(store, new MemoryType(new Limits(1, 2))));
    }

    // The scripts only check that the calls link and return; what they would print does not matter.
    private static void DefinePrint(Linker linker, string name, params ValueKind[] parameters) =>
        linker.DefineFunction(Name, name, new FunctionType([.. parameters], ImmutableArray<ValueKind>.Empty), static (_, _, _) => { });
}
