namespace Weir.Gateway.Configuration;

/// <summary>Active health checking of a cluster's endpoints: a GET of <see cref="Path"/> every <see cref="Interval"/>.</summary>
/// <param name="Path">The path requested.</param>
/// <param name="Interval">Time between checks of one endpoint.</param>
/// <param name="Timeout">How long a check may take.</param>
/// <param name="HealthyThreshold">Consecutive passing checks that make an unhealthy endpoint healthy.</param>
/// <param name="UnhealthyThreshold">Consecutive failing checks that make a healthy endpoint unhealthy.</param>
/// <param name="ExpectedStatusMin">The lowest status that passes.</param>
/// <param name="ExpectedStatusMax">The highest status that passes.</param>
internal sealed record HealthCheckDefinition(
    string Path,
    TimeSpan Interval,
    TimeSpan Timeout,
    int HealthyThreshold,
    int UnhealthyThreshold,
    int ExpectedStatusMin,
    int ExpectedStatusMax);
