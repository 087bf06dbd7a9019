using Weir.Oci.Modules;
using Weir.Oci.Tests.Support;

namespace Weir.Oci.Tests.Modules;

public sealed class WasmModuleReaderTests
{
    [Fact]
    public void Read_ProxyFilter_ListsImportsExportsAndAbiVersion()
    {
        var info = WasmModuleReader.Read(WasmFixtures.ProxyFilter());

        info.Kind.Should().Be(WasmBinaryKind.CoreModule);
        info.Imports.Should().Equal(
            new WasmImport("env", "proxy_log", WasmExternalKind.Function),
            new WasmImport("env", "memory", WasmExternalKind.Memory));
        info.Exports.Select(export => export.Name).Should().Equal("proxy_abi_version_0_2_1", "proxy_on_vm_start");
        info.ProxyAbiVersions.Should().Equal("v0.2.1");
        info.Sections.Select(section => section.Name).Should().Equal("type", "import", "function", "export", "code", "name");
    }

    [Theory]
    [InlineData("proxy_abi_version_0_1_0", "v0.1.0")]
    [InlineData("proxy_abi_version_0_2_0", "v0.2.0")]
    [InlineData("proxy_abi_version_0_x_x", "v0.x.x")]
    public void Read_OtherMarkers_MapToVersionStrings(string marker, string version)
    {
        WasmModuleReader.Read(WasmFixtures.ProxyFilter(marker)).ProxyAbiVersions.Should().Equal(version);
    }

    [Fact]
    public void Read_ModuleWithoutMarker_HasNoAbiVersions()
    {
        var module = WasmFixtures.Module(
            WasmFixtures.Section(1, [0x01, 0x60, 0x00, 0x00]),
            WasmFixtures.Section(3, [0x01, 0x00]),
            WasmFixtures.Section(7, [0x01, .. WasmFixtures.Name("_start"), 0x00, 0x00]),
            WasmFixtures.Section(10, [0x01, 0x02, 0x00, 0x0b]));

        WasmModuleReader.Read(module).ProxyAbiVersions.Should().BeEmpty();
    }

    [Fact]
    public void Read_MarkerExportedAsGlobal_IsNotAnAbiVersion()
    {
        var module = WasmFixtures.Module(
            WasmFixtures.Section(6, [0x01, 0x7f, 0x00, 0x41, 0x00, 0x0b]),
            WasmFixtures.Section(7, [0x01, .. WasmFixtures.Name("proxy_abi_version_0_2_1"), 0x03, 0x00]));

        WasmModuleReader.Read(module).ProxyAbiVersions.Should().BeEmpty();
    }

    [Fact]
    public void Read_Component_IsRecognisedWithoutDecoding()
    {
        WasmModuleReader.Read([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]).Kind.Should().Be(WasmBinaryKind.Component);
    }

    [Fact]
    public void Read_NotWasm_FailsWithMagicMessage()
    {
        var read = () => WasmModuleReader.Read("hello, world"u8);
        read.Should().Throw<InvalidWasmModuleException>().WithMessage("*magic*").Which.Offset.Should().Be(0);
    }

    [Fact]
    public void Read_UnknownVersion_FailsNamingIt()
    {
        var read = () => WasmModuleReader.Read([0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00]);
        read.Should().Throw<InvalidWasmModuleException>().WithMessage("*02000000*");
    }

    [Fact]
    public void Read_EveryTruncation_FailsCleanly()
    {
        var module = WasmFixtures.ProxyFilter();
        var sectionEnds = WasmModuleReader.Read(module).Sections.Select(section => (int)(section.Offset + section.Size)).ToHashSet();
        for (var length = 9; length < module.Length; length++)
        {
            if (sectionEnds.Contains(length))
            {
                continue;
            }

            var truncated = module[..length];
            var read = () => WasmModuleReader.Read(truncated);
            read.Should().Throw<InvalidWasmModuleException>($"a module cut at {length} bytes is incomplete");
        }
    }

    [Fact]
    public void Read_SectionSizeBeyondEnd_ReportsDeclaredAndRemaining()
    {
        var read = () => WasmModuleReader.Read([.. WasmFixtures.EmptyModule, 0x07, 0x7f, 0x00]);
        read.Should().Throw<InvalidWasmModuleException>().WithMessage("*declares 127 bytes but only 1 remain*");
    }

    [Fact]
    public void Read_ExportNameRunningPastSection_Fails()
    {
        var read = () => WasmModuleReader.Read(WasmFixtures.Module(WasmFixtures.Section(7, [0x01, 0x40, 0x61])));
        read.Should().Throw<InvalidWasmModuleException>().WithMessage("*runs past the end*");
    }

    [Fact]
    public void Read_OverlongLeb_Fails()
    {
        var read = () => WasmModuleReader.Read([.. WasmFixtures.EmptyModule, 0x07, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
        read.Should().Throw<InvalidWasmModuleException>().WithMessage("*LEB128*");
    }

    [Fact]
    public void Read_InvalidUtf8Name_Fails()
    {
        var read = () => WasmModuleReader.Read(WasmFixtures.Module(WasmFixtures.Section(7, [0x01, 0x01, 0xff, 0x00, 0x00])));
        read.Should().Throw<InvalidWasmModuleException>().WithMessage("*UTF-8*");
    }
}
