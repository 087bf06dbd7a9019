using Weir.Cli.Workflow.Init;

namespace Weir.Cli.Workflow.Up;

/// <summary>
/// The filter <c>weir up</c> publishes to its hub: the C template built as <c>hello-filter</c>
/// (<c>weir init sample --language c --name hello-filter &amp;&amp; weir build sample</c>, then
/// <c>build/filter.wasm</c> copied to <c>Templates/sample/hello-filter.wasm</c>), so <c>weir up</c> needs no compiler.
/// </summary>
internal static class SampleFilter
{
    public const string Repository = "hello-filter";
    public const string RootId = "hello_filter";
    public const string HeaderName = "x-weir-filter";
    public const string HeaderValue = "hello from weir up";
    public const string ResourceName = "Templates/sample/hello-filter.wasm";

    /// <summary>The plugin configuration the gateway passes: it sets the header the filter adds.</summary>
    public const string Configuration = $$"""{"header": "{{HeaderName}}", "value": "{{HeaderValue}}"}""";

    public static byte[] ReadModule() => ProjectTemplate.ReadResource(ResourceName);
}
