using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Weir.Wasm;

namespace Weir.GuestFilter;

/// <summary>
/// Drives a proxy-wasm HTTP filter's guest code under Weir with stub hostcalls, the counterpart of
/// ../guest-filter.mjs (V8): same imports, same sequence, same output.
///   weir-guest-filter MODULE.wasm ROOT_ID WARMUP EXCHANGES RUNS
/// </summary>
internal static class Program
{
    private const int RootContext = 1;

    public static int Main(string[] args)
    {
        if (args.Length != 5)
        {
            Console.Error.WriteLine("usage: weir-guest-filter MODULE.wasm ROOT_ID WARMUP EXCHANGES RUNS");
            return 2;
        }

        var warmup = int.Parse(args[2], CultureInfo.InvariantCulture);
        var exchanges = int.Parse(args[3], CultureInfo.InvariantCulture);
        var runs = int.Parse(args[4], CultureInfo.InvariantCulture);

        var engine = new Engine();
        var module = Module.FromFile(engine, args[0]);
        var host = new StubHost(args[1]);
        var linker = new Linker(engine);
        host.Define(linker);
        var instance = linker.Instantiate(new Store(engine), module);
        host.Attach(instance);

        var exchange = new Exchange(instance);
        var onContextCreate = Export(instance.GetAction<int, int>("proxy_on_context_create"), "proxy_on_context_create");
        var onVmStart = Export(instance.GetFunction<int, int, int>("proxy_on_vm_start"), "proxy_on_vm_start");
        var onConfigure = Export(instance.GetFunction<int, int, int>("proxy_on_configure"), "proxy_on_configure");
        onContextCreate(RootContext, 0);
        if (onVmStart(RootContext, 0) != 1 || onConfigure(RootContext, host.ConfigurationLength) != 1)
        {
            throw new InvalidOperationException("the root context did not start");
        }

        var nextContext = RootContext + 1;
        for (var i = 0; i < warmup; i++)
        {
            exchange.Run(nextContext++, RootContext);
        }

        var perExchange = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < exchanges; i++)
            {
                exchange.Run(nextContext++, RootContext);
            }

            perExchange.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / exchanges);
        }

        var memory = instance.GetMemory("memory") ?? throw new InvalidOperationException("the module exports no memory");
        var total = warmup + ((long)exchanges * runs);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["engine"] = "weir",
            ["microsecondsPerExchange"] = perExchange,
            ["checksum"] = string.Create(CultureInfo.InvariantCulture,
                $"{host.LogCalls} log calls, {host.LogBytes} log bytes, {host.HeadersAdded} headers added in {total} exchanges, first \"{host.FirstHeader}\", memory {memory.Length} bytes"),
        }));
        return 0;
    }

    internal static T Export<T>(T? function, string name)
        where T : Delegate =>
        function ?? throw new InvalidOperationException($"the module exports no {name} of the expected type");
}
