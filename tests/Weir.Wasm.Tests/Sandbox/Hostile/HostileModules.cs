using Weir.Wasm.Model;
using Weir.Wasm.Tests.Decoding;

namespace Weir.Wasm.Tests.Sandbox.Hostile;

/// <summary>Builds the hostile modules (binary pieces for shapes the builder has no helper for) and instantiates them.</summary>
internal static class HostileModules
{
    public const byte End = 0x0B;

    public static (Instance Instance, Store Store) Instantiate(byte[] binary, StoreLimits? limits = null, Action<Linker>? define = null, EngineOptions? options = null)
    {
        var engine = new Engine(options);
        var module = Module.FromBytes(engine, binary);
        var linker = new Linker(engine);
        define?.Invoke(linker);
        var store = new Store(engine, limits);
        return (linker.Instantiate(store, module), store);
    }

    /// <summary>A small module every test runs after its guest, to show the process still works.</summary>
    public static void AssertProcessHealthy()
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType([ValueKind.I32, ValueKind.I32], [ValueKind.I32]);
        builder.AddFunction(type, [0x20, 0x00, 0x20, 0x01, 0x6A, End]);
        builder.AddExport("add", ExternalKind.Function, 0);
        var (instance, _) = Instantiate(builder.Build());
        instance.GetFunction<int, int, int>("add")!(40, 2).Should().Be(42);
        GC.Collect();
    }
}
