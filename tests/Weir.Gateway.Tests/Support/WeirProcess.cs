using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Weir.Gateway.Tests.Support;

/// <summary>A running <c>weir</c> process (the weir.dll built next to the tests), with its output collected as it comes.</summary>
internal sealed partial class WeirProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Lock _lock = new();

    private WeirProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_lock)
            {
                return _error.ToString();
            }
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static WeirProcess Start(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "weir.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["WEIR_HOME"] = Path.Combine(workingDirectory, ".weir");
        var process = new Process { StartInfo = start };
        var running = new WeirProcess(process);
        process.OutputDataReceived += (_, line) => running.Append(running._output, line.Data);
        process.ErrorDataReceived += (_, line) => running.Append(running._error, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits for the line announcing a listener and returns its address.</summary>
    public async Task<Uri> ListenerAsync(string name = "default")
    {
        Uri? address = null;
        await Eventually.TrueAsync(() =>
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"weir exited with {ExitCode}: {Error}{Output}");
            }

            var match = ListenerLine().Match(Output);
            while (match.Success && match.Groups["name"].Value != name)
            {
                match = match.NextMatch();
            }

            address = match.Success ? new Uri(match.Groups["address"].Value) : null;
            return address is not null;
        }, TimeSpan.FromSeconds(60), "weir proxy announced its listener");
        return address!;
    }

    /// <summary>Sends a POSIX signal (INT, TERM or HUP) to the process, through libc rather than a kill binary that may not be installed.</summary>
    public void Signal(string name)
    {
        // Linux numbers; the tests that signal run where weir's own signal handling does (Linux).
        var number = name switch
        {
            "HUP" => 1,
            "INT" => 2,
            "TERM" => 15,
            _ => throw new ArgumentException($"unsupported signal '{name}'", nameof(name)),
        };
        if (Kill(_process.Id, number) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIG{name}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            target.AppendLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [GeneratedRegex(@"Weir gateway listener (?<name>\S+) on (?<address>\S+)")]
    private static partial Regex ListenerLine();
}
