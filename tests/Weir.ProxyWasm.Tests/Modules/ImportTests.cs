using Weir.ProxyWasm.Tests.Support;
using Weir.Wasm;
using static Weir.ProxyWasm.Tests.Support.WasmModuleBuilder;

namespace Weir.ProxyWasm.Tests.Modules;

public sealed class ImportTests
{
    private static readonly ValueKind[] None = [];
    private static readonly ValueKind[] I32 = [ValueKind.I32];
    private static readonly ValueKind[] I32x2 = [ValueKind.I32, ValueKind.I32];
    private static readonly ValueKind[] I32x3 = [ValueKind.I32, ValueKind.I32, ValueKind.I32];
    private static readonly ValueKind[] I32x4 = [ValueKind.I32, ValueKind.I32, ValueKind.I32, ValueKind.I32];
    private static readonly ValueKind[] I32x5 = [ValueKind.I32, ValueKind.I32, ValueKind.I32, ValueKind.I32, ValueKind.I32];

    private static Plugin Create(TestRuntime host, WasmModuleBuilder builder, Func<PluginConfiguration, PluginConfiguration>? configure = null)
    {
        var configuration = new PluginConfiguration { Name = "handmade", Limits = new PluginLimits { MaxVms = 1 } };
        return host.Runtime.CreatePlugin(ProxyWasmModule.Compile(Filters.Engine, builder.Build()), configure?.Invoke(configuration) ?? configuration);
    }

    /// <summary>A module that calls <paramref name="body"/> from proxy_on_request_headers and then continues.</summary>
    private static WasmModuleBuilder OnRequestHeaders(WasmModuleBuilder builder, params byte[][] body) =>
        builder.ExportedFunction("proxy_on_request_headers", I32x3, I32, [.. body, I32Const(0)]);

    [Fact]
    public void MissingImports_AreAllNamed_WithTheVersionThatHasThem()
    {
        var builder = new WasmModuleBuilder();
        builder.ImportFunction("env", "proxy_get_log_level", I32, I32);
        builder.ImportFunction("env", "proxy_no_such_function", None, I32);
        builder.ImportFunction("custom", "thing", None, None);
        builder.ExportedFunction("proxy_abi_version_0_2_0", None, None).ExportedFunction("malloc", I32, I32, I32Const(0));

        var create = () => Create(new TestRuntime(), builder);

        create.Should().Throw<PluginLoadException>().WithMessage(
            "plugin 'handmade': the module imports what this host does not provide: env.proxy_get_log_level (only in ABI 0.2.1; the module declares ABI 0.2.0), env.proxy_no_such_function, custom.thing");
    }

    [Fact]
    public void ZeroOneZeroOnlyFunctions_AreNotOfferedToZeroTwoModules()
    {
        var builder = new WasmModuleBuilder();
        builder.ImportFunction("env", "proxy_continue_request", None, I32);
        builder.ExportedFunction("proxy_abi_version_0_2_1", None, None).ExportedFunction("malloc", I32, I32, I32Const(0));

        var create = () => Create(new TestRuntime(), builder);

        create.Should().Throw<PluginLoadException>().WithMessage("*env.proxy_continue_request (only in ABI 0.1.0; the module declares ABI 0.2.1)*");
    }

    [Fact]
    public async Task AllowUnknownImports_BindsStubsThatAnswerUnimplemented()
    {
        var builder = new WasmModuleBuilder();
        var unknown = builder.ImportFunction("env", "proxy_from_the_future", None, I32);
        builder.ExportedFunction("proxy_abi_version_0_2_1", None, None).ExportedFunction("malloc", I32, I32, I32Const(0));
        OnRequestHeaders(builder, Call(unknown), TrapUnlessEquals((int)ProxyStatus.Unimplemented));
        var host = new TestRuntime();
        await using var plugin = Create(host, builder, c => c with { AllowUnknownImports = true });

        var result = await new Exchange().RunAsync(plugin);

        result.ClientStatus.Should().Be(200, host.Logger.ToString());
        host.Logger.HostMessages.Should().Contain(message => message.Contains("env.proxy_from_the_future") && message.Contains("UNIMPLEMENTED"));
    }

    [Fact]
    public void ImportWithTheWrongType_IsRefusedAtLink()
    {
        // AssemblyScript 0.1.8 binds a five-parameter "proxy_set_buffer_status" to the name proxy_get_buffer_status.
        var builder = new WasmModuleBuilder();
        builder.ImportFunction("env", "proxy_get_buffer_status", I32x5, I32);
        builder.ExportedFunction("proxy_abi_version_0_2_0", None, None).ExportedFunction("malloc", I32, I32, I32Const(0));

        var create = () => Create(new TestRuntime(), builder);

        create.Should().Throw<PluginLoadException>().WithMessage("*cannot be linked*proxy_get_buffer_status*");
    }

    [Fact]
    public async Task ToolchainImports_EmscriptenAndPthread_AreProvided()
    {
        var builder = new WasmModuleBuilder();
        var growth = builder.ImportFunction("env", "emscripten_notify_memory_growth", I32, None);
        var equal = builder.ImportFunction("env", "pthread_equal", I32x2, I32);
        builder.ExportedFunction("proxy_abi_version_0_2_1", None, None).ExportedFunction("malloc", I32, I32, I32Const(0));
        OnRequestHeaders(builder,
            I32Const(0), Call(growth),
            I32Const(5), I32Const(5), Call(equal), TrapUnlessEquals(1),
            I32Const(5), I32Const(6), Call(equal), TrapUnlessEquals(0));
        var host = new TestRuntime();
        await using var plugin = Create(host, builder);

        var result = await new Exchange().RunAsync(plugin);

        result.ClientStatus.Should().Be(200, host.Logger.ToString());
    }

