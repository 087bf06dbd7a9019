namespace Weir.Wasi.Tests.Support;

/// <summary>
/// A fact that needs clang, wasm-ld and wasi-libc (Debian: apt-get install -y clang lld wasi-libc
/// libclang-rt-14-dev-wasm32). Skipped without them, except when CI is "true": then it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolchainFactAttribute : FactAttribute
{
    public ToolchainFactAttribute()
    {
        Skip = Toolchain.IsInstalled || NodeRuntime.IsCi
            ? null
            : "needs clang, lld and wasi-libc (apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32); skipped because CI is not 'true'";
    }
}
