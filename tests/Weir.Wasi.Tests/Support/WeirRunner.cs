using System.CommandLine;
using System.Text;
using Weir.Cli.Run;

namespace Weir.Wasi.Tests.Support;

/// <summary>Runs <c>weir run</c> in-process, with captured standard streams.</summary>
internal static class WeirRunner
{
    public static ProgramResult Run(ProgramInvocation invocation) =>
        RunCommandLine(["run", .. invocation.CommandLine()], invocation.Stdin);

    /// <summary>Runs <c>weir</c> with the given arguments (starting with "run").</summary>
    public static ProgramResult RunCommandLine(IReadOnlyList<string> arguments, byte[]? stdin = null)
    {
        using var input = new MemoryStream(stdin ?? []);
        using var output = new MemoryStream();
        using var error = new MemoryStream();
        using var parserOutput = new StringWriter();
        var root = new RootCommand { RunCommand.Create(() => new RunConsole(input, output, error, IsProcessConsole: false)) };
        var exitCode = root.Parse([.. arguments]).Invoke(new InvocationConfiguration { Output = parserOutput, Error = parserOutput });
        return new ProgramResult(exitCode, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(error.ToArray()) + parserOutput);
    }
}
