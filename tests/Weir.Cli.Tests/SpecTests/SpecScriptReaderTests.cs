using Weir.Cli.SpecTests;

namespace Weir.Cli.Tests.SpecTests;

public sealed class SpecScriptReaderTests
{
    [Fact]
    public void Parse_Wast2JsonCommands_ReadsEachKindWithItsFields()
    {
        var script = SpecScriptReader.Parse(
            """
            {"source_filename": "x.wast", "commands": [
              {"type": "module", "line": 3, "name": "$M1", "filename": "x.0.wasm"},
              {"type": "register", "line": 4, "name": "$M1", "as": "M1"},
              {"type": "assert_return", "line": 5, "action": {"type": "invoke", "module": "$M1", "field": "add", "args": [{"type": "i32", "value": "1"}, {"type": "i32", "value": "2"}]}, "expected": [{"type": "i32", "value": "3"}]},
              {"type": "assert_return", "line": 6, "action": {"type": "get", "field": "g"}, "expected": [{"type": "f32", "value": "nan:canonical"}]},
              {"type": "assert_trap", "line": 7, "action": {"type": "invoke", "field": "div", "args": []}, "text": "integer divide by zero", "expected": [{"type": "i32"}]},
              {"type": "assert_malformed", "line": 8, "filename": "x.1.wat", "text": "unexpected token", "module_type": "text"}
            ]}
            """,
            "x",
            "/scripts/x");

        script.Name.Should().Be("x");
        script.Commands.Select(command => command.Kind).Should().Equal(
            SpecCommandKind.Module, SpecCommandKind.Register, SpecCommandKind.AssertReturn,
            SpecCommandKind.AssertReturn, SpecCommandKind.AssertTrap, SpecCommandKind.AssertMalformed);
        script.Commands[0].ModuleName.Should().Be("$M1");
        script.Commands[0].FileName.Should().Be("x.0.wasm");
        script.Commands[1].RegisterAs.Should().Be("M1");
        script.Commands[2].Describe().Should().Be("assert_return $M1.add(i32:1, i32:2)");
        script.Commands[2].Expected.Single().ToString().Should().Be("i32:3");
        script.Commands[3].Describe().Should().Be("assert_return get g");
        script.Commands[3].Expected.Single().ToString().Should().Be("f32:nan:canonical");
        script.Commands[4].Text.Should().Be("integer divide by zero");
        script.Commands[5].IsTextModule.Should().BeTrue();
        script.Commands.Select(command => command.Line).Should().Equal(3, 4, 5, 6, 7, 8);
    }

    [Fact]
    public void Parse_UnknownCommandOrBadValue_MakesOnlyThatCommandUnreadable()
    {
        var script = SpecScriptReader.Parse(
            """
            {"commands": [
              {"type": "assert_wobbly", "line": 1},
              {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "f", "args": [{"type": "i32", "value": "99999999999"}]}, "expected": []},
              {"type": "module", "line": 3, "filename": "x.0.wasm"}
            ]}
            """,
            "x",
            "/scripts/x");

        script.Commands.Select(command => command.Kind).Should().Equal(SpecCommandKind.Unreadable, SpecCommandKind.Unreadable, SpecCommandKind.Module);
        script.Commands[0].Error.Should().Contain("assert_wobbly");
        script.Commands[1].Error.Should().Contain("99999999999");
        script.Commands[1].Line.Should().Be(2);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"source_filename\": \"x.wast\"}")]
    [InlineData("{\"commands\": ")]
    public void Parse_NotAScript_ThrowsWithTheScriptName(string json)
    {
        var parse = () => SpecScriptReader.Parse(json, "broken", "/scripts");

        parse.Should().Throw<SpecFormatException>().WithMessage("broken: *");
    }
}
