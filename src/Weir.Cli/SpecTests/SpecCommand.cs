using System.Collections.Immutable;

namespace Weir.Cli.SpecTests;

/// <summary>One command of a script, with the fields its kind uses.</summary>
/// <param name="Kind">The command.</param>
/// <param name="Line">Its line in the original .wast script.</param>
/// <param name="TypeName">Its name in the JSON (<c>assert_return</c>, …), for reports.</param>
internal sealed record SpecCommand(SpecCommandKind Kind, int Line, string TypeName)
{
    /// <summary>The module file the command loads, relative to the script.</summary>
    public string? FileName { get; init; }

    /// <summary>The script name of the module being defined (<c>module</c>) or registered (<c>register</c>).</summary>
    public string? ModuleName { get; init; }

    /// <summary>The import module name a <c>register</c> makes the module available under.</summary>
    public string? RegisterAs { get; init; }

    public SpecAction? Action { get; init; }

    public ImmutableArray<ExpectedValue> Expected { get; init; } = [];

    /// <summary>The spec's wording of the expected failure.</summary>
    public string? Text { get; init; }

    /// <summary>Whether the module is in the text format (only <c>assert_malformed</c> uses it).</summary>
    public bool IsTextModule { get; init; }

    /// <summary>Why the command could not be read, for <see cref="SpecCommandKind.Unreadable"/>.</summary>
    public string? Error { get; init; }

    /// <summary>A one-line description for reports, such as <c>assert_return add(i32:1, i32:2)</c>.</summary>
    public string Describe() => Kind switch
    {
        _ when Action is not null => $"{TypeName} {Action}",
        SpecCommandKind.Register => $"{TypeName} {ModuleName ?? "(current module)"} as \"{RegisterAs}\"",
        _ when FileName is not null => ModuleName is null ? $"{TypeName} {FileName}" : $"{TypeName} {ModuleName} {FileName}",
        _ => TypeName,
    };
}
