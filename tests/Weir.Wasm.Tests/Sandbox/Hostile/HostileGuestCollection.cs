namespace Weir.Wasm.Tests.Sandbox.Hostile;

/// <summary>
/// Hostile-guest tests measure the process's peak memory, so they run alone: xunit runs collections
/// that disable parallelization after all the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileGuestCollection
{
    public const string Name = "Hostile guests";
}
