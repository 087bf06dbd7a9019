namespace Weir.Wasi.Descriptors;

/// <summary>A preopened host directory: the root nothing under it can climb out of, and whether it is read-only.</summary>
internal sealed class Mount
{
    public Mount(string hostRoot, string guestName, bool isReadOnly)
    {
        HostRoot = hostRoot;
        GuestName = guestName;
        IsReadOnly = isReadOnly;
    }

    /// <summary>The canonical host directory (symbolic links in the configured path already resolved).</summary>
    public string HostRoot { get; }

    /// <summary>The name the guest knows the directory by.</summary>
    public string GuestName { get; }

    public bool IsReadOnly { get; }

    /// <summary>The host path of components under the root. Components never contain separators, <c>.</c> or <c>..</c>.</summary>
    public string HostPathOf(IReadOnlyList<string> components, int count)
    {
        if (count == 0)
        {
            return HostRoot;
        }

        var builder = new System.Text.StringBuilder(HostRoot);
        for (var i = 0; i < count; i++)
        {
            if (builder[^1] != Path.DirectorySeparatorChar)
            {
                builder.Append(Path.DirectorySeparatorChar);
            }

            builder.Append(components[i]);
        }

        return builder.ToString();
    }

    public string HostPathOf(IReadOnlyList<string> components) => HostPathOf(components, components.Count);
}
