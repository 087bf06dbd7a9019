using System.Collections.Concurrent;
using Weir.ProxyWasm;
using Weir.Wasm;

namespace Weir.ProxyWasm.Tests.Support;

/// <summary>The committed example filters (examples/filters/*/build), compiled once per test run with one engine.</summary>
internal static class Filters
{
    private static readonly ConcurrentDictionary<string, Lazy<ProxyWasmModule>> Modules = new(StringComparer.Ordinal);

    public static Engine Engine { get; } = new();

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Filters");

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public static ProxyWasmModule Load(string fileName) =>
        Modules.GetOrAdd(fileName, name => new Lazy<ProxyWasmModule>(() => ProxyWasmModule.Compile(Engine, File.ReadAllBytes(PathOf(name)), Path.GetFileNameWithoutExtension(name)))).Value;

    public static string Probe(ProxyAbiVersion version) => version switch
    {
        ProxyAbiVersion.V0_1_0 => "probe_0_1_0.wasm",
        ProxyAbiVersion.V0_2_0 => "probe_0_2_0.wasm",
        _ => "probe_0_2_1.wasm",
    };
}
