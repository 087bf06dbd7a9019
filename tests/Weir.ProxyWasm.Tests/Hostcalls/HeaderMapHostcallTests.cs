using Weir.ProxyWasm.Abi;
using Weir.ProxyWasm.Tests.Probe;
using Weir.ProxyWasm.Tests.Support;
using static Weir.ProxyWasm.Tests.Probe.ProbeArgument;

namespace Weir.ProxyWasm.Tests.Hostcalls;

/// <summary>The header map functions: size, pairs, set pairs, get, add, replace, remove.</summary>
public sealed class HeaderMapHostcallTests
{
    private static readonly Exchange WithHeaders = new()
    {
        Path = "/things",
        RequestHeaders = [new("x-repeated", "one"), new("x-repeated", "two"), new("accept", "*/*")],
    };

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task GetHeaderMapValue_ReturnsTheFirstValue_IgnoringCase(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (method, methodSize) = script.Text(":method");
        var (repeated, repeatedSize) = script.Text("X-Repeated");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.GetHeaderMapValue, Immediate(0), method, methodSize, Out(0), Out(1)).Dump(0, 1)
            .Call(Hostcall.GetHeaderMapValue, Immediate(0), repeated, repeatedSize, Out(0), Out(1)).Dump(0, 1);

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script, WithHeaders);

        log.DumpText(ProbeCallback.RequestHeaders, 1).Should().Be("GET");
        log.DumpText(ProbeCallback.RequestHeaders, 3).Should().Be("one");
    }

    [Theory]
    [InlineData(ProxyAbiVersion.V0_1_0, ProxyStatus.Ok)]
    [InlineData(ProxyAbiVersion.V0_2_0, ProxyStatus.NotFound)]
    [InlineData(ProxyAbiVersion.V0_2_1, ProxyStatus.NotFound)]
    public async Task GetHeaderMapValue_MissingKey_IsEmptyUnder010_NotFoundSince020(ProxyAbiVersion version, ProxyStatus expected)
    {
        var script = new ProbeScript();
        var (missing, missingSize) = script.Text("x-missing");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.GetHeaderMapValue, Immediate(0), missing, missingSize, Out(0), Out(1));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        var call = log.Call(ProbeCallback.RequestHeaders, 0);
        call.Status.Should().Be(expected);
        call.Slot(1).Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task GetHeaderMapPairsAndSize_SerializeTheWholeMap(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.GetHeaderMapPairs, Immediate(0), Out(0), Out(1)).Dump(0, 1)
            .Call(Hostcall.GetHeaderMapSize, Immediate(0), Out(2));

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, WithHeaders);

        var serialized = log.Dump(ProbeCallback.RequestHeaders, 1);
        var pairs = new List<KeyValuePair<string, string>>();
        HeaderPairs.TryParse(serialized, pairs, out _).Should().BeTrue();
        pairs.Should().Equal(result.Stream.RequestHeaders.ToList());
        pairs.Where(pair => pair.Key == "x-repeated").Select(pair => pair.Value).Should().Equal(["one", "two"], "repeated headers are repeated pairs");
        log.Call(ProbeCallback.RequestHeaders, 2).Slot(2).Should().Be((ulong)serialized.Length);
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SetHeaderMapPairs_ReplacesTheMap_AndAcceptsEveryEmptyForm(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (pairs, pairsSize) = script.Pairs((":method", "PUT"), (":path", "/new"), ("X-Added", "yes"));
        var (zeroCount, zeroCountSize) = script.Data([0, 0, 0, 0]);
        var (singleNul, singleNulSize) = script.Data([0]);
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.SetHeaderMapPairs, Immediate(0), pairs, pairsSize);
        script.On(ProbeCallback.RequestTrailers)
            .Call(Hostcall.SetHeaderMapPairs, Immediate(1), zeroCount, zeroCountSize)
            .Call(Hostcall.SetHeaderMapPairs, Immediate(1), singleNul, singleNulSize)
            .Call(Hostcall.SetHeaderMapPairs, Immediate(1), Immediate(0), Immediate(0));

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, new Exchange { RequestBody = ["b"], RequestTrailers = [new("x-trailer", "t")] });

        log.Calls.Should().OnlyContain(call => call.Status == ProxyStatus.Ok);
        result.Stream.RequestHeaders.ToList().Should().Equal([new(":method", "PUT"), new(":path", "/new"), new("x-added", "yes")]);
        result.Stream.RequestTrailers.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task SetHeaderMapPairs_MalformedMaps_AreBadArgumentAndChangeNothing(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var valid = HeaderPairs.ToArray([new("a", "1")]);
        var (truncated, truncatedSize) = script.Data(valid[..^1]);
        var (trailing, trailingSize) = script.Data([.. valid, 7]);
        var noTerminator = (byte[])valid.Clone();
        noTerminator[^1] = (byte)'x';
        var (unterminated, unterminatedSize) = script.Data(noTerminator);
        var (tooMany, tooManySize) = script.Data([0x01, 0x10, 0, 0]);
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.SetHeaderMapPairs, Immediate(0), truncated, truncatedSize)
            .Call(Hostcall.SetHeaderMapPairs, Immediate(0), trailing, trailingSize)
            .Call(Hostcall.SetHeaderMapPairs, Immediate(0), unterminated, unterminatedSize)
            .Call(Hostcall.SetHeaderMapPairs, Immediate(0), tooMany, tooManySize)
            .Call(Hostcall.SetHeaderMapPairs, Immediate(0), BadPointer, Immediate(8));

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, WithHeaders);

        Enumerable.Range(0, 4).Select(index => log.Status(ProbeCallback.RequestHeaders, index)).Should().AllBeEquivalentTo(ProxyStatus.BadArgument);
        log.Status(ProbeCallback.RequestHeaders, 4).Should().Be(ProxyStatus.InvalidMemoryAccess);
        result.Stream.RequestHeaders.Get("x-repeated").Should().Be("one");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task AddReplaceRemove_EditTheMapLikeEnvoy(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (upper, upperSize) = script.Text("X-Upper");
        var (repeated, repeatedSize) = script.Text("x-repeated");
        var (accept, acceptSize) = script.Text("accept");
        var (absent, absentSize) = script.Text("x-absent");
        var (value, valueSize) = script.Text("v");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.AddHeaderMapValue, Immediate(0), upper, upperSize, value, valueSize)
            .Call(Hostcall.AddHeaderMapValue, Immediate(0), upper, upperSize, value, valueSize)
            .Call(Hostcall.ReplaceHeaderMapValue, Immediate(0), repeated, repeatedSize, value, valueSize)
            .Call(Hostcall.RemoveHeaderMapValue, Immediate(0), accept, acceptSize)
            .Call(Hostcall.RemoveHeaderMapValue, Immediate(0), absent, absentSize)
            .Call(Hostcall.ReplaceHeaderMapValue, Immediate(0), absent, absentSize, value, valueSize);
        script.On(ProbeCallback.ResponseHeaders)
            .Call(Hostcall.AddHeaderMapValue, Immediate(2), upper, upperSize, value, valueSize);

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, WithHeaders);

        log.Calls.Should().OnlyContain(call => call.Status == ProxyStatus.Ok);
        var headers = result.Stream.RequestHeaders;
        headers.GetAll("x-upper").Should().Equal("v", "v");
        headers.Select(pair => pair.Key).Should().Contain("x-upper", "names are lower-cased on write").And.NotContain("X-Upper");
        headers.GetAll("x-repeated").Should().Equal("v");
        headers.Contains("accept").Should().BeFalse();
        headers.Get("x-absent").Should().Be("v", "replace adds a missing key");
        result.Stream.ResponseHeaders.Get("x-upper").Should().Be("v");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task MapFunctions_BadTypeMissingMapOrPointer_ReturnTheirStatuses(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (key, keySize) = script.Text("k");
        script.On(ProbeCallback.RequestHeaders)
            .Call(Hostcall.GetHeaderMapValue, Immediate(8), key, keySize, Out(0), Out(1))
            .Call(Hostcall.GetHeaderMapPairs, Immediate(2), Out(0), Out(1))
            .Call(Hostcall.AddHeaderMapValue, Immediate(0), BadPointer, Immediate(3), key, keySize)
            .Call(Hostcall.AddHeaderMapValue, Immediate(0), key, keySize, BadPointer, Immediate(3))
            .Call(Hostcall.GetHeaderMapPairs, Immediate(0), BadPointer, Out(1))
            .Call(Hostcall.GetHeaderMapSize, Immediate(0), BadPointer)
            .Call(Hostcall.RemoveHeaderMapValue, Immediate(0), BadPointer, Immediate(1))
            .Call(Hostcall.GetHeaderMapValue, Immediate(4), key, keySize, Out(0), Out(1))
            .Call(Hostcall.GetHeaderMapSize, Immediate(6), Out(0));
        script.On(ProbeCallback.Configure)
            .Call(Hostcall.GetHeaderMapPairs, Immediate(0), Out(0), Out(1));

        var (_, log, _) = await ProbeRun.ExchangeAsync(version, script);

        var statuses = Enumerable.Range(0, 9).Select(index => log.Status(ProbeCallback.RequestHeaders, index));
        statuses.Should().Equal(
            ProxyStatus.BadArgument,
            ProxyStatus.NotFound,
            ProxyStatus.InvalidMemoryAccess,
            ProxyStatus.InvalidMemoryAccess,
            ProxyStatus.InvalidMemoryAccess,
            ProxyStatus.InvalidMemoryAccess,
            ProxyStatus.InvalidMemoryAccess,
            ProxyStatus.NotFound,
            ProxyStatus.NotFound);
        log.Status(ProbeCallback.Configure, 0).Should().Be(ProxyStatus.NotFound, "a root context has no stream maps");
    }

    [Theory]
    [MemberData(nameof(AbiVersions.All), MemberType = typeof(AbiVersions))]
    public async Task Trailers_CanBeReadInTheirCallback_AndAddedAtTheEndOfTheBody(ProxyAbiVersion version)
    {
        var script = new ProbeScript();
        var (name, nameSize) = script.Text("x-checksum");
        var (added, addedSize) = script.Text("x-added-trailer");
        var (value, valueSize) = script.Text("from the filter");
        script.On(ProbeCallback.RequestTrailers)
            .Call(Hostcall.GetHeaderMapValue, Immediate(1), name, nameSize, Out(0), Out(1)).Dump(0, 1);
        script.On(ProbeCallback.ResponseBody)
            .Call(Hostcall.AddHeaderMapValue, Immediate(3), added, addedSize, value, valueSize);

        var (_, log, result) = await ProbeRun.ExchangeAsync(version, script, new Exchange { RequestBody = ["x"], RequestTrailers = [new("x-checksum", "c0ffee")], ResponseBody = ["y"] });

        log.DumpText(ProbeCallback.RequestTrailers, 1).Should().Be("c0ffee");
        result.Stream.ResponseTrailers.Get("x-added-trailer").Should().Be("from the filter");
    }
}
