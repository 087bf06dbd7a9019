using System.Diagnostics;
using System.Reflection;
using Weir.Wasm;

namespace Weir.Cli.SpecTests;

/// <summary>
/// Describes what a command threw in one line. Unexpected exceptions (runtime bugs, mostly) name
/// where they came from, since that is the first thing anyone diagnosing them needs.
/// </summary>
internal static class ExceptionText
{
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

    // The innermost frame says what failed; the innermost Weir frame says which part of weir got there.
    private static string Origin(Exception exception)
    {
        var methods = new StackTrace(exception, fNeedFileInfo: false).GetFrames()
            .Select(frame => frame.GetMethod())
            .OfType<MethodBase>()
            .ToList();
        if (methods.Count == 0)
        {
            return string.Empty;
        }

        var weirMethod = methods.FirstOrDefault(method => method.DeclaringType?.Namespace?.StartsWith("Weir.", StringComparison.Ordinal) == true);
        return weirMethod is null || weirMethod == methods[0]
            ? $" (at {Name(methods[0])})"
            : $" (at {Name(methods[0])}, from {Name(weirMethod)})";
    }

    private static string Name(MethodBase method) =>
        method.DeclaringType is { } type ? $"{type.Name}.{method.Name}" : method.Name;
}
