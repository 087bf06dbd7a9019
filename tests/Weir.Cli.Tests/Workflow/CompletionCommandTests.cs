using System.Diagnostics;
using Weir.Cli.Tests.Workflow.Support;
using Weir.Cli.Workflow.Completion;
using Weir.Cli.Workflow.Shared;

namespace Weir.Cli.Tests.Workflow;

public sealed class CompletionCommandTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("bash", "complete -o default -F _weir_complete weir")]
    [InlineData("zsh", "compdef _weir weir")]
    [InlineData("fish", "complete -c weir")]
    [InlineData("powershell", "Register-ArgumentCompleter -Native -CommandName weir")]
    public void Completion_Shell_PrintsAScriptThatAsksWeirForSuggestions(string shell, string registration)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        CompletionCommand.Run(shell, output, error).Should().Be(WorkflowExitCodes.Success);

        output.ToString().Should().Contain(registration).And.Contain("[suggest:");
    }

    [Fact]
    public void Completion_UnknownShell_IsAUsageErrorListingTheShells()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        CompletionCommand.Run("tcsh", output, error).Should().Be(WorkflowExitCodes.Usage);

        error.ToString().Should().Contain("bash, zsh, fish, powershell");
    }

    [ToolchainTheory("bash")]
    [InlineData("weir init hello --language ", "assemblyscript c")]
    [InlineData("weir deploy ", "envoy istio weir")]
    [InlineData("weir deploy istio 127.0.0.1:5000/x:v1 --phase ", "authn authz stats unspecified")]
    [InlineData("weir bu", "build")]
    [InlineData("weir completion ", "bash fish powershell zsh")]
    public async Task Completion_BashScript_CompletesWorkflowValues(string line, string expected)
    {
        // A `weir` on PATH, as an installed tool would be.
        var bin = directory.Combine("bin");
        Directory.CreateDirectory(bin);
        var launcher = Path.Combine(bin, "weir");
        File.WriteAllText(launcher, $"#!/bin/sh\nexec \"{DotnetHost()}\" exec \"{Path.Combine(AppContext.BaseDirectory, "weir.dll")}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var output = new StringWriter();
        CompletionCommand.Run("bash", output, TextWriter.Null);
        var script = Path.Combine(directory.Path, "weir-completion.bash");
        File.WriteAllText(script, output.ToString());
        var words = line.EndsWith(' ') ? $"{line}''" : line;
        var test = $"""
            source '{script}'
            COMP_LINE='{line}'
            COMP_POINT=${"{"}#COMP_LINE{"}"}
            COMP_WORDS=({words})
            COMP_CWORD=$(( ${"{"}#COMP_WORDS[@]{"}"} - 1 ))
            _weir_complete
            printf '%s\n' "${"{"}COMPREPLY[@]{"}"}" | sort | tr '\n' ' '
            """;

        var start = new ProcessStartInfo("bash", ["-c", test]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var completions = await process.StandardOutput.ReadToEndAsync();
        var problems = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        completions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Contain(expected.Split(' '), problems);
    }

    private static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
