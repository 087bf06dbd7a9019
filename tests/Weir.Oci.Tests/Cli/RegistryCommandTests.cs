using System.Text.Json;
using Weir.Oci.Content;
using Weir.Oci.Store;
using Weir.Oci.Tests.Support;

namespace Weir.Oci.Tests.Cli;

/// <summary>The registry commands' local behaviour (no registry needed), through the real weir entry point.</summary>
public sealed class RegistryCommandTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly WeirCli cli;

    public RegistryCommandTests()
    {
        cli = new WeirCli(directory.Combine("home"));
    }

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Push_FileWithoutTarget_ExplainsTheTwoArgumentForm()
    {
        var file = directory.Combine("filter.wasm");
        await File.WriteAllBytesAsync(file, WasmFixtures.ProxyFilter());

        var result = await cli.RunAsync("push", file);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("give the reference to push it to");
    }

    [Fact]
    public async Task Push_UnknownLocalReference_PointsToWeirList()
    {
        var result = await cli.RunAsync("push", "127.0.0.1:5000/none/here:v1");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("not in the local store").And.Contain("weir list");
    }

    [Fact]
    public async Task Push_InvalidReference_NamesTheProblem()
    {
        var file = directory.Combine("filter.wasm");
        await File.WriteAllBytesAsync(file, WasmFixtures.ProxyFilter());

        var result = await cli.RunAsync("push", file, "127.0.0.1:5000/Team/filter:v1");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("must be lowercase");
    }

    [Fact]
    public async Task Push_NotWasmFile_FailsBeforeTouchingTheNetwork()
    {
        var file = directory.Combine("notes.wasm");
        await File.WriteAllTextAsync(file, "not a module");

        var result = await cli.RunAsync("push", file, "127.0.0.1:9/team/filter:v1");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("magic");
        new LocalStore(cli.WeirHome).List().Should().BeEmpty();
    }

    [Fact]
    public async Task Push_UnreachableRegistry_SaysSoButKeepsThePackagedModule()
    {
        var file = directory.Combine("filter.wasm");
        await File.WriteAllBytesAsync(file, WasmFixtures.ProxyFilter());

        // Port 9 (discard) is closed on test machines: the connection is refused at once.
        var result = await cli.RunAsync("push", file, "127.0.0.1:9/team/filter:v1");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("Cannot reach registry 127.0.0.1:9");
        var list = await cli.RunAsync("list", "--json");
        list.Output.Should().Contain("127.0.0.1:9/team/filter:v1", "the module was packaged into the store and 'weir push REF' can retry");
    }

    [Fact]
    public async Task TagAndList_ShowBothReferencesWithSameDigest()
    {
        var store = new LocalStore(cli.WeirHome);
        var added = await store.AddModuleAsync(WasmFixtures.ProxyFilter(), Reference.Parse("localhost:5000/a/filter:v1"));

        var tag = await cli.RunAsync("tag", "localhost:5000/a/filter:v1", "hub.example/team/filter:v2");
        var list = await cli.RunAsync("list", "--json");

        tag.ExitCode.Should().Be(0, tag.ToString());
        list.ExitCode.Should().Be(0, list.ToString());
        using var json = JsonDocument.Parse(list.Output);
        json.RootElement.EnumerateArray().Select(entry => entry.GetProperty("reference").GetString())
            .Should().Equal("hub.example/team/filter:v2", "localhost:5000/a/filter:v1");
        json.RootElement.EnumerateArray().Should().OnlyContain(entry => entry.GetProperty("digest").GetString() == added.Manifest.Digest.Value);
        json.RootElement[0].GetProperty("size").GetInt64().Should().BeGreaterThan(WasmFixtures.ProxyFilter().Length);
        json.RootElement[0].GetProperty("created").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");

        var table = await cli.RunAsync("list");
        table.Output.Should().StartWith("REFERENCE").And.Contain($"sha256:{added.Manifest.Digest.Encoded[..12]}");
    }

    [Fact]
    public async Task List_EmptyStore_SaysHowToAddModules()
    {
        var result = await cli.RunAsync("list");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain("is empty");
    }

    [Fact]
    public async Task Inspect_LocalReference_ShowsConfigAbiAndRootIds()
    {
        var store = new LocalStore(cli.WeirHome);
        await store.AddModuleAsync(WasmFixtures.ProxyFilter(), Reference.Parse("localhost:5000/a/filter:v1"), new Oci.Formats.PackageOptions { RootIds = ["add_header"] });

        var result = await cli.RunAsync("inspect", "localhost:5000/a/filter:v1", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("format").GetString().Should().Be("solo");
        json.RootElement.GetProperty("runtimeConfig").GetProperty("abiVersions")[0].GetString().Should().Be("v0.2.1");
        json.RootElement.GetProperty("runtimeConfig").GetProperty("rootIds")[0].GetString().Should().Be("add_header");
        json.RootElement.GetProperty("layers").GetArrayLength().Should().Be(2);
        json.RootElement.GetProperty("module").GetProperty("exports").EnumerateArray().Select(export => export.GetString())
            .Should().Contain("proxy_on_vm_start (function)");
    }

    [Fact]
    public async Task Inspect_WasmFile_ListsImportsExportsAndAbi()
    {
        var file = directory.Combine("filter.wasm");
        await File.WriteAllBytesAsync(file, WasmFixtures.ProxyFilter());

        var result = await cli.RunAsync("inspect", file);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("abiVersions: v0.2.1").And.Contain("env.proxy_log (function)").And.Contain("proxy_abi_version_0_2_1 (function)");
    }

    [Fact]
    public async Task Login_WithoutUser_IsAUsageError()
    {
        var result = await cli.RunAsync("login", "127.0.0.1:5000");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("-u USER");
    }

    [Fact]
    public async Task Help_MentionsLoopbackPlainHttpDefault()
    {
        var result = await cli.RunAsync("pull", "--help");

        result.Output.Should().Contain("--plain-http").And.Contain("127.0.0.1");
    }
}
