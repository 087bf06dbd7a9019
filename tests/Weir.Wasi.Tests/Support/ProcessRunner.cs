using System.Diagnostics;
using System.Text;

namespace Weir.Wasi.Tests.Support;

/// <summary>Runs an external process with stdin bytes and captures its output and exit code.</summary>
internal static class ProcessRunner
{
    public static ProgramResult Run(string fileName, IEnumerable<string> arguments, byte[]? stdin = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The children must not see test-run variables that change their behaviour.
        start.Environment.Remove("WASI_STRICT");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var outputBuffer = new MemoryStream();
        var errorBuffer = new MemoryStream();
        var readOutput = process.StandardOutput.BaseStream.CopyToAsync(outputBuffer);
        var readError = process.StandardError.BaseStream.CopyToAsync(errorBuffer);
        process.StandardInput.BaseStream.Write(stdin ?? []);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }

        Task.WaitAll(readOutput, readError);
        return new ProgramResult(process.ExitCode, Encoding.UTF8.GetString(outputBuffer.ToArray()), Encoding.UTF8.GetString(errorBuffer.ToArray()));
    }
}
