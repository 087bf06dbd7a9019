namespace Weir.Cli.Workflow.Init;

/// <summary>One file of a rendered project template.</summary>
/// <param name="RelativePath">Where it goes in the project, with '/' separators.</param>
/// <param name="Content">Its bytes, placeholders already replaced.</param>
/// <param name="Executable">Whether it is a script to mark executable.</param>
internal sealed record TemplateFile(string RelativePath, byte[] Content, bool Executable);
