namespace Weir.Wasi.Tests.Support;

/// <summary>Paths inside the repository (found from the test assembly's location).</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Weir.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"cannot find the repository root (Weir.slnx) above {AppContext.BaseDirectory}");
    });

    public static string Root => RootPath.Value;

    public static string ProgramsDirectory => Path.Combine(Root, "tests", "wasi-programs");

    /// <summary>A committed test program, for example <c>files</c> → tests/wasi-programs/files.wasm.</summary>
    public static string Program(string name) => Path.Combine(ProgramsDirectory, name + ".wasm");
}
