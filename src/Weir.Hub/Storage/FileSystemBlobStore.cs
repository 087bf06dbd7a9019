using System.Runtime.CompilerServices;
using Weir.Oci.Content;

namespace Weir.Hub.Storage;

/// <summary>
/// Blobs as files under <c>&lt;root&gt;/&lt;algorithm&gt;/&lt;first two hex&gt;/&lt;hex&gt;</c>. A blob appears
/// only through an atomic rename of a verified, flushed file, so a crash leaves either the whole blob
/// or nothing under its name.
/// </summary>
internal sealed class FileSystemBlobStore : IBlobStore
{
    private readonly string root;

    public FileSystemBlobStore(string root)
    {
        this.root = root;
        Directory.CreateDirectory(root);
        RemoveCrashLeftovers();
    }

    public ValueTask<BlobStat?> StatAsync(Digest digest, CancellationToken cancellationToken)
    {
        var path = PathOf(digest);
        var info = new FileInfo(path);
        return ValueTask.FromResult(info.Exists ? new BlobStat(digest, info.Length, info.LastWriteTimeUtc, path) : null);
    }

    public ValueTask<Stream?> OpenReadAsync(Digest digest, long offset, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(PathOf(digest), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
            stream.Seek(offset, SeekOrigin.Begin);
            return ValueTask.FromResult<Stream?>(stream);
        }
        catch (FileNotFoundException)
        {
            return ValueTask.FromResult<Stream?>(null);
        }
        catch (DirectoryNotFoundException)
        {
            return ValueTask.FromResult<Stream?>(null);
        }
    }

    public ValueTask AdoptVerifiedFileAsync(Digest digest, string verifiedFile, CancellationToken cancellationToken)
    {
        var destination = PathOf(digest);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (Refresh(destination))
        {
            // Same digest, same bytes: keep the stored copy, now marked fresh so a collection that
            // started before this upload does not remove it.
            File.Delete(verifiedFile);
            return ValueTask.CompletedTask;
        }

        DurableFileSystem.MoveDurably(verifiedFile, destination, overwrite: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RefreshAsync(Digest digest, CancellationToken cancellationToken) => ValueTask.FromResult(Refresh(PathOf(digest)));

    public ValueTask<bool> DeleteIfUnusedSinceAsync(Digest digest, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var path = PathOf(digest);
        var trash = Path.Combine(root, "trash-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The rename is atomic: from here on a concurrent upload cannot refresh this file (its
            // refresh fails and it stores its own copy), so the age read below is final.
            File.Move(path, trash);
        }
        catch (FileNotFoundException)
        {
            return ValueTask.FromResult(false);
        }
        catch (DirectoryNotFoundException)
        {
            return ValueTask.FromResult(false);
        }

        if (File.GetLastWriteTimeUtc(trash) >= cutoff.UtcDateTime)
        {
            try
            {
                File.Move(trash, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // An upload stored the same bytes meanwhile; its copy is as good as ours.
                File.Delete(trash);
            }

            return ValueTask.FromResult(false);
        }

        File.Delete(trash);
        return ValueTask.FromResult(true);
    }

    private void RemoveCrashLeftovers()
    {
        // A collection that crashed between moving a blob aside and deleting it leaves the file behind;
        // the metadata had already released it, so it is garbage.
        foreach (var leftover in Directory.EnumerateFiles(root, "trash-*"))
        {
            if (File.GetLastWriteTimeUtc(leftover) < DateTime.UtcNow.AddHours(-1))
            {
                File.Delete(leftover);
            }
        }
    }

    private static bool Refresh(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<BlobStat> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var algorithmDirectory in Directory.EnumerateDirectories(root))
        {
            var algorithm = Path.GetFileName(algorithmDirectory);
            if (!Digest.IsSupportedAlgorithm(algorithm))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(algorithmDirectory, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!Digest.TryParse(algorithm + ":" + Path.GetFileName(file), out var digest))
                {
                    continue;
                }

                var info = new FileInfo(file);
                if (info.Exists)
                {
                    yield return new BlobStat(digest, info.Length, info.LastWriteTimeUtc, file);
                }
            }

            await Task.Yield();
        }
    }

    private string PathOf(Digest digest) => Path.Combine(root, digest.Algorithm, digest.Encoded[..2], digest.Encoded);
}
