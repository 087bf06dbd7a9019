using System.Collections.Immutable;
using System.Text.Json;

namespace Weir.Cli.SpecTests;

/// <summary>
/// Reads wast2json output. A command that cannot be read becomes an <see cref="SpecCommandKind.Unreadable"/>
/// command, so one odd command fails alone instead of taking the whole script with it.
/// </summary>
internal static class SpecScriptReader
{
    /// <summary>Reads a script file.</summary>
    /// <exception cref="SpecFormatException">The file is not a wast2json script.</exception>
    public static SpecScript ReadFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        string json;
        try
        {
            json = File.ReadAllText(fullPath);
        }
        catch (IOException exception)
        {
            throw new SpecFormatException($"cannot read {fullPath}: {exception.Message}", exception);
        }

        return Parse(json, Path.GetFileNameWithoutExtension(fullPath), Path.GetDirectoryName(fullPath)!);
    }

    /// <summary>Reads a script from its JSON text; module files are looked up in <paramref name="directory"/>.</summary>
    /// <exception cref="SpecFormatException">The text is not a wast2json script.</exception>
    public static SpecScript Parse(string json, string name, string directory)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new SpecFormatException($"{name}: not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("commands", out var commands)
                || commands.ValueKind != JsonValueKind.Array)
            {
                throw new SpecFormatException($"{name}: not a wast2json script (no \"commands\" array)");
            }

            var references = new HostReferenceTable();
            var parsed = commands.EnumerateArray().Select(command => ParseCommand(command, references)).ToImmutableArray();
            return new SpecScript(name, directory, parsed, references);
        }
    }

    private static SpecCommand ParseCommand(JsonElement element, HostReferenceTable references)
    {
        var typeName = "(unknown)";
        var line = 0;
        try
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new SpecFormatException($"a command must be an object, not {element.ValueKind}");
            }

            typeName = SpecValueParser.ReadOptionalString(element, "type") ?? throw new SpecFormatException("the command has no type");
            if (element.TryGetProperty("line", out var lineElement) && lineElement.ValueKind == JsonValueKind.Number)
            {
                line = lineElement.GetInt32();
            }

            var kind = typeName switch
            {
                "module" => SpecCommandKind.Module,
                "register" => SpecCommandKind.Register,
                "action" => SpecCommandKind.Action,
                "assert_return" => SpecCommandKind.AssertReturn,
                "assert_trap" => SpecCommandKind.AssertTrap,
                "assert_exhaustion" => SpecCommandKind.AssertExhaustion,
                "assert_invalid" => SpecCommandKind.AssertInvalid,
                "assert_malformed" => SpecCommandKind.AssertMalformed,
                "assert_unlinkable" => SpecCommandKind.AssertUnlinkable,
                "assert_uninstantiable" => SpecCommandKind.AssertUninstantiable,
                _ => throw new SpecFormatException($"unknown command type '{typeName}'"),
            };

            var command = new SpecCommand(kind, line, typeName)
            {
                FileName = SpecValueParser.ReadOptionalString(element, "filename"),
                ModuleName = SpecValueParser.ReadOptionalString(element, "name"),
                RegisterAs = SpecValueParser.ReadOptionalString(element, "as"),
                Text = SpecValueParser.ReadOptionalString(element, "text"),
                IsTextModule = SpecValueParser.ReadOptionalString(element, "module_type") == "text",
                Action = element.TryGetProperty("action", out var action) ? ParseAction(action, references) : null,
                Expected = element.TryGetProperty("expected", out var expected) ? ParseExpected(expected, references) : [],
            };
            Check(command);
            return command;
        }
        catch (Exception exception) when (exception is SpecFormatException or JsonException or InvalidOperationException or FormatException)
        {
            return new SpecCommand(SpecCommandKind.Unreadable, line, typeName) { Error = exception.Message };
        }
    }

    private static void Check(SpecCommand command)
    {
        var needsFile = command.Kind is SpecCommandKind.Module or SpecCommandKind.AssertInvalid or SpecCommandKind.AssertMalformed
            or SpecCommandKind.AssertUnlinkable or SpecCommandKind.AssertUninstantiable;
        if (needsFile && command.FileName is null)
        {
            throw new SpecFormatException($"{command.TypeName} needs a filename");
        }

        var needsAction = command.Kind is SpecCommandKind.Action or SpecCommandKind.AssertReturn or SpecCommandKind.AssertExhaustion;
        if (needsAction && command.Action is null)
        {
            throw new SpecFormatException($"{command.TypeName} needs an action");
        }

        if (command.Kind == SpecCommandKind.AssertTrap && command.Action is null && command.FileName is null)
        {
            throw new SpecFormatException("assert_trap needs an action or a module filename");
        }

        if (command.Kind == SpecCommandKind.Register && command.RegisterAs is null)
        {
            throw new SpecFormatException("register needs an \"as\" name");
        }
    }

    private static SpecAction ParseAction(JsonElement element, HostReferenceTable references)
    {
        var kind = SpecValueParser.ReadOptionalString(element, "type") switch
        {
            "invoke" => SpecActionKind.Invoke,
            "get" => SpecActionKind.Get,
            var other => throw new SpecFormatException($"unknown action type '{other}'"),
        };
        var field = SpecValueParser.ReadOptionalString(element, "field") ?? throw new SpecFormatException("the action names no field");
        var arguments = element.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array
            ? args.EnumerateArray().Select(argument => SpecValueParser.ParseArgument(argument, references)).ToImmutableArray()
            : [];
        return new SpecAction(kind, SpecValueParser.ReadOptionalString(element, "module"), field, arguments);
    }

    private static ImmutableArray<ExpectedValue> ParseExpected(JsonElement element, HostReferenceTable references) =>
        element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().Select(value => SpecValueParser.ParseExpected(value, references)).ToImmutableArray()
            : throw new SpecFormatException("\"expected\" must be an array");
}
