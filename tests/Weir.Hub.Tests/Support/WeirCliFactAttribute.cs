namespace Weir.Hub.Tests.Support;

/// <summary>
/// A fact that runs the built <c>weir</c> CLI as a separate process. The project reference builds it
/// before the tests; if it is missing anyway (the CLI failed to build), the test is skipped with the
/// reason, unless CI=true (then it runs and fails).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class WeirCliFactAttribute : FactAttribute
{
    public WeirCliFactAttribute()
    {
        if (!File.Exists(RepositoryRoot.WeirDll) && !ExternalTool.IsCi)
        {
            Skip = $"{RepositoryRoot.WeirDll} is not built (dotnet build src/Weir.Cli -c {RepositoryRoot.Configuration}); CI=true makes this test fail instead of skipping.";
        }
    }
}
