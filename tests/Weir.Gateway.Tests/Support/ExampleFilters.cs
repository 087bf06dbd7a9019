namespace Weir.Gateway.Tests.Support;

/// <summary>The committed example filters (examples/filters/**/build/*.wasm).</summary>
internal static class ExampleFilters
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "examples", "filters");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("examples/filters was not found above " + AppContext.BaseDirectory);
    });

    public static string AddHeader => AssemblyScript("add_header");

    public static string Auth => AssemblyScript("auth");

    public static string BodyRewrite => AssemblyScript("body_rewrite");

    public static string Callout => AssemblyScript("callout");

    public static string Metrics => AssemblyScript("metrics");

    public static string RequestCounter => AssemblyScript("request_counter");

    public static string TrapEveryTenth => C("trap_every_tenth");

    public static string InfiniteLoop => C("infinite_loop");

    public static string MemoryHog => C("memory_hog");

    /// <summary>A filter written for these tests: buffers each request body and upper-cases it (Filters/Modules/request_upper.wat).</summary>
    public static string RequestUpper => Path.Combine(AppContext.BaseDirectory, "Filters", "Modules", "request_upper.wasm");

    private static string AssemblyScript(string name) => Path.Combine(Root.Value, "assemblyscript", "build", name + ".wasm");

    private static string C(string name) => Path.Combine(Root.Value, "c", "build", name + ".wasm");
}
