namespace Weir.Hub.Web.Modules;

/// <summary>The imports a module takes from one host module (<c>env</c>, <c>wasi_snapshot_preview1</c>, …).</summary>
internal sealed record ModuleImportGroup(string Module, IReadOnlyList<ModuleItem> Items);
