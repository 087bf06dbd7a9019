using System.Globalization;
using System.Runtime.CompilerServices;

namespace Weir.Hub.Web.Layout;

/// <summary>
/// Lets pages write <c>html.Append($"&lt;a href=\"{url}\"&gt;{name}&lt;/a&gt;")</c>: the literal parts are
/// markup, every hole is HTML-encoded unless it is an <see cref="HtmlString"/>. Escaping is therefore the
/// default and forgetting it is impossible.
/// </summary>
[InterpolatedStringHandler]
internal readonly ref struct HtmlInterpolation
{
    private readonly HtmlBuilder builder;

    public HtmlInterpolation(int literalLength, int formattedCount, HtmlBuilder builder)
    {
        _ = literalLength;
        _ = formattedCount;
        this.builder = builder;
    }

    public void AppendLiteral(string value) => builder.Raw(value);

    public void AppendFormatted(string? value) => builder.Text(value);

    public void AppendFormatted(HtmlString value) => builder.Raw(value.Value);

    public void AppendFormatted(long value) => builder.Raw(value.ToString(CultureInfo.InvariantCulture));

    public void AppendFormatted(int value) => builder.Raw(value.ToString(CultureInfo.InvariantCulture));

    public void AppendFormatted<T>(T value) => builder.Text(Convert.ToString(value, CultureInfo.InvariantCulture));
}
