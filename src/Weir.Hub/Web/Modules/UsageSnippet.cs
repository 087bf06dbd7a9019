namespace Weir.Hub.Web.Modules;

/// <summary>A ready-to-paste block on the module page: an id for its copy button, a heading, the text, and a note under it.</summary>
internal sealed record UsageSnippet(string Id, string Title, string Text, string Note);
