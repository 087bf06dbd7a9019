using System.Globalization;

namespace Weir.Cli.SpecTests;

/// <summary>
/// Runs scripts in parallel, each on a thread of its own, and hands the results back in the order
/// the scripts were given, as soon as each one and all before it are done.
/// </summary>
internal static class SpecSuiteRunner
{
    // Guest recursion is bounded by the store's stack budget, measured from wherever the thread's
    // stack actually is; a large stack just lets assert_exhaustion use the whole budget.
    private const int ScriptThreadStackBytes = 16 * 1024 * 1024;

    public static SpecSuiteResult Run(IReadOnlyList<string> scriptPaths, SpecRunOptions options, Action<ScriptResult>? onScriptFinished = null)
    {
        ArgumentNullException.ThrowIfNull(scriptPaths);
        ArgumentNullException.ThrowIfNull(options);
        var completions = scriptPaths.Select(_ => new TaskCompletionSource<ScriptResult>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var next = -1;
        var workers = Enumerable.Range(0, Math.Clamp(options.Parallelism, 1, Math.Max(1, scriptPaths.Count)))
            .Select(_ => new Thread(() =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < scriptPaths.Count)
                {
                    completions[index].SetResult(RunIsolated(scriptPaths[index], options));
                }
            }) { IsBackground = true, Name = "spectest worker" })
            .ToList();
        workers.ForEach(worker => worker.Start());

        var results = new List<ScriptResult>(scriptPaths.Count);
        foreach (var completion in completions)
        {
            var result = completion.Task.GetAwaiter().GetResult();
            results.Add(result);
            onScriptFinished?.Invoke(result);
        }

        workers.ForEach(worker => worker.Join());
        return new SpecSuiteResult(results);
    }

    /// <summary>Runs one script on its own thread, giving up on it (as one more failure) when it overruns the script timeout.</summary>
    public static ScriptResult RunIsolated(string scriptPath, SpecRunOptions options)
    {
        var name = SpecScriptDiscovery.ScriptName(scriptPath);
        SpecScript script;
        try
        {
            script = SpecScriptReader.ReadFile(scriptPath);
        }
        catch (SpecFormatException exception)
        {
            return ScriptResult.Broken(name, exception.Message);
        }

        var runner = new SpecScriptRunner(script, options);
        ScriptResult? result = null;
        Exception? crash = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = runner.Run();
                }
                catch (Exception exception)
                {
                    crash = exception;
                }
            },
            ScriptThreadStackBytes)
        {
            // A script left behind after its timeout must not keep the process alive.
            IsBackground = true,
            Name = "spectest " + name,
        };
        thread.Start();
        if (!thread.Join(options.ScriptTimeout))
        {
            var line = runner.CurrentLine;
            var seconds = options.ScriptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            return runner.Snapshot(new SpecFailure(line, name, $"the script to finish within {seconds}s", $"still running at line {line}; abandoned"));
        }

        return result ?? ScriptResult.Broken(name, "the runner failed: " + ExceptionText.Describe(crash!));
    }
}
