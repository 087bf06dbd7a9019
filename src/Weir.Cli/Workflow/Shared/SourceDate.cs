using System.Globalization;

namespace Weir.Cli.Workflow.Shared;

/// <summary>The creation time written into packaged configs: <c>SOURCE_DATE_EPOCH</c> when set, so rebuilding the same module gives the same digests.</summary>
internal static class SourceDate
{
    public static DateTimeOffset Now()
    {
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        return epoch is not null && long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UtcNow;
    }
}
