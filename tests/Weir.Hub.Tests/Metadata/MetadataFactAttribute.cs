using Xunit.Sdk;

namespace Weir.Hub.Tests.Metadata;

/// <summary>
/// A fact of the shared metadata contract. The contract's tests are declared once in the base class;
/// the discoverer looks at the concrete class to decide whether the database it needs is available.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Weir.Hub.Tests.Metadata.MetadataFactDiscoverer", "Weir.Hub.Tests")]
public sealed class MetadataFactAttribute : FactAttribute
{
}
