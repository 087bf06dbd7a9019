using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Weir.Hub.Metadata;
using Weir.Oci.Modules;
using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.Hub.Web.Modules;

/// <summary>
/// Builds <see cref="ModuleReport"/>s for the module page. Validation walks every function body, so reports
/// are kept per manifest digest (content-addressed, so a report never goes stale) in a small cache.
/// </summary>
internal sealed class ModuleInspector
{
    private const int CacheCapacity = 256;

    private readonly ConcurrentDictionary<string, ModuleReport> reports = new(StringComparer.Ordinal);
    private readonly ModuleArtifactReader reader;

    public ModuleInspector(ModuleArtifactReader reader)
    {
        this.reader = reader;
    }

    /// <exception cref="ModuleArtifactException">The manifest holds no readable Wasm binary.</exception>
    public async ValueTask<ModuleReport> InspectAsync(long repositoryId, ManifestRecord manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (reports.TryGetValue(manifest.Digest, out var cached))
        {
            return cached;
        }

        var artifact = await reader.ReadAsync(repositoryId, manifest, cancellationToken).ConfigureAwait(false);
        var report = Inspect(artifact);
        if (reports.Count >= CacheCapacity)
        {
            reports.Clear();
        }

        reports[manifest.Digest] = report;
        return report;
    }

    /// <exception cref="ModuleArtifactException">The module bytes are not a Wasm binary.</exception>
    public static ModuleReport Inspect(ModuleArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        WasmModuleInfo info;
        try
        {
            info = WasmModuleReader.Read(artifact.Module);
        }
        catch (InvalidWasmModuleException exception)
        {
            throw new ModuleArtifactException($"The module layer is not a WebAssembly binary. {exception.Message}", exception);
        }

        var declaredAbiVersions = artifact.RuntimeConfig?.AbiVersions ?? [];
        var rootIds = artifact.RuntimeConfig?.RootIds ?? [];
        var sections = info.Sections.Select(section => new ModuleSection(section.Name, section.Size)).ToList();
        if (info.Kind == WasmBinaryKind.Component)
        {
            return new ModuleReport(artifact, [], declaredAbiVersions, rootIds, true, null, [], [], [], [], 0, 0, sections, null);
        }

        ModuleDefinition definition;
        try
        {
            definition = Module.Validate(artifact.Module);
        }
        catch (Exception exception) when (exception is WasmMalformedException or WasmValidationException)
        {
            // Show what the section reader found, and why Weir would not run the module.
            var imports = info.Imports
                .GroupBy(import => import.Module, StringComparer.Ordinal)
                .Select(group => new ModuleImportGroup(group.Key, group.Select(import => new ModuleItem(import.Name, KindName(import.Kind), string.Empty)).ToList()))
                .ToList();
            var exports = info.Exports.Select(export => new ModuleItem(export.Name, KindName(export.Kind), string.Empty)).ToList();
            return new ModuleReport(artifact, info.ProxyAbiVersions, declaredAbiVersions, rootIds, false, null, imports, exports, [], [], 0, 0, sections, exception.Message);
        }

        var groups = definition.Imports
            .GroupBy(import => import.Module, StringComparer.Ordinal)
            .Select(group => new ModuleImportGroup(group.Key, group.Select(import => new ModuleItem(import.Name, KindName(import.Kind), ImportType(definition, import))).ToList()))
            .ToList();
        var exportItems = definition.Exports.Select(export => new ModuleItem(export.Name, KindName(export.Kind), ExportType(definition, export))).ToList();

        var memories = new List<ModuleLimits>();
        var tables = new List<ModuleLimits>();
        foreach (var import in definition.Imports)
        {
            if (import.Memory is { } memory)
            {
                memories.Add(new ModuleLimits(memories.Count, $"imported from {import.Module}.{import.Name}", memory.Limits.Minimum, memory.Limits.Maximum, null));
            }
            else if (import.Table is { } table)
            {
                tables.Add(new ModuleLimits(tables.Count, $"imported from {import.Module}.{import.Name}", table.Limits.Minimum, table.Limits.Maximum, ValueKinds.ToText(table.ElementKind)));
            }
        }

        foreach (var memory in definition.Memories)
        {
            memories.Add(new ModuleLimits(memories.Count, "defined", memory.Limits.Minimum, memory.Limits.Maximum, null));
        }

        foreach (var table in definition.Tables)
        {
            tables.Add(new ModuleLimits(tables.Count, "defined", table.Limits.Minimum, table.Limits.Maximum, ValueKinds.ToText(table.ElementKind)));
        }

        return new ModuleReport(
            artifact,
            info.ProxyAbiVersions,
            declaredAbiVersions,
            rootIds,
            false,
            definition.Names.ModuleName,
            groups,
            exportItems,
            memories,
            tables,
            definition.FunctionTypeIndices.Length,
            definition.Globals.Length,
            sections,
            null);
    }

    /// <summary>A signature as <c>(i32, i32) → i32</c>.</summary>
    public static string Signature(FunctionType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var text = new StringBuilder("(");
        text.AppendJoin(", ", type.Parameters.Select(ValueKinds.ToText)).Append(") → ");
        text.Append(type.Results.Length switch
        {
            0 => "()",
            1 => ValueKinds.ToText(type.Results[0]),
            _ => "(" + string.Join(", ", type.Results.Select(ValueKinds.ToText)) + ")",
        });
        return text.ToString();
    }

    private static string ImportType(ModuleDefinition definition, Import import) => import.Kind switch
    {
        ExternalKind.Function => Signature(definition.Types[(int)import.FunctionTypeIndex]),
        ExternalKind.Memory when import.Memory is { } memory => LimitsText(memory.Limits, "pages"),
        ExternalKind.Table when import.Table is { } table => ValueKinds.ToText(table.ElementKind) + ", " + LimitsText(table.Limits, "elements"),
        ExternalKind.Global when import.Global is { } global => (global.Mutable ? "mutable " : string.Empty) + ValueKinds.ToText(global.Kind),
        _ => string.Empty,
    };

    private static string ExportType(ModuleDefinition definition, Export export) => export.Kind switch
    {
        ExternalKind.Function => Signature(definition.GetFunctionType(export.Index)),
        _ => "index " + export.Index.ToString(CultureInfo.InvariantCulture),
    };

    private static string LimitsText(Limits limits, string unit) =>
        limits.Maximum is { } maximum
            ? string.Create(CultureInfo.InvariantCulture, $"{limits.Minimum} to {maximum} {unit}")
            : string.Create(CultureInfo.InvariantCulture, $"at least {limits.Minimum} {unit}, no maximum");

    private static string KindName(ExternalKind kind) => kind switch
    {
        ExternalKind.Function => "function",
        ExternalKind.Table => "table",
        ExternalKind.Memory => "memory",
        ExternalKind.Global => "global",
        _ => kind.ToString(),
    };

    private static string KindName(WasmExternalKind kind) => kind switch
    {
        WasmExternalKind.Function => "function",
        WasmExternalKind.Table => "table",
        WasmExternalKind.Memory => "memory",
        WasmExternalKind.Global => "global",
        _ => kind.ToString(),
    };
}
