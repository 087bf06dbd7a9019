using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Weir.Hub.Registry;

/// <summary>
/// The <c>n</c> and <c>last</c> parameters of tag and catalog listings. Without <c>n</c> everything is
/// listed; an <c>n</c> above the page limit is served as a full page plus a <c>Link</c> to the rest,
/// which the spec allows ("exactly n … unless a Link header is sent").
/// </summary>
internal readonly record struct PageRequest(int? Size, string? After)
{
    public const int MaxPageSize = 1000;

    public static PageRequest Parse(HttpRequest request)
    {
        var after = RawQuery.Get(request, "last");
        var n = RawQuery.Get(request, "n");
        if (n is null)
        {
            return new PageRequest(null, string.IsNullOrEmpty(after) ? null : after);
        }

        if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw RegistryException.PaginationInvalid($"n must be a non-negative integer, not '{n}'");
        }

        return new PageRequest(size, string.IsNullOrEmpty(after) ? null : after);
    }

    /// <summary>How many entries to fetch: one more than the page, to learn whether a next page exists.</summary>
    public int FetchCount => Size is { } size ? Math.Min(size, MaxPageSize) + 1 : int.MaxValue;

    /// <summary>Trims the fetched entries to the page and sets the <c>Link</c> header when more remain.</summary>
    public IReadOnlyList<string> Apply(IReadOnlyList<string> fetched, HttpResponse response, string path)
    {
        if (Size is not { } size)
        {
            return fetched;
        }

        var pageSize = Math.Min(size, MaxPageSize);
        if (fetched.Count <= pageSize)
        {
            return fetched;
        }

        var page = fetched.Take(pageSize).ToList();
        if (page.Count > 0)
        {
            response.Headers.Link = string.Create(
                CultureInfo.InvariantCulture,
                $"<{path}?last={Uri.EscapeDataString(page[^1])}&n={size}>; rel=\"next\"");
        }

        return page;
    }
}
