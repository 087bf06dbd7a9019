namespace Weir.Hub.Web.Repositories;

/// <summary>Rules for what owners type into the repository settings.</summary>
internal static class RepositorySettings
{
    public const int MaxDescriptionLength = 500;

    /// <summary>One paragraph: line breaks and runs of spaces become single spaces.</summary>
    public static string NormalizeDescription(string text) =>
        string.Join(' ', text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
