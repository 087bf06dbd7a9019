using System.Diagnostics;

namespace Weir.Fuzz.Tools;

/// <summary>Finds the external programs the fuzzers drive (node, wasm-opt, wasm-reduce) and runs them with a time limit.</summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// npm's binaryen, installed by <c>npm ci --prefix fuzz/differential</c> (fuzz/run does it): its
    /// wasm-opt script, found from the fuzzer's directory upwards, then from the current directory
    /// upwards (for a copy of the fuzzer run from the repository), or null.
    /// </summary>
    public static string? FindNewerBinaryen()
    {
        var relative = Path.Combine("differential", "node_modules", "binaryen", "bin", "wasm-opt");
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(directory.FullName, relative), Path.Combine(directory.FullName, "fuzz", relative) })
                {
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The full path of <paramref name="name"/>, or an exception naming the package that provides it.</summary>
    public static string Require(string name, string package) =>
        Find(name) ?? throw new FileNotFoundException($"{name} is not installed (apt-get install -y {package})", name);

    /// <summary>Runs a program to completion, killing it (and only it) after <paramref name="timeout"/>.</summary>
    public static ToolResult Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ToolResult(-1, output.Result, error.Result, TimedOut: true);
        }

        process.WaitForExit();
        return new ToolResult(process.ExitCode, output.Result, error.Result, TimedOut: false);
    }
}
