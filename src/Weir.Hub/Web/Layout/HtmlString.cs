namespace Weir.Hub.Web.Layout;

/// <summary>Markup that is already safe (built by <see cref="HtmlBuilder"/> or a sanitizing renderer), inserted as is.</summary>
internal readonly record struct HtmlString(string Value)
{
    public static HtmlString Empty { get; } = new(string.Empty);

    public override string ToString() => Value;
}
