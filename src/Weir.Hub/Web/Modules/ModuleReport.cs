namespace Weir.Hub.Web.Modules;

/// <summary>
/// What the module page shows about a module: where it is stored, its proxy-wasm ABI versions (from marker
/// exports) and root ids (from the runtime config), and what Weir.Wasm decoded from the binary. When
/// validation fails, <paramref name="ValidationError"/> says why and imports, exports and sections come from
/// the lighter section reader instead.
/// </summary>
internal sealed record ModuleReport(
    ModuleArtifact Artifact,
    IReadOnlyList<string> AbiVersions,
    IReadOnlyList<string> DeclaredAbiVersions,
    IReadOnlyList<string> RootIds,
    bool IsComponent,
    string? ModuleName,
    IReadOnlyList<ModuleImportGroup> Imports,
    IReadOnlyList<ModuleItem> Exports,
    IReadOnlyList<ModuleLimits> Memories,
    IReadOnlyList<ModuleLimits> Tables,
    int DefinedFunctionCount,
    int DefinedGlobalCount,
    IReadOnlyList<ModuleSection> Sections,
    string? ValidationError);
