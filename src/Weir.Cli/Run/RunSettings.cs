namespace Weir.Cli.Run;

/// <summary>What <c>weir run</c> was asked to do, with every option already parsed and checked.</summary>
internal sealed record RunSettings(
    string ModulePath,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<DirectoryMapping> Directories,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    long? Fuel,
    TimeSpan? Timeout,
    ulong? MaxMemoryBytes,
    string? Invoke);
