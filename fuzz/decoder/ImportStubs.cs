using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Fuzz.Decoder;

/// <summary>
/// Satisfies any module's imports with inert items of the right types (host functions that return
/// zeros, fresh memories, tables and globals), so mutated modules can be instantiated and run.
/// </summary>
internal static class ImportStubs
{
    public static Linker Create(Engine engine, Store store, Module module)
    {
        var linker = new Linker(engine) { AllowShadowing = true };
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternalKind.Function:
                    var type = module.Definition.Types[(int)import.FunctionTypeIndex];
                    linker.DefineFunction(import.Module, import.Name, type, static (caller, arguments, results) => { });
                    break;
                case ExternalKind.Memory:
                    linker.Define(import.Module, import.Name, new Memory(store, import.Memory!));
                    break;
                case ExternalKind.Table:
                    linker.Define(import.Module, import.Name, new Table(store, import.Table!));
                    break;
                default:
                    linker.Define(import.Module, import.Name, new Global(import.Global!, Value.Default(import.Global!.Kind)));
                    break;
            }
        }

        return linker;
    }
}
