namespace Weir.Hub.Web.Modules;

/// <summary>An import or export: its name, what kind of thing it is, and its type (a function signature, limits, a value type).</summary>
internal sealed record ModuleItem(string Name, string Kind, string Type);
