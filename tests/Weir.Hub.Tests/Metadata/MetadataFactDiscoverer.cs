using Weir.Hub.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Weir.Hub.Tests.Metadata;

/// <summary>Skips contract tests of classes marked <see cref="RequiresPostgresAttribute"/> when no PostgreSQL is configured (outside CI).</summary>
public sealed class MetadataFactDiscoverer : IXunitTestCaseDiscoverer
{
    private readonly IMessageSink diagnosticMessageSink;

    public MetadataFactDiscoverer(IMessageSink diagnosticMessageSink)
    {
        this.diagnosticMessageSink = diagnosticMessageSink;
    }

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        var skipReason = needsPostgres ? PostgresTestDatabase.SkipReason : null;
        if (skipReason is not null)
        {
            yield return new XunitSkippedDataRowTestCase(
                diagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                skipReason);
            yield break;
        }

        yield return new XunitTestCase(
            diagnosticMessageSink,
            discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(),
            testMethod);
    }
}
