namespace Weir.Wasi.Tests.Support;

/// <summary>The host directories the test programs expect.</summary>
internal static class Fixtures
{
    /// <summary>
    /// The layout sandbox.c expects: sandbox/ (to preopen as /sandbox) with file.txt, sub/inner.txt,
    /// sublink → sub, etc → /etc, outside → the absolute path of outside/, up → ../outside/secret.txt
    /// and updir → ..; and outside/secret.txt next to it.
    /// </summary>
    public static (string Sandbox, string Outside) CreateEscapeLayout(TempDirectory root)
    {
        var sandbox = root.CreateDirectory("sandbox");
        var outside = root.CreateDirectory("outside");
        Directory.CreateDirectory(Path.Combine(sandbox, "sub"));
        File.WriteAllText(Path.Combine(sandbox, "file.txt"), "inside\n");
        File.WriteAllText(Path.Combine(sandbox, "sub", "inner.txt"), "inner\n");
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret\n");
        File.CreateSymbolicLink(Path.Combine(sandbox, "sublink"), "sub");
        File.CreateSymbolicLink(Path.Combine(sandbox, "etc"), "/etc");
        File.CreateSymbolicLink(Path.Combine(sandbox, "outside"), outside);
        File.CreateSymbolicLink(Path.Combine(sandbox, "up"), "../outside/secret.txt");
        File.CreateSymbolicLink(Path.Combine(sandbox, "updir"), "..");
        return (sandbox, outside);
    }

    /// <summary>The layout readonly.c expects: ro/data.txt and ro/keep/ (to preopen read-only as /ro) and an empty rw/ (as /rw).</summary>
    public static (string ReadOnly, string ReadWrite) CreateReadOnlyLayout(TempDirectory root)
    {
        var readOnly = root.CreateDirectory("ro");
        Directory.CreateDirectory(Path.Combine(readOnly, "keep"));
        File.WriteAllText(Path.Combine(readOnly, "data.txt"), "read-only data\n");
        return (readOnly, root.CreateDirectory("rw"));
    }
}
