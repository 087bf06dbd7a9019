using Weir.ProxyWasm.Tests.Support;
using Weir.Wasm;

namespace Weir.ProxyWasm.Tests.Modules;

public sealed class ModuleCheckTests
{
    private static readonly ValueKind[] None = [];
    private static readonly ValueKind[] I32 = [ValueKind.I32];
    private static readonly ValueKind[] I32x2 = [ValueKind.I32, ValueKind.I32];
    private static readonly ValueKind[] I32x3 = [ValueKind.I32, ValueKind.I32, ValueKind.I32];

    private static ProxyWasmModule Compile(WasmModuleBuilder builder) => ProxyWasmModule.Compile(Filters.Engine, builder.Build());

    [Theory]
    [InlineData("probe_0_1_0.wasm", ProxyAbiVersion.V0_1_0, "malloc", 2)]
    [InlineData("probe_0_1_0_eos.wasm", ProxyAbiVersion.V0_1_0, "malloc", 3)]
    [InlineData("probe_0_2_0.wasm", ProxyAbiVersion.V0_2_0, "malloc", 3)]
    [InlineData("probe_0_2_1.wasm", ProxyAbiVersion.V0_2_1, "proxy_on_memory_allocate", 3)]
    [InlineData("add_header.wasm", ProxyAbiVersion.V0_2_0, "malloc", 3)]
    public void Module_ExamplesFilters_AreRecognised(string file, ProxyAbiVersion version, string allocator, int headerParameters)
    {
        var module = Filters.Load(file);

        module.AbiVersion.Should().Be(version);
        module.AllocatorExport.Should().Be(allocator);
        module.RequestHeadersParameterCount.Should().Be(headerParameters);
        module.ResponseHeadersParameterCount.Should().Be(headerParameters);
    }

    [Fact]
    public void Module_WithoutAMarker_IsRefused()
    {
        var builder = new WasmModuleBuilder().ExportedFunction("malloc", I32, I32, WasmModuleBuilder.I32Const(0));

        var compile = () => Compile(builder);

        compile.Should().Throw<ProxyWasmModuleException>().WithMessage("missing or unknown Proxy-Wasm ABI version*");
    }

    [Fact]
    public void Module_WithAFutureMarker_IsRefusedByName()
    {
        var compile = () => Compile(WasmModuleBuilder.Minimal("proxy_abi_version_0_3_0"));

        compile.Should().Throw<ProxyWasmModuleException>().WithMessage("*'proxy_abi_version_0_3_0' is not a version this host supports*");
    }

    [Fact]
    public void Module_FirstMarkerWins()
    {
        var builder = WasmModuleBuilder.Minimal("proxy_abi_version_0_1_0").ExportedFunction("proxy_abi_version_0_2_1", None, None);

        Compile(builder).AbiVersion.Should().Be(ProxyAbiVersion.V0_1_0);
    }

    [Fact]
    public void Module_CallbackWithTheWrongType_IsRefused()
    {
        var builder = WasmModuleBuilder.Minimal().ExportedFunction("proxy_on_tick", I32x2, None);

        var compile = () => Compile(builder);

        compile.Should().Throw<ProxyWasmModuleException>().WithMessage("export 'proxy_on_tick' has type (func (param i32 i32)), but proxy-wasm hosts call it as (func (param i32))");
    }

    [Fact]
    public void Module_HeaderCallbackWithFourParameters_IsRefused()
    {
        var builder = WasmModuleBuilder.Minimal().ExportedFunction("proxy_on_request_headers", [.. I32x3, ValueKind.I32], I32, WasmModuleBuilder.I32Const(0));

        var compile = () => Compile(builder);

        compile.Should().Throw<ProxyWasmModuleException>().WithMessage("export 'proxy_on_request_headers' has type*");
    }

    [Fact]
    public void Module_ZeroOneZeroWithThreeParameterHeaderCallbacks_IsAccepted()
    {
        var builder = WasmModuleBuilder.Minimal("proxy_abi_version_0_1_0").ExportedFunction("proxy_on_request_headers", I32x3, I32, WasmModuleBuilder.I32Const(0));

        var module = Compile(builder);

        module.RequestHeadersParameterCount.Should().Be(3);
        module.ResponseHeadersParameterCount.Should().Be(0);
    }

    [Fact]
    public void Module_WithoutAnAllocator_IsRefused()
    {
        var builder = new WasmModuleBuilder().ExportedFunction("proxy_abi_version_0_2_1", None, None);

        var compile = () => Compile(builder);

        compile.Should().Throw<ProxyWasmModuleException>().WithMessage("*neither proxy_on_memory_allocate nor malloc*");
    }

    [Fact]
    public void Module_NotWebAssembly_IsRefused()
    {
        var compile = () => ProxyWasmModule.Compile(Filters.Engine, "not a module"u8.ToArray());

        compile.Should().Throw<ProxyWasmModuleException>().WithMessage("not a valid WebAssembly module*");
    }
}
