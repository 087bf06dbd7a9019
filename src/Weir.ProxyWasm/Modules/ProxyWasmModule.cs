using System.Collections.Immutable;
using Weir.ProxyWasm.Modules;
using Weir.Wasm;
using Weir.Wasm.Model;

namespace Weir.ProxyWasm;

/// <summary>
/// A compiled proxy-wasm module with what the host learned from its exports: the ABI version (from
/// the marker export), the allocator it will call, the shape of its header callbacks (2 or 3
/// parameters, taken from their actual types) and which callbacks it implements. Immutable; one
/// module serves any number of plugins and VMs.
/// </summary>
public sealed class ProxyWasmModule
{
    private static readonly (string Marker, ProxyAbiVersion Version)[] Markers =
    [
        ("proxy_abi_version_0_1_0", ProxyAbiVersion.V0_1_0),
        ("proxy_abi_version_0_2_0", ProxyAbiVersion.V0_2_0),
        ("proxy_abi_version_0_2_1", ProxyAbiVersion.V0_2_1),
    ];

    private ProxyWasmModule(Module module, ProxyAbiVersion abiVersion, string allocator, int requestHeadersParameters, int responseHeadersParameters, ImmutableHashSet<string> exportedFunctions)
    {
        Module = module;
        AbiVersion = abiVersion;
        AllocatorExport = allocator;
        RequestHeadersParameterCount = requestHeadersParameters;
        ResponseHeadersParameterCount = responseHeadersParameters;
        ExportedFunctions = exportedFunctions;
    }

    /// <summary>The compiled module.</summary>
    public Module Module { get; }

    /// <summary>The ABI version its marker export declares.</summary>
    public ProxyAbiVersion AbiVersion { get; }

    /// <summary>The export the host allocates guest memory with: <c>proxy_on_memory_allocate</c> when exported, otherwise <c>malloc</c>.</summary>
    public string AllocatorExport { get; }

    /// <summary>Parameters of <c>proxy_on_request_headers</c> (2 without end_of_stream, 3 with it; 0 when not exported).</summary>
    public int RequestHeadersParameterCount { get; }

    /// <summary>Parameters of <c>proxy_on_response_headers</c> (2 or 3; 0 when not exported).</summary>
    public int ResponseHeadersParameterCount { get; }

    /// <summary>The names of all function exports.</summary>
    public ImmutableHashSet<string> ExportedFunctions { get; }

    /// <summary>The ABI version's name as in the marker, for example <c>0.2.1</c>.</summary>
    public string AbiVersionText => AbiVersion switch
    {
        ProxyAbiVersion.V0_1_0 => "0.1.0",
        ProxyAbiVersion.V0_2_0 => "0.2.0",
        _ => "0.2.1",
    };

    /// <summary>Whether the module exports the function.</summary>
    public bool Exports(string name) => ExportedFunctions.Contains(name);

    /// <summary>Decodes, validates and compiles <paramref name="binary"/> and checks it as a proxy-wasm module.</summary>
    /// <exception cref="ProxyWasmModuleException">It is not valid WebAssembly or not a usable proxy-wasm module.</exception>
    public static ProxyWasmModule Compile(Engine engine, ReadOnlyMemory<byte> binary, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Module module;
        try
        {
            module = Module.FromBytes(engine, binary, name);
        }
        catch (Exception exception) when (exception is WasmMalformedException or WasmValidationException)
        {
            throw new ProxyWasmModuleException($"not a valid WebAssembly module: {exception.Message}", exception);
        }

        return FromModule(module);
    }

    /// <summary>Checks an already compiled module as a proxy-wasm module.</summary>
    /// <exception cref="ProxyWasmModuleException">It is not a usable proxy-wasm module.</exception>
    public static ProxyWasmModule FromModule(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var definition = module.Definition;
        var functions = definition.Exports.Where(export => export.Kind == ExternalKind.Function).ToList();

        // Callbacks run under a time limit: compile every function to machine code now, once per
        // module, so that no request's first callback pays for RyuJIT (it can take a second under load).
        module.CompileAllFunctionsNow();

        // The first function export named after a marker decides, as cpp-host's getAbiVersion does.
        ProxyAbiVersion? version = null;
        foreach (var export in functions)
        {
            var match = Array.FindIndex(Markers, marker => marker.Marker == export.Name);
            if (match >= 0)
            {
                version = Markers[match].Version;
                break;
            }
        }

        if (version is null)
        {
            var other = functions.FirstOrDefault(export => export.Name.StartsWith("proxy_abi_version_", StringComparison.Ordinal));
            throw new ProxyWasmModuleException(other is null
                ? "missing or unknown Proxy-Wasm ABI version: the module exports none of proxy_abi_version_0_1_0, proxy_abi_version_0_2_0, proxy_abi_version_0_2_1"
                : $"missing or unknown Proxy-Wasm ABI version: '{other.Name}' is not a version this host supports (0.1.0, 0.2.0, 0.2.1)");
        }

        var types = functions.ToDictionary(export => export.Name, export => definition.GetFunctionType(export.Index), StringComparer.Ordinal);
        foreach (var (exportName, expected) in CallbackSignatures.Fixed)
        {
            if (types.TryGetValue(exportName, out var actual) && !actual.Equals(expected))
            {
                throw new ProxyWasmModuleException($"export '{exportName}' has type {actual}, but proxy-wasm hosts call it as {expected}");
            }
        }

        var requestHeaders = HeaderCallbackParameters(types, CallbackSignatures.RequestHeaders);
        var responseHeaders = HeaderCallbackParameters(types, CallbackSignatures.ResponseHeaders);

        // Spec order: the SDK's own allocator when exported, malloc otherwise (see docs/PROXY-WASM.md).
        var allocator = types.ContainsKey("proxy_on_memory_allocate") ? "proxy_on_memory_allocate"
            : types.ContainsKey("malloc") ? "malloc"
            : throw new ProxyWasmModuleException("the module exports neither proxy_on_memory_allocate nor malloc, so the host cannot return data to it");

        if (!definition.Exports.Any(export => export.Kind == ExternalKind.Memory) && definition.Memories.Length + definition.ImportedMemoryCount == 0)
        {
            throw new ProxyWasmModuleException("the module has no linear memory");
        }

        return new ProxyWasmModule(module, version.Value, allocator, requestHeaders, responseHeaders, [.. types.Keys]);
    }

    private static int HeaderCallbackParameters(Dictionary<string, FunctionType> types, string name)
    {
        if (!types.TryGetValue(name, out var type))
        {
            return 0;
        }

        // Many 0.1.0 modules (C++ SDK, TinyGo) export the 0.2.x three-parameter shape, so the actual type decides.
        if (type.Equals(CallbackSignatures.Type(2, true)) || type.Equals(CallbackSignatures.Type(3, true)))
        {
            return type.Parameters.Length;
        }

        throw new ProxyWasmModuleException($"export '{name}' has type {type}, but proxy-wasm hosts call it as (func (param i32 i32) (result i32)) or (func (param i32 i32 i32) (result i32))");
    }
}
