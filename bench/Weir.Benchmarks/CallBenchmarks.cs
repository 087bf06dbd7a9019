using BenchmarkDotNet.Attributes;
using Weir.Wasm;

namespace Weir.Benchmarks;

/// <summary>Crossing the boundary both ways, and a bounds-checked memory load, per operation.</summary>
public class CallBenchmarks
{
    private const int Iterations = 1_000_000;
    private Func<int, int, int> _add = null!;
    private Func<int, int> _callHost = null!;
    private Func<int, int> _sumMemory = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        var module = Module.FromBytes(engine, Fixture.Read("calls"));
        var linker = new Linker(engine);
        linker.DefineFunction("host", "increment", (int value) => value + 1);
        var instance = linker.Instantiate(new Store(engine), module);
        _add = instance.GetFunction<int, int, int>("add")!;
        _callHost = instance.GetFunction<int, int>("call_host")!;
        _sumMemory = instance.GetFunction<int, int>("sum_memory")!;
    }

    /// <summary>Host to Wasm: one typed call of a function that adds two numbers.</summary>
    [Benchmark]
    public int HostToWasm() => _add(1, 2);

    /// <summary>Wasm to host: a guest loop calling a typed host function, per call.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int WasmToHost() => _callHost(Iterations);

    /// <summary>A guest loop of bounds-checked i32 loads, per load.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public int MemoryLoad() => _sumMemory(Iterations);
}
