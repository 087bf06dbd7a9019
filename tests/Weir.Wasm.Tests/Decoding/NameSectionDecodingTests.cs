using Weir.Wasm.Decoding;
using static Weir.Wasm.Tests.Decoding.WasmBinaryBuilder;

namespace Weir.Wasm.Tests.Decoding;

public sealed class NameSectionDecodingTests
{
    private static byte[] Subsection(byte id, params byte[][] content)
    {
        var body = Concat(content);
        return Concat([id], Leb((uint)body.Length), body);
    }

    [Fact]
    public void Decode_NameSection_GivesModuleFunctionAndLocalNames()
    {
        var content = Concat(
            Subsection(0, Name("calculator")),
            Subsection(1, [0x02], [0x00], Name("add"), [0x01], Name("sub")),
            Subsection(2, [0x01], [0x00], [0x02], [0x00], Name("left"), [0x01], Name("right")));
        var binary = Module(Section(0, Name("name"), content));

        var names = ModuleDecoder.Decode(binary).Names;

        names.ModuleName.Should().Be("calculator");
        names.FunctionNames.Should().BeEquivalentTo(new Dictionary<uint, string> { [0] = "add", [1] = "sub" });
        names.LocalNames[0].Should().BeEquivalentTo(new Dictionary<uint, string> { [0] = "left", [1] = "right" });
    }

    [Fact]
    public void Decode_UnknownNameSubsection_IsSkipped()
    {
        var content = Concat(Subsection(7, [0x01, 0x02, 0x03]), Subsection(1, [0x01], [0x00], Name("f")));

        var names = ModuleDecoder.Decode(Module(Section(0, Name("name"), content))).Names;

        names.FunctionNames[0].Should().Be("f");
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x10, 0x01 })]
    [InlineData(new byte[] { 0x00, 0x02, 0x01, 0xFF })]
    [InlineData(new byte[] { 0x01, 0x03, 0x01, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x01, 0x01, 0x00, 0x00, 0x01, 0x00 })]
    public void Decode_MalformedNameSection_IsIgnoredAndTheModuleStillDecodes(byte[] content)
    {
        var module = ModuleDecoder.Decode(Module(Section(1, [0x00]), Section(0, Name("name"), content)));

        module.Names.ModuleName.Should().BeNull();
        module.Names.FunctionNames.Should().BeEmpty();
        module.CustomSections.Should().ContainSingle().Which.Name.Should().Be("name");
    }
}
