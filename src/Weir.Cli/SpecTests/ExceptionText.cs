using System.Diagnostics;
using Weir.Wasm;

namespace Weir.Cli.SpecTests;

/// <summary>
/// Describes what a command threw in one line. Unexpected exceptions (runtime bugs, mostly) name
/// where they came from, since that is the first thing anyone diagnosing them needs.
/// </summary>
internal static class ExceptionText
{
    private const int FramesShown = 3;

    public static string Describe(Exception exception) => exception switch
    {
        WasmTrapException { Code: TrapCode.HostError, InnerException: { } inner } trap => $"trap ({trap.Code}): {trap.Message}{Origin(inner)}",
        WasmTrapException trap => $"trap ({trap.Code}): {trap.Message}",
        WasmLinkException link => $"link error: {link.Message}",
        WasmMalformedException malformed => $"malformed: {malformed.Message}",
        WasmValidationException invalid => $"invalid: {invalid.Message}",
        SpecRunException run => run.Message,
        _ => $"{exception.GetType().Name}: {exception.Message}{Origin(exception)}",
    };

    private static string Origin(Exception exception)
    {
        var frames = new StackTrace(exception, fNeedFileInfo: false).GetFrames()
            .Select(frame => frame.GetMethod())
            .Where(method => method is not null)
            .Take(FramesShown)
            .Select(method => method!.DeclaringType is { } type ? $"{type.Name}.{method.Name}" : method.Name)
            .ToArray();
        return frames.Length == 0 ? string.Empty : $" (at {string.Join(" < ", frames)})";
    }
}
