namespace Weir.Hub.Tests.Metadata;

/// <summary>Marks a test class whose <see cref="MetadataFactAttribute"/> tests need <c>WEIR_TEST_POSTGRES</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute
{
}
