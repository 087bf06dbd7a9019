using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;

namespace Weir.Wasi.FileSystem;

/// <summary>
/// Where a guest path leads, proven to stay inside the directory it was resolved from: the
/// components from the mount's root, and the status of the final entry (null when it does not
/// exist; a symbolic link's own status when the last component was not followed).
/// </summary>
internal sealed class ResolvedPath
{
    public ResolvedPath(Mount mount, List<string> components, int baseDepth, FileStat? status, bool mustBeDirectory)
    {
        Mount = mount;
        Components = components;
        BaseDepth = baseDepth;
        Status = status;
        MustBeDirectory = mustBeDirectory;
        HostPath = mount.HostPathOf(components);
    }

    public Mount Mount { get; }

    public IReadOnlyList<string> Components { get; }

    /// <summary>How many leading components belong to the directory the path was resolved from.</summary>
    public int BaseDepth { get; }

    public FileStat? Status { get; }

    public bool Exists => Status is not null;

    public FileType? FileType => Status?.FileType;

    /// <summary>The path ended with a slash (or <c>.</c>/<c>..</c>), so it has to name a directory.</summary>
    public bool MustBeDirectory { get; }

    public string HostPath { get; }

    /// <summary>The path named the starting directory itself (for example <c>.</c> or <c>a/..</c>), so it has no parent inside the sandbox to change.</summary>
    public bool IsStartingDirectory => Components.Count == BaseDepth;

    /// <summary>The host path of the directory holding the final entry.</summary>
    public string ParentHostPath => Mount.HostPathOf(Components, Components.Count - 1);
}
