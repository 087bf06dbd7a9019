using System.Diagnostics.CodeAnalysis;

namespace Weir.Cli.Workflow.Projects;

/// <summary>The names of <see cref="ProjectLanguage"/> values as written on the command line and in <c>weir.json</c>.</summary>
internal static class ProjectLanguages
{
    public const string AssemblyScriptName = "assemblyscript";
    public const string CName = "c";

    /// <summary>Every name, for <c>--language</c> completion and messages.</summary>
    public static readonly string[] Names = [AssemblyScriptName, CName];

    public static string ToName(ProjectLanguage language) => language switch
    {
        ProjectLanguage.AssemblyScript => AssemblyScriptName,
        ProjectLanguage.C => CName,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    /// <summary>The name shown to people (AssemblyScript, C).</summary>
    public static string ToDisplayName(ProjectLanguage language) => language switch
    {
        ProjectLanguage.AssemblyScript => "AssemblyScript",
        ProjectLanguage.C => "C",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out ProjectLanguage? language)
    {
        language = text?.Trim().ToLowerInvariant() switch
        {
            AssemblyScriptName or "as" => ProjectLanguage.AssemblyScript,
            CName => ProjectLanguage.C,
            _ => null,
        };
        return language is not null;
    }
}