    [Fact]
    public async Task AssemblyScriptAbort_IsLoggedWithItsMessage_AndFailsTheStream()
    {
        var builder = new WasmModuleBuilder();
        var abort = builder.ImportFunction("env", "abort", I32x4, None);
        builder.ExportedFunction("proxy_abi_version_0_2_0", None, None).ExportedFunction("malloc", I32, I32, I32Const(0));
        OnRequestHeaders(builder, I32Const(100), I32Const(200), I32Const(12), I32Const(34), Call(abort));
        builder.Data(96, AssemblyScriptString("index out of range")).Data(196, AssemblyScriptString("assembly/index.ts"));
        var host = new TestRuntime();
        await using var plugin = Create(host, builder);

        var result = await new Exchange().RunAsync(plugin);

        result.ClientStatus.Should().Be(503);
        host.Logger.Entries.Should().Contain(entry => entry.Level == ProxyLogLevel.Critical && entry.Message == "the filter aborted: index out of range at assembly/index.ts(12:34)");
        plugin.Health.LastFailure.Should().Contain("index out of range");
    }

    [Fact]
    public async Task ProcExitInACallback_FailsTheStream_AndSaysSo()
    {
        var builder = new WasmModuleBuilder();
        var exit = builder.ImportFunction("wasi_snapshot_preview1", "proc_exit", I32, None);
        builder.ExportedFunction("proxy_abi_version_0_2_1", None, None).ExportedFunction("malloc", I32, I32, I32Const(0));
        OnRequestHeaders(builder, I32Const(3), Call(exit));
        var host = new TestRuntime();
        await using var plugin = Create(host, builder);

        var result = await new Exchange().RunAsync(plugin);

        result.ClientStatus.Should().Be(503);
        host.Logger.HostMessages.Should().Contain(message => message.Contains("the filter called proc_exit(3)"));
    }

    [Fact]
    public async Task WasiUnstableImports_AreProvided_AndStandardOutputBecomesLogLines()
    {
        // fd_write(fd 1, iovec at 16 → "hello\nworld\n", 12 bytes, written count at 32).
        var builder = new WasmModuleBuilder();
        var fdWrite = builder.ImportFunction("wasi_unstable", "fd_write", I32x4, I32);
        builder.ExportedFunction("proxy_abi_version_0_2_1", None, None).ExportedFunction("malloc", I32, I32, I32Const(0));
        OnRequestHeaders(builder, I32Const(1), I32Const(16), I32Const(1), I32Const(32), Call(fdWrite), TrapUnlessEquals(0));
        builder.Data(16, [64, 0, 0, 0, 12, 0, 0, 0]).Data(64, "hello\nworld\n"u8.ToArray());
        var host = new TestRuntime();
        await using var plugin = Create(host, builder);

        var result = await new Exchange().RunAsync(plugin);

        result.ClientStatus.Should().Be(200, host.Logger.ToString());
        host.Logger.Entries.Where(entry => !entry.FromHost).Select(entry => (entry.Level, entry.Message))
            .Should().Equal((ProxyLogLevel.Info, "hello"), (ProxyLogLevel.Info, "world"));
    }

    [Fact]
    public void StartSection_CanLog_BeforeAnyContextExists()
    {
        var builder = new WasmModuleBuilder();
        var log = builder.ImportFunction("env", "proxy_log", I32x3, I32);
        builder.ExportedFunction("proxy_abi_version_0_2_0", None, None).ExportedFunction("malloc", I32, I32, I32Const(0));
        builder.Start(builder.AddFunction(None, None, I32Const(2), I32Const(64), I32Const(7), Call(log), Drop));
        builder.Data(64, "started"u8.ToArray());
        var host = new TestRuntime();

        var plugin = Create(host, builder);

        host.Logger.Messages.Should().Contain("started");
        plugin.Health.State.Should().Be(PluginState.Ready);
    }

    [Fact]
    public void CommandModules_RunStart_AndAProcExitZeroIsANormalEnd()
    {
        var builder = new WasmModuleBuilder();
        var log = builder.ImportFunction("env", "proxy_log", I32x3, I32);
        var exit = builder.ImportFunction("wasi_snapshot_preview1", "proc_exit", I32, None);
        builder.ExportedFunction("proxy_abi_version_0_1_0", None, None).ExportedFunction("malloc", I32, I32, I32Const(0));
        builder.ExportedFunction("_start", None, None, I32Const(2), I32Const(64), I32Const(5), Call(log), Drop, I32Const(0), Call(exit));
        builder.Data(64, "main!"u8.ToArray());
        var host = new TestRuntime();

        var plugin = Create(host, builder);

        host.Logger.Messages.Should().Contain("main!");
        plugin.Health.State.Should().Be(PluginState.Ready);
    }

    [Fact]
    public void CommandModules_ThatExitWithAnError_FailToLoad()
    {
        var builder = new WasmModuleBuilder();
        var exit = builder.ImportFunction("wasi_snapshot_preview1", "proc_exit", I32, None);
        builder.ExportedFunction("proxy_abi_version_0_1_0", None, None).ExportedFunction("malloc", I32, I32, I32Const(0));
        builder.ExportedFunction("_start", None, None, I32Const(1), Call(exit));

        var create = () => Create(new TestRuntime(), builder);

        create.Should().Throw<PluginLoadException>().WithMessage("*_start failed*proc_exit(1)*");
    }
}
