using System.Security.Cryptography;

namespace Weir.Wasi.Tests.Support;

/// <summary>
/// Everything observable about a host directory tree (without following symbolic links): every
/// entry's kind, size, content hash, modification time and link target. Two equal snapshots mean
/// nothing in the tree was created, deleted, written, truncated, touched or re-linked.
/// </summary>
internal static class HostSnapshot
{
    public static IReadOnlyList<string> Take(string root)
    {
        var entries = new List<string>();
        var rootInfo = new DirectoryInfo(root);
        entries.Add($". dir mtime={rootInfo.LastWriteTimeUtc.Ticks}");
        Walk(rootInfo, root, entries);
        entries.Sort(StringComparer.Ordinal);
        return entries;
    }

    private static void Walk(DirectoryInfo directory, string root, List<string> entries)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            if (entry.LinkTarget is { } target)
            {
                entries.Add($"{relative} symlink -> {target}");
            }
            else if (entry is DirectoryInfo subdirectory)
            {
                entries.Add($"{relative} dir mtime={subdirectory.LastWriteTimeUtc.Ticks}");
                Walk(subdirectory, root, entries);
            }
            else if (entry is FileInfo file)
            {
                var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)));
                entries.Add($"{relative} file size={file.Length} mtime={file.LastWriteTimeUtc.Ticks} sha256={hash}");
            }
        }
    }
}
