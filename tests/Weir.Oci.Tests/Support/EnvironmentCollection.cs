namespace Weir.Oci.Tests.Support;

/// <summary>Tests that change process-wide environment variables run in this collection, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
