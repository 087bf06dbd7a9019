namespace Weir.Gateway.Tests.Support;

/// <summary>Gateway configurations the tests share.</summary>
internal static class Yaml
{
    /// <summary>One listener on a free port, one catch-all route to one cluster of the given endpoints.</summary>
    public static string SingleRoute(string extraRoute = "", string extraCluster = "", params string[] endpoints) => $$"""
        listeners:
          - name: public
            address: 127.0.0.1:0
            routes:
              - match: { prefix: / }
                cluster: backend
                {{Indent(extraRoute, 8)}}
        clusters:
          - name: backend
            endpoints: [{{string.Join(", ", endpoints)}}]
            {{Indent(extraCluster, 4)}}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select((line, index) => index == 0 ? line : new string(' ', spaces) + line));
}
