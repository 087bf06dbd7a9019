using System.Reflection;

namespace Weir.Hub.Tests.Support;

/// <summary>Locates the repository and the build outputs the tests run as separate processes.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>The build configuration of this test assembly (Debug or Release), used to find the matching CLI build.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryRoot).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary><c>src/Weir.Cli/bin/&lt;Configuration&gt;/net10.0/weir.dll</c>, built before the tests by the project reference.</summary>
    public static string WeirDll => System.IO.Path.Combine(Path, "src", "Weir.Cli", "bin", Configuration, "net10.0", "weir.dll");

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Weir.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Weir.slnx above {AppContext.BaseDirectory}.");
    }
}
