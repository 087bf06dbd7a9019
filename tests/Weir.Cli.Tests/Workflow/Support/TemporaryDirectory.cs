namespace Weir.Cli.Tests.Workflow.Support;

/// <summary>A directory under the temporary directory, deleted with everything in it when disposed.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("weir-workflow-tests-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the directory is under /tmp anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
