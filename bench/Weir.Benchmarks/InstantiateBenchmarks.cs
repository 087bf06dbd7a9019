using BenchmarkDotNet.Attributes;
using Weir.Wasm;

namespace Weir.Benchmarks;

/// <summary>Instantiating a compiled 20 KB module (290 functions, a table with an element segment, data, a global).</summary>
[MemoryDiagnoser]
public class InstantiateBenchmarks
{
    private readonly Engine _engine = new();
    private Module _module = null!;
    private Linker _linker = null!;

    [GlobalSetup]
    public void Setup()
    {
        var bytes = Fixture.Read("filter20k");
        Console.WriteLine($"// module size: {bytes.Length} bytes");
        _module = Module.FromBytes(_engine, bytes);
        _linker = new Linker(_engine);
    }

    [Benchmark]
    public Instance Instantiate()
    {
        var store = new Store(_engine);
        var instance = _linker.Instantiate(store, _module);
        instance.GetMemory("memory")!.Dispose();
        return instance;
    }
}
