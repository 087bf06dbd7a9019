using System.Text;
using BenchmarkDotNet.Attributes;
using Weir.ProxyWasm;
using Weir.Wasm;

namespace Weir.Benchmarks;

/// <summary>
/// One HTTP exchange through a proxy-wasm filter, as the gateway drives it, without any network:
/// request headers, response headers, a 13-byte response body, then the stream's end (log, done,
/// delete). <see cref="MinimalHeaderFilter"/> runs a WAT filter whose guest code is one hostcall per
/// headers callback, so it measures the host; <see cref="AssemblyScriptHeaderFilter"/> runs the
/// AssemblyScript example filter (proxy-runtime 0.1.8) that the gateway benchmark uses.
/// </summary>
[MemoryDiagnoser]
public class FilterExchangeBenchmarks
{
    private static readonly byte[] ResponseBody = Encoding.ASCII.GetBytes("hello, world\n");
    private ProxyWasmRuntime _runtime = null!;
    private Plugin _minimal = null!;
    private Plugin _assemblyScript = null!;

    [GlobalSetup]
    public void Setup()
    {
        var engine = new Engine();
        _runtime = new ProxyWasmRuntime(new ProxyWasmRuntimeOptions { Engine = engine });
        _minimal = _runtime.CreatePlugin(
            ProxyWasmModule.Compile(engine, Fixture.Read("header_filter"), "header_filter"),
            new PluginConfiguration { Name = "minimal", Limits = new PluginLimits { MaxVms = 1 } });
        _assemblyScript = _runtime.CreatePlugin(
            ProxyWasmModule.Compile(engine, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Filters", "add_header.wasm")), "add_header"),
            new PluginConfiguration { Name = "assemblyscript", RootId = "add_header", Limits = new PluginLimits { MaxVms = 1 } });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _minimal.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _assemblyScript.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>An exchange through the minimal WAT header filter: the proxy-wasm host's cost.</summary>
    [Benchmark(Baseline = true)]
    public Task<string?> MinimalHeaderFilter() => RunAsync(_minimal);

    /// <summary>An exchange through the AssemblyScript add-header example filter.</summary>
    [Benchmark]
    public Task<string?> AssemblyScriptHeaderFilter() => RunAsync(_assemblyScript);

    private static async Task<string?> RunAsync(Plugin plugin)
    {
        var stream = new InMemoryHttpStream("GET", "/");
        stream.RequestHeaders.Add("user-agent", "wrk");
        stream.RequestHeaders.Add("accept", "*/*");
        var filter = plugin.CreateHttpStream(stream);
        await filter.OnRequestHeadersAsync(endOfStream: true).ConfigureAwait(false);
        stream.WithResponseStatus(200);
        stream.ResponseHeaders.Add("content-type", "text/plain");
        stream.ResponseHeaders.Add("content-length", "13");
        await filter.OnResponseHeadersAsync(endOfStream: false).ConfigureAwait(false);
        await filter.OnResponseBodyAsync(ResponseBody, endOfStream: true).ConfigureAwait(false);
        await filter.CompleteAsync().ConfigureAwait(false);
        return stream.ResponseHeaders.Get("hello");
    }
}
