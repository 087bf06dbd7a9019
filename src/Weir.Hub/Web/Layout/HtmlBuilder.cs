using System.Runtime.CompilerServices;
using System.Text;

namespace Weir.Hub.Web.Layout;

/// <summary>Builds a page's markup; text is encoded for element content and double-quoted attributes alike.</summary>
internal sealed class HtmlBuilder
{
    private readonly StringBuilder buffer;

    public HtmlBuilder(int capacity = 4096)
    {
        buffer = new StringBuilder(capacity);
    }

    /// <summary>Appends markup whose holes are encoded (see <see cref="HtmlInterpolation"/>).</summary>
    public HtmlBuilder Append([InterpolatedStringHandlerArgument("")] HtmlInterpolation html)
    {
        _ = html;
        return this;
    }

    /// <summary>Appends text, encoded.</summary>
    public HtmlBuilder Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return this;
        }

        var start = 0;
        for (var index = 0; index < text.Length; index++)
        {
            var entity = text[index] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (entity is null)
            {
                continue;
            }

            buffer.Append(text, start, index - start).Append(entity);
            start = index + 1;
        }

        buffer.Append(text, start, text.Length - start);
        return this;
    }

    /// <summary>Appends trusted markup as is.</summary>
    public HtmlBuilder Raw(string markup)
    {
        buffer.Append(markup);
        return this;
    }

    public HtmlString ToHtml() => new(buffer.ToString());

    public override string ToString() => buffer.ToString();

    /// <summary>Encodes one value on its own.</summary>
    public static string Encode(string? text) => new HtmlBuilder(text?.Length + 16 ?? 16).Text(text).ToString();
}
