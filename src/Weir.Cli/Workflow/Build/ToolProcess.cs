using System.Diagnostics;

namespace Weir.Cli.Workflow.Build;

/// <summary>
/// Runs a toolchain program and copies everything it prints, line by line, to the log writer (standard
/// error), so compiler errors are shown as they happen and standard output stays free for the result.
/// </summary>
internal static class ToolProcess
{
    /// <summary>Runs <paramref name="step"/> in <paramref name="workingDirectory"/> and returns its exit code.</summary>
    public static async Task<int> RunAsync(ToolchainStep step, string workingDirectory, TextWriter log, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(step.Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in step.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var gate = new Lock();
        process.OutputDataReceived += (_, line) => Forward(line.Data);
        process.ErrorDataReceived += (_, line) => Forward(line.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        // WaitForExitAsync returns once the streams are drained too, so every line has been forwarded.
        await log.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return process.ExitCode;

        void Forward(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                log.WriteLine(line);
            }
        }
    }
}
