using System.Diagnostics;
using System.Reflection;
using Weir.Wasm.Compilation;

namespace Weir.Wasm.Execution;

/// <summary>
/// Where host code calls into guest code: every exception leaving the guest becomes a
/// <see cref="WasmTrapException"/> carrying the WebAssembly frames it passed through.
/// </summary>
internal static class GuestBoundary
{
    /// <summary>Deep recursion can leave tens of thousands of frames; the innermost ones tell the story.</summary>
    private const int MaximumFrames = 100;

    public static bool ShouldConvert(Exception exception) =>
        exception is not WasmTrapException trap || trap.WasmStackTrace.Count == 0;

    public static WasmTrapException Convert(Exception exception)
    {
        var trap = exception as WasmTrapException
            ?? new WasmTrapException(TrapCode.HostError, $"host function failed: {exception.GetType().Name}: {exception.Message}", exception);
        if (trap.WasmStackTrace.Count == 0)
        {
            trap.WasmStackTrace = CaptureFrames(exception);
        }

        return trap;
    }

    private static List<WasmStackFrame> CaptureFrames(Exception exception)
    {
        var frames = new List<WasmStackFrame>();
        foreach (var frame in new StackTrace(exception, false).GetFrames())
        {
            if (frame.GetMethod() is MethodInfo method && FunctionNaming.TryParse(method, out var wasmFrame))
            {
                frames.Add(wasmFrame);
                if (frames.Count == MaximumFrames)
                {
                    break;
                }
            }
        }

        return frames;
    }
}
