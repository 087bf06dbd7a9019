namespace Weir.Hub.Web.Modules;

/// <summary>A section of the binary and the bytes of its contents.</summary>
internal sealed record ModuleSection(string Name, long Size);
