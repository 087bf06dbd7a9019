using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;

namespace Weir.Wasi.FileSystem;

/// <summary>
/// Resolves guest paths one component at a time over a stack of directory names, never by string
/// concatenation and prefix checks. Absolute paths, <c>..</c> above the starting directory and
/// symbolic links whose targets are absolute or climb above it all answer PERM; every intermediate
/// symbolic link is expanded in place, so only real directories ever end up on the stack.
/// </summary>
/// <remarks>
/// .NET has no openat or O_NOFOLLOW, so a host process that swaps a checked directory for a symbolic
/// link between the check and the use could redirect an access (TOCTOU). A guest cannot do that on
/// its own, because an instance's calls are serialised; do not share a writable preopen between
/// untrusted instances that run concurrently.
/// </remarks>
internal static class PathResolver
{
    /// <summary>Symbolic-link expansions allowed per path before LOOP (Linux allows 40).</summary>
    public const int MaxSymlinkExpansions = 40;

    public static ResolvedPath Resolve(DirectoryDescriptor start, string path, bool followFinalSymlink)
    {
        if (path.Length == 0)
        {
            throw new WasiErrorException(Errno.NoEntry);
        }

        if (path[0] == '/' || (OperatingSystem.IsWindows() && Path.IsPathRooted(path)))
        {
            throw new WasiErrorException(Errno.NotPermitted);
        }

        var mount = start.Mount;
        var stack = new List<string>(start.Components);
        var baseDepth = stack.Count;
        var mustBeDirectory = NamesDirectory(path);

        // Pending components, last to be processed first, so expanding a link pushes its target on top.
        var pending = new List<string>();
        PushComponents(pending, path);

        var expansions = 0;
        FileStat? finalStatus = null;
        var finalIsPushed = false;
        while (pending.Count > 0)
        {
            var component = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            var isLast = pending.Count == 0;
            finalIsPushed = false;

            if (component == "..")
            {
                if (stack.Count == baseDepth)
                {
                    throw new WasiErrorException(Errno.NotPermitted);
                }

                stack.RemoveAt(stack.Count - 1);
                continue;
            }

            if (OperatingSystem.IsWindows() && !IsPortableComponent(component))
            {
                throw new WasiErrorException(Errno.InvalidArgument);
            }

            stack.Add(component);
            var status = HostFileSystem.TryGetStatus(mount.HostPathOf(stack), followSymlinks: false);
            var follow = !isLast || followFinalSymlink || mustBeDirectory;
            if (status is { FileType: FileType.SymbolicLink } && follow)
            {
                if (++expansions > MaxSymlinkExpansions)
                {
                    throw new WasiErrorException(Errno.TooManySymbolicLinks);
                }

                var target = ReadLinkTarget(mount.HostPathOf(stack));
                stack.RemoveAt(stack.Count - 1);
                if (target.Length == 0)
                {
                    throw new WasiErrorException(Errno.NoEntry);
                }

                if (target[0] == '/' || Path.IsPathRooted(target))
                {
                    throw new WasiErrorException(Errno.NotPermitted);
                }

                if (isLast && NamesDirectory(target))
                {
                    mustBeDirectory = true;
                }

                PushComponents(pending, target);
                continue;
            }

            if (!isLast)
            {
                if (status is null)
                {
                    throw new WasiErrorException(Errno.NoEntry);
                }

                if (status.Value.FileType != FileType.Directory)
                {
                    throw new WasiErrorException(Errno.NotDirectory);
                }
            }
            else
            {
                finalStatus = status;
                finalIsPushed = true;
            }
        }

        if (!finalIsPushed)
        {
            // The path ended on "." or "..": it names a directory already on the stack.
            finalStatus = HostFileSystem.TryGetStatus(mount.HostPathOf(stack), followSymlinks: false);
        }

        if (mustBeDirectory && finalStatus is { } existing && existing.FileType != FileType.Directory)
        {
            throw new WasiErrorException(Errno.NotDirectory);
        }

        return new ResolvedPath(mount, stack, baseDepth, finalStatus, mustBeDirectory);
    }

    /// <summary>
    /// Whether a symbolic link created at <paramref name="linkComponents"/> (its own name last) with
    /// <paramref name="target"/> would point inside the mount when followed. Used to refuse planting
    /// links that lead out, even though following them is refused anyway.
    /// </summary>
    public static bool TargetStaysInside(IReadOnlyList<string> linkComponents, string target)
    {
        if (target.Length == 0 || target[0] == '/' || Path.IsPathRooted(target))
        {
            return false;
        }

        var depth = linkComponents.Count - 1;
        foreach (var component in target.Split('/'))
        {
            if (component == "..")
            {
                if (--depth < 0)
                {
                    return false;
                }
            }
            else if (component.Length > 0 && component != ".")
            {
                depth++;
            }
        }

        return true;
    }

    private static string ReadLinkTarget(string hostPath)
    {
        var target = new FileInfo(hostPath).LinkTarget;
        return target ?? throw new WasiErrorException(Errno.NoEntry);
    }

    /// <summary>A trailing slash, or a last component of "." or "..", makes a path name a directory.</summary>
    private static bool NamesDirectory(string path) =>
        path.EndsWith('/') || path == "." || path == ".." || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal);

    private static void PushComponents(List<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            var part = parts[i];
            if (part.Length > 0 && part != ".")
            {
                pending.Add(part);
            }
        }
    }

    /// <summary>On Windows, names with these characters or device names change meaning, so they are refused.</summary>
    private static bool IsPortableComponent(string component)
    {
        if (component.AsSpan().IndexOfAny('\\', ':') >= 0 || component.EndsWith('.') || component.EndsWith(' '))
        {
            return false;
        }

        var stem = component.Split('.')[0].ToUpperInvariant();
        return stem is not ("CON" or "PRN" or "AUX" or "NUL" or "COM1" or "COM2" or "COM3" or "COM4" or "COM5" or "COM6" or "COM7" or "COM8" or "COM9"
            or "LPT1" or "LPT2" or "LPT3" or "LPT4" or "LPT5" or "LPT6" or "LPT7" or "LPT8" or "LPT9");
    }
}
