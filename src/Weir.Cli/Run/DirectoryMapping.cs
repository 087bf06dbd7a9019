namespace Weir.Cli.Run;

/// <summary>A <c>--dir HOST[::GUEST][:ro]</c> value: which host directory the guest sees, under what name, and whether read-only.</summary>
internal sealed record DirectoryMapping(string HostPath, string GuestPath, bool ReadOnly)
{
    /// <summary>
    /// Parses <c>HOST[::GUEST][:ro|:rw]</c>. Without <c>::GUEST</c> the guest sees the directory
    /// under the host path as written (as wasmtime does).
    /// </summary>
    /// <exception cref="FormatException">The value is empty or names no host directory.</exception>
    public static DirectoryMapping Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value;
        var readOnly = false;
        if (text.EndsWith(":ro", StringComparison.Ordinal) && !text.EndsWith("::ro", StringComparison.Ordinal))
        {
            readOnly = true;
            text = text[..^3];
        }
        else if (text.EndsWith(":rw", StringComparison.Ordinal) && !text.EndsWith("::rw", StringComparison.Ordinal))
        {
            text = text[..^3];
        }

        var separator = text.IndexOf("::", StringComparison.Ordinal);
        var host = separator < 0 ? text : text[..separator];
        var guest = separator < 0 ? text : text[(separator + 2)..];
        if (host.Length == 0 || guest.Length == 0)
        {
            throw new FormatException($"--dir '{value}': expected HOST[::GUEST][:ro], for example ./data::/data:ro");
        }

        return new DirectoryMapping(host, guest, readOnly);
    }
}
