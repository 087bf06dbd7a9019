using Weir.Hub.Tests.Support;

namespace Weir.Hub.Tests.Web.Browser;

/// <summary>
/// A fact that drives Debian's Chromium (<c>/usr/bin/chromium</c>) through Playwright: skipped with a reason
/// when it is missing, unless CI=true (then it runs and fails).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        Skip = File.Exists(HeadlessChromium.ExecutablePath) || ExternalTool.IsCi
            ? null
            : $"{HeadlessChromium.ExecutablePath} is not installed (apt-get install -y chromium); CI=true makes this test fail instead of skipping.";
    }
}
