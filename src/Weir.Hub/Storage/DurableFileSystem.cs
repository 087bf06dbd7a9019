using System.Runtime.InteropServices;

namespace Weir.Hub.Storage;

/// <summary>
/// The pieces of crash-safe file handling .NET does not offer directly: after a rename, the directory
/// entry itself must reach the disk, or a power loss can bring back the old name.
/// </summary>
internal static partial class DurableFileSystem
{
    private const int ReadOnly = 0;

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/> atomically and makes the rename durable.</summary>
    public static void MoveDurably(string source, string destination, bool overwrite)
    {
        File.Move(source, destination, overwrite);
        SyncDirectory(Path.GetDirectoryName(destination)!);
    }

    /// <summary>Flushes a directory's entries to disk (a no-op on Windows, where NTFS journals renames).</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnly);
        if (descriptor < 0)
        {
            // Not being able to open the directory means it vanished; the caller's next step reports it.
            return;
        }

        try
        {
            _ = Fsync(descriptor);
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
