using BenchmarkDotNet.Attributes;
using Weir.Wasm;

namespace Weir.Benchmarks;

/// <summary>
/// Compile throughput over the eleven compute programs (about 0.8 MB of Wasm): decode, validate and
/// emit IL (RyuJIT then compiles each function on its first call), and the same with every
/// function JIT-compiled up front.
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    // Without the module cache, or every compilation after the first would be a cache hit.
    private readonly Engine _engine = new(new EngineOptions { CacheModules = false });
    private byte[][] _programs = [];

    [GlobalSetup]
    public void Setup()
    {
        _programs = [.. Fixture.Programs()];
        Console.WriteLine($"// compile input: {_programs.Length} modules, {_programs.Sum(p => p.Length)} bytes");
    }

    [Benchmark]
    public int CompileToIl()
    {
        var functions = 0;
        foreach (var program in _programs)
        {
            functions += Module.FromBytes(_engine, program).Definition.Bodies.Length;
        }

        return functions;
    }

    [Benchmark]
    public int CompileToMachineCode()
    {
        var functions = 0;
        foreach (var program in _programs)
        {
            var module = Module.FromBytes(_engine, program);
            module.CompileAllFunctionsNow();
            functions += module.Definition.Bodies.Length;
        }

        return functions;
    }
}
