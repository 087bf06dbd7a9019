using System.Text.Json;
using Weir.Wasm.Decoding;
using Weir.Wasm.Tests.SpecTests;
using Weir.Wasm.Validation;
using Xunit.Abstractions;

namespace Weir.Wasm.Tests.Validation;

/// <summary>
/// Runs every binary module of the official spec test suite through the decoder and validator:
/// modules (and those of assert_unlinkable / assert_uninstantiable, which are valid) must pass,
/// assert_malformed modules must be malformed and assert_invalid modules invalid, with the
/// suite's wording as a prefix of the reason (as the reference interpreter's runner compares).
/// </summary>
public sealed class SpecSuiteConformanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// Reasons that cannot be reproduced from wast2json's binaries: the information is lost in the
    /// conversion, though the outcome (invalid) still agrees.
    /// </summary>
    private static readonly Dictionary<string, string> UnrecoverableReasons = new(StringComparer.Ordinal)
    {
        // "(select (result))" is written as the untyped select opcode, so the empty result list
        // shows up as an untyped select on an empty stack.
        ["select.2.wasm"] = "wast2json encodes a typed select with no result types as an untyped select",
    };

    [SpecSuiteFact]
    public void DecodeAndValidate_EverySpecSuiteBinaryModule_AgreesWithTheSuite()
    {
        var directory = SpecSuiteLocation.Find();
        directory.Should().NotBeNull(SpecSuiteLocation.MissingReason);
        var scripts = Directory.GetFiles(directory!, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        scripts.Should().NotBeEmpty();

        var tally = new Dictionary<string, (int Checked, int Agreed)>(StringComparer.Ordinal);
        var disagreements = new List<string>();
        var reasonDifferences = new List<string>();
        foreach (var script in scripts)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(script));
            foreach (var command in document.RootElement.GetProperty("commands").EnumerateArray())
            {
                var type = command.GetProperty("type").GetString()!;
                var expected = type switch
                {
                    "module" or "assert_unlinkable" or "assert_uninstantiable" => Outcome.Valid,
                    "assert_malformed" => Outcome.Malformed,
                    "assert_invalid" => Outcome.Invalid,
                    _ => (Outcome?)null,
                };
                if (expected is null
                    || !command.TryGetProperty("filename", out var filename)
                    || (command.TryGetProperty("module_type", out var moduleType) && moduleType.GetString() != "binary"))
                {
                    continue;
                }

                var file = filename.GetString()!;
                var (actual, reason) = Run(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(script)!, file)));
                var wanted = command.TryGetProperty("text", out var text) ? text.GetString() : null;
                var where = $"{Path.GetFileName(script)}:{command.GetProperty("line").GetInt32()} {file}";
                var counts = tally.GetValueOrDefault(type);
                if (actual == expected)
                {
                    tally[type] = (counts.Checked + 1, counts.Agreed + 1);
                    if (expected != Outcome.Valid && wanted is not null && !reason!.StartsWith(wanted, StringComparison.Ordinal) && !UnrecoverableReasons.ContainsKey(file))
                    {
                        reasonDifferences.Add($"{where}: expected \"{wanted}\", got \"{reason}\"");
                    }
                }
                else
                {
                    tally[type] = (counts.Checked + 1, counts.Agreed);
                    disagreements.Add($"{where}: {type} expected {expected} (\"{wanted}\"), got {actual} (\"{reason}\")");
                }
            }
        }

        foreach (var (type, (checkedCount, agreed)) in tally.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{type}: {agreed}/{checkedCount} agree");
        }

        output.WriteLine($"{scripts.Count} scripts, {tally.Values.Sum(t => t.Checked)} binary modules checked");
        disagreements.Should().BeEmpty();
        reasonDifferences.Should().BeEmpty();
        tally.GetValueOrDefault("assert_malformed").Checked.Should().BePositive();
        tally.GetValueOrDefault("assert_invalid").Checked.Should().BePositive();
        tally.GetValueOrDefault("module").Checked.Should().BePositive();
    }

    private static (Outcome Outcome, string? Reason) Run(byte[] binary)
    {
        try
        {
            ModuleValidator.Validate(ModuleDecoder.Decode(binary));
            return (Outcome.Valid, null);
        }
        catch (WasmMalformedException exception)
        {
            return (Outcome.Malformed, exception.Reason);
        }
        catch (WasmValidationException exception)
        {
            return (Outcome.Invalid, exception.Reason);
        }
    }

    private enum Outcome
    {
        Valid,
        Malformed,
        Invalid,
    }
}
