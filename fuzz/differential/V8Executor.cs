using System.Diagnostics;
using System.Text.Json;
using Weir.Fuzz.Tools;

namespace Weir.Fuzz.Differential;

/// <summary>
/// Runs modules under V8 through one long-lived node process (v8-harness.js), one JSON request
/// and one JSON observation per line, so a campaign does not pay node's start-up per module.
/// A module that makes V8 run past the watchdog kills that process; the next request starts a new one.
/// </summary>
internal sealed class V8Executor : IDisposable
{
    private readonly string _node;
    private readonly string _harness;
    private readonly TimeSpan _watchdog;
    private readonly Queue<string> _recentErrors = new();
    private Process? _process;

    public V8Executor(TimeSpan watchdog, string? node = null)
    {
        _node = node ?? ExternalTool.Require("node", "nodejs");
        _harness = Path.Combine(AppContext.BaseDirectory, "differential", "v8-harness.js");
        if (!File.Exists(_harness))
        {
            throw new FileNotFoundException("the V8 harness was not copied next to the fuzzer", _harness);
        }

        _watchdog = watchdog;
    }

    /// <summary>How many node processes were started (more than one means the watchdog fired or node died).</summary>
    public int Starts { get; private set; }

    /// <summary>Sends the module to V8; the returned task completes with its observation.</summary>
    public Task<ModuleObservation> RunAsync(string modulePath, CallPlan plan)
    {
        var process = EnsureStarted();
        var shape = plan.Shape;
        var request = new
        {
            module = Path.GetFullPath(modulePath),
            memory = plan.MemoryExport,
            reset = plan.ResetExport,
            hostCallsPerCall = FuzzingSupport.HostCallsPerCall,
            calls = plan.Calls.Select(call => new
            {
                name = call.Name,
                @params = call.Parameters.Select(ValueText.TypeName),
                results = call.Results.Select(ValueText.TypeName),
                args = call.Arguments,
            }),
            globals = plan.Globals.Select(global => new { name = global.Name, type = ValueText.TypeName(global.Type) }),
            functions = shape.Functions.Select(parameters => parameters.Select(ValueText.TypeName)),
            exportedFunctions = shape.ExportedFunctions,
            hostFunctions = shape.HostFunctions.ToDictionary(pair => pair.Key, pair => pair.Value.Select(ValueText.TypeName)),
            importedGlobals = shape.ImportedGlobals.Select(global => new
            {
                module = global.Module,
                name = global.Name,
                type = ValueText.TypeName(global.Type),
                mutable = global.Mutable,
            }),
        };
        process.StandardInput.WriteLine(JsonSerializer.Serialize(request, FuzzJson.Compact));
        process.StandardInput.Flush();
        return ReadAsync(process);
    }

    private async Task<ModuleObservation> ReadAsync(Process process)
    {
        using var cancellation = new CancellationTokenSource(_watchdog);
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Stop();
            return new ModuleObservation { Phase = ObservationPhase.Timeout, Message = $"V8 did not finish within {_watchdog.TotalSeconds:0} s" };
        }

        if (line is null)
        {
            Stop();
            string errors;
            lock (_recentErrors)
            {
                errors = string.Join(Environment.NewLine, _recentErrors);
            }

            return new ModuleObservation { Phase = ObservationPhase.HarnessError, Message = "node exited: " + errors };
        }

        return JsonSerializer.Deserialize<ModuleObservation>(line, FuzzJson.Compact)
            ?? new ModuleObservation { Phase = ObservationPhase.HarnessError, Message = "empty answer from node" };
    }

    private Process EnsureStarted()
    {
        if (_process is { HasExited: false })
        {
            return _process;
        }

        Stop();
        var start = new ProcessStartInfo(_node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_harness);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_recentErrors)
            {
                _recentErrors.Enqueue(e.Data);
                if (_recentErrors.Count > 20)
                {
                    _recentErrors.Dequeue();
                }
            }
        };
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        return process;
    }

    private void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _process.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();
}
