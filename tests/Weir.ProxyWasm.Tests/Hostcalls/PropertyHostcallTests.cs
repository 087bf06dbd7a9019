using System.Buffers.Binary;
using System.Net;
using System.Text;
using Weir.ProxyWasm.Abi;
using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Hostcalls;

/// <summary>proxy_get_property and proxy_set_property.</summary>
public sealed class PropertyHostcallTests
{
    private static readonly Exchange Request = new()
    {
        Method = "POST",
        Path = "/items/3?verbose=1",
        RequestHeaders = [new("x-multi", "a"), new("x-multi", "b"), new("user-agent", "probe/1.0")],
        RequestBody = ["12345"],
    };

    private static async Task<ProbeLog> ReadAsync(ProxyAbiVersion version, ProbeCallback callback, string[] paths, TestRuntime? host = null, Exchange? exchange = null)
    {
        var script = new ProbeScript();
        var program = script.On(callback);
        foreach (var path in paths)
        {
            var (pointer, size) = script.Text(path);
            program.Call(Hostcall.GetProperty, pointer, size, Out(0), Out(1)).Dump(0, 1);
        }

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, exchange ?? Request, host: host);
        return log;
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task PluginProperties_AreReadableInRootCallbacks(ProxyAbiVersion version)
    {
        var log = await ReadAsync(version, ProbeCallback.Configure, ["plugin_name", "plugin_root_id", "plugin_vm_id"]);

        log.DumpText(ProbeCallback.Configure, 1).Should().Be("probe");
        log.DumpText(ProbeCallback.Configure, 3).Should().Be("probe");
        log.DumpText(ProbeCallback.Configure, 5).Should().Be("probe-vm");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task RequestProperties_ComeFromTheStream(ProxyAbiVersion version)
    {
        var log = await ReadAsync(version, ProbeCallback.RequestBody,
        [
            "request\0path", "request\0url_path", "request\0query", "request\0method", "request\0host",
            "request\0scheme", "request\0headers\0x-multi", "request\0useragent", "request\0size", "request.path",
        ]);

        string Text(int index) => log.DumpText(ProbeCallback.RequestBody, index);
        Text(1).Should().Be("/items/3?verbose=1");
        Text(3).Should().Be("/items/3");
        Text(5).Should().Be("verbose=1");
        Text(7).Should().Be("POST");
        Text(9).Should().Be("localhost");
        Text(11).Should().Be("http");
        Text(13).Should().Be("a,b", "repeated values are joined with commas");
        Text(15).Should().Be("probe/1.0");
        BinaryPrimitives.ReadInt64LittleEndian(log.Dump(ProbeCallback.RequestBody, 17)).Should().Be(5);
        Text(19).Should().Be("/items/3?verbose=1", "the dotted spelling is accepted too");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task MapAndConnectionProperties_AreEncodedAsEnvoyDoes(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var program = script.On(ProbeCallback.ResponseHeaders);
        foreach (var path in new[] { "request\0headers", "response\0code", "source\0address", "source\0port", "connection\0id", "connection\0mtls", "request\0time", "upstream\0address" })
        {
            var (pointer, size) = script.Text(path);
            program.Call(Hostcall.GetProperty, pointer, size, Out(0), Out(1)).Dump(0, 1);
        }

        var stream = Request.CreateStream();
        var started = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        stream.Info = new HttpStreamInfo
        {
            Source = new IPEndPoint(IPAddress.Parse("10.1.2.3"), 51000),
            ConnectionId = 77,
            MutualTls = true,
            RequestStartTime = started,
        };
        stream.Properties["upstream.address"] = PropertyValue.FromString("10.9.9.9:8080");
        var host = new TestRuntime();
        await using (var plugin = host.CreateProbe(version, script))
        {
            await Request.RunAsync(plugin, stream);
        }

        var log = host.ProbeLog();
        byte[] Bytes(int index) => log.Dump(ProbeCallback.ResponseHeaders, index);
        var headers = new List<KeyValuePair<string, string>>();
        HeaderPairs.TryParse(Bytes(1), headers, out _).Should().BeTrue();
        headers.Should().Contain(new KeyValuePair<string, string>(":path", "/items/3?verbose=1"));
        BinaryPrimitives.ReadInt64LittleEndian(Bytes(3)).Should().Be(200);
        Encoding.UTF8.GetString(Bytes(5)).Should().Be("10.1.2.3:51000");
        BinaryPrimitives.ReadInt64LittleEndian(Bytes(7)).Should().Be(51000);
        BinaryPrimitives.ReadUInt64LittleEndian(Bytes(9)).Should().Be(77);
        Bytes(11).Should().Equal([1]);
        BinaryPrimitives.ReadInt64LittleEndian(Bytes(13)).Should().Be((started - DateTimeOffset.UnixEpoch).Ticks * 100);
        Encoding.UTF8.GetString(Bytes(15)).Should().Be("10.9.9.9:8080", "the server's own properties are consulted");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task NodeProperties_ComeFromTheRuntime(ProxyAbiVersion version)
    {
        var host = new TestRuntime(node: new NodeDescription { Id = "node-1", Cluster = "edge", Metadata = new Dictionary<string, string> { ["REGION"] = "eu-west" } });

        var log = await ReadAsync(version, ProbeCallback.Configure, ["node\0id", "node\0metadata\0REGION", "node.cluster"], host);

        log.DumpText(ProbeCallback.Configure, 1).Should().Be("node-1");
        log.DumpText(ProbeCallback.Configure, 3).Should().Be("eu-west");
        log.DumpText(ProbeCallback.Configure, 5).Should().Be("edge");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task UnknownOrUnavailableProperties_AreNotFound(ProxyAbiVersion version)
    {
        var log = await ReadAsync(version, ProbeCallback.Configure, ["no\0such\0thing", "request\0path", "source\0address"]);

        log.Status(ProbeCallback.Configure, 0).Should().Be(ProxyStatus.NotFound);
        log.Status(ProbeCallback.Configure, 2).Should().Be(ProxyStatus.NotFound, "a root context has no request");
        log.Status(ProbeCallback.Configure, 4).Should().Be(ProxyStatus.NotFound);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SetProperty_OnAStream_IsReadableLater_ButNotOnTheRoot(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (path, pathSize) = script.Text("my_filter\0decision");
        var (value, valueSize) = script.Text("allow");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.SetProperty, path, pathSize, value, valueSize)
            .Call(Hostcall.SetProperty, BadPointer, pathSize, value, valueSize)
            .Call(Hostcall.SetProperty, path, pathSize, BadPointer, valueSize)
            .Call(Hostcall.GetProperty, path, pathSize, BadPointer, Out(1));
        script.On(ProbeCallback.ResponseHeaders)
            .Call(Hostcall.GetProperty, path, pathSize, Out(0), Out(1)).Dump(0, 1);
        script.On(ProbeCallback.Configure)
            .Call(Hostcall.SetProperty, path, pathSize, value, valueSize)
            .Call(Hostcall.GetProperty, BadPointer, Immediate(4), Out(0), Out(1));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        log.Status(ProbeCallback.RequestHeaders, 0).Should().Be(ProxyStatus.Ok);
        log.Status(ProbeCallback.RequestHeaders, 1).Should().Be(ProxyStatus.InvalidMemoryAccess);
        log.Status(ProbeCallback.RequestHeaders, 2).Should().Be(ProxyStatus.InvalidMemoryAccess);
        log.Status(ProbeCallback.RequestHeaders, 3).Should().Be(ProxyStatus.InvalidMemoryAccess);
        log.DumpText(ProbeCallback.ResponseHeaders, 1).Should().Be("allow");
        log.Status(ProbeCallback.Configure, 0).Should().Be(ProxyStatus.NotFound, "without a stream there is nowhere to keep it");
        log.Status(ProbeCallback.Configure, 1).Should().Be(ProxyStatus.InvalidMemoryAccess);
    }
}
