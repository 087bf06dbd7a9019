using BenchmarkDotNet.Running;

namespace Weir.Benchmarks;

/// <summary>Runs the runtime's micro-benchmarks: <c>dotnet run -c Release --project bench/Weir.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
