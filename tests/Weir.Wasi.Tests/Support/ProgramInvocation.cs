namespace Weir.Wasi.Tests.Support;

/// <summary>How to run a program: preopens, environment, arguments and stdin; turned into a weir run or run-node.mjs command line.</summary>
internal sealed record ProgramInvocation(string ModulePath)
{
    public IReadOnlyList<(string Host, string Guest, bool ReadOnly)> Directories { get; init; } = [];

    public IReadOnlyList<(string Name, string Value)> Environment { get; init; } = [];

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public byte[] Stdin { get; init; } = [];

    /// <summary>The options and operands shared by weir run and run-node.mjs: --dir, --env, the module, --, the arguments.</summary>
    public IEnumerable<string> CommandLine()
    {
        foreach (var (host, guest, readOnly) in Directories)
        {
            yield return "--dir";
            yield return $"{host}::{guest}{(readOnly ? ":ro" : string.Empty)}";
        }

        foreach (var (name, value) in Environment)
        {
            yield return "--env";
            yield return $"{name}={value}";
        }

        yield return ModulePath;
        yield return "--";
        foreach (var argument in Arguments)
        {
            yield return argument;
        }
    }
}
