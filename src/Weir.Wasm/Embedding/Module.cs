using System.Collections.Immutable;
using Weir.Wasm.Compilation;
using Weir.Wasm.Decoding;
using Weir.Wasm.Model;
using Weir.Wasm.Validation;

namespace Weir.Wasm;

/// <summary>
/// A decoded, validated and compiled WebAssembly module. Immutable and thread-safe: instantiate
/// it any number of times, from any threads, each instance in its own <see cref="Store"/>.
/// </summary>
public sealed class Module
{
    private Module(Engine engine, ModuleDefinition definition, CompiledModule compiled, string? name)
    {
        Engine = engine;
        Definition = definition;
        Compiled = compiled;
        Name = name;
    }

    /// <summary>The engine that compiled the module.</summary>
    public Engine Engine { get; }

    /// <summary>Everything the binary declares.</summary>
    public ModuleDefinition Definition { get; }

    /// <summary>The module's name from its name section, or the name given when it was loaded.</summary>
    public string? Name { get; }

    /// <summary>The imports the module needs.</summary>
    public ImmutableArray<Import> Imports => Definition.Imports;

    /// <summary>What the module exports.</summary>
    public ImmutableArray<Export> Exports => Definition.Exports;

    internal CompiledModule Compiled { get; }

    /// <summary>
    /// Has RyuJIT compile every function to machine code now. By default each function is compiled
    /// on its first call, which keeps start-up short; call this when first-request latency matters more.
    /// </summary>
    public void CompileAllFunctionsNow()
    {
        foreach (var method in Compiled.GeneratedType.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        {
            System.Runtime.CompilerServices.RuntimeHelpers.PrepareMethod(method.MethodHandle);
        }
    }

    /// <summary>
    /// Decodes, validates and compiles a module, or returns the module this engine already
    /// compiled from the same bytes and name if it is still referenced (see <see cref="EngineOptions.CacheModules"/>).
    /// </summary>
    /// <exception cref="WasmMalformedException">The bytes are not a well-formed binary.</exception>
    /// <exception cref="WasmValidationException">The module breaks a validation rule.</exception>
    public static Module FromBytes(Engine engine, ReadOnlyMemory<byte> binary, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return engine.Options.CacheModules
            ? engine.Modules.GetOrCompile(binary, name, (bytes, given) => Compile(engine, bytes, given))
            : Compile(engine, binary, name);
    }

    private static Module Compile(Engine engine, ReadOnlyMemory<byte> binary, string? name)
    {
        // The definition keeps slices of the binary (data segments, custom sections): a copy of
        // its own means no caller can change a module, cached or not, by reusing its buffer.
        var definition = ModuleDecoder.Decode(binary.ToArray());
        ModuleValidator.Validate(definition);
        var moduleName = definition.Names.ModuleName ?? name;
        var compiled = ModuleCompiler.Compile(engine, definition, moduleName);
        return new Module(engine, definition, compiled, moduleName);
    }

    /// <summary>Reads, decodes, validates and compiles a module file.</summary>
    public static Module FromFile(Engine engine, string path) =>
        FromBytes(engine, File.ReadAllBytes(path), Path.GetFileNameWithoutExtension(path));

    /// <summary>Decodes and validates a module without compiling it.</summary>
    /// <exception cref="WasmMalformedException">The bytes are not a well-formed binary.</exception>
    /// <exception cref="WasmValidationException">The module breaks a validation rule.</exception>
    public static ModuleDefinition Validate(ReadOnlyMemory<byte> binary)
    {
        var definition = ModuleDecoder.Decode(binary);
        ModuleValidator.Validate(definition);
        return definition;
    }
}
