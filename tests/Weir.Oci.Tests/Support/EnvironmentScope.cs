namespace Weir.Oci.Tests.Support;

/// <summary>Sets environment variables and restores the previous values on dispose.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    private readonly List<(string Name, string? Previous)> saved = [];

    public EnvironmentScope(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            saved.Add((name, Environment.GetEnvironmentVariable(name)));
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, previous) in saved)
        {
            Environment.SetEnvironmentVariable(name, previous);
        }
    }
}
