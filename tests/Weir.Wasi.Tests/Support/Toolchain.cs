namespace Weir.Wasi.Tests.Support;

/// <summary>The C toolchain tests/wasi-programs/build.sh uses.</summary>
internal static class Toolchain
{
    public static bool IsInstalled =>
        OperatingSystem.IsLinux() && OnPath("clang") && OnPath("wasm-ld") && File.Exists("/usr/lib/wasm32-wasi/libc.a");

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
}
