using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Weir.Oci.Content;

namespace Weir.Hub.Storage;

/// <summary>
/// Upload sessions staged on the local disk: <c>&lt;root&gt;/&lt;id&gt;/info</c> (repository and start time)
/// and <c>&lt;root&gt;/&lt;id&gt;/data</c> (the bytes so far). Sessions survive across requests and restarts;
/// the digest of the bytes is computed while they arrive, so completing an upload does not read it again
/// unless the process restarted in between.
/// </summary>
internal sealed class UploadStore : IDisposable
{
    private const int CopyBufferSize = 256 * 1024;
    private const string InfoFile = "info";
    private const string DataFile = "data";

    private readonly string root;
    private readonly TimeProvider time;
    private readonly KeyedLock locks = new();
    private readonly ConcurrentDictionary<string, DigestCalculator> runningDigests = new(StringComparer.Ordinal);

    public UploadStore(string root, TimeProvider time)
    {
        this.root = root;
        this.time = time;
        Directory.CreateDirectory(root);
    }

    /// <summary>Starts an empty upload for <paramref name="repository"/>.</summary>
    public UploadSession Create(string repository)
    {
        var id = Guid.NewGuid().ToString("N");
        var directory = Path.Combine(root, id);
        Directory.CreateDirectory(directory);
        var startedAt = time.GetUtcNow();
        File.WriteAllBytes(Path.Combine(directory, DataFile), []);
        // Written complete before it is visible (rename), but not flushed: losing a session in a power
        // failure only makes the client start its upload again, and POST stays cheap.
        var info = JsonSerializer.SerializeToUtf8Bytes(new SessionInfo(repository, startedAt.ToUnixTimeMilliseconds()));
        var temporary = Path.Combine(directory, InfoFile + ".tmp");
        File.WriteAllBytes(temporary, info);
        File.Move(temporary, Path.Combine(directory, InfoFile));
        runningDigests[id] = new DigestCalculator();
        return new UploadSession(id, repository, startedAt, startedAt, 0);
    }

    /// <summary>Finds a session by id; null when the id is malformed, unknown or the session was completed, cancelled or expired.</summary>
    public UploadSession? Find(string id)
    {
        if (!IsWellFormedId(id))
        {
            return null;
        }

        var directory = Path.Combine(root, id);
        try
        {
            var info = JsonSerializer.Deserialize<SessionInfo>(File.ReadAllBytes(Path.Combine(directory, InfoFile)));
            var data = new FileInfo(Path.Combine(directory, DataFile));
            if (info is null || !data.Exists)
            {
                return null;
            }

            return new UploadSession(id, info.Repository, DateTimeOffset.FromUnixTimeMilliseconds(info.Started), data.LastWriteTimeUtc, data.Length);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Serialises requests on one session (a client may retry a chunk while the first attempt still runs).</summary>
    public ValueTask<KeyedLock.Releaser> LockAsync(string id, CancellationToken cancellationToken) => locks.AcquireAsync(id, cancellationToken);

    /// <summary>
    /// Appends <paramref name="body"/> at the session's end. With <paramref name="expectedLength"/>, a body
    /// of any other length is refused and the session rolled back; when reading the body fails (the client
    /// went away mid-chunk) the session is rolled back too, so a session only ever holds whole chunks.
    /// The caller holds the session lock.
    /// </summary>
    public async ValueTask<AppendOutcome> AppendAsync(UploadSession session, Stream body, long? expectedLength, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, session.Id, DataFile);
        var start = session.Length;
        runningDigests.TryGetValue(session.Id, out var digest);
        if (digest is not null && digest.Length != start)
        {
            Forget(session.Id);
            digest = null;
        }

        if (digest is null && start == 0)
        {
            // A session resumed after a restart can still be hashed on the fly if nothing arrived yet.
            digest = runningDigests.GetOrAdd(session.Id, _ => new DigestCalculator());
        }

        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        long received = 0;
        var accepted = false;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.Read, FileOptions.Asynchronous);
            var filled = 0;
            while (true)
            {
                var read = await body.ReadAsync(buffer.AsMemory(filled, CopyBufferSize - filled), cancellationToken).ConfigureAwait(false);
                if (read > 0)
                {
                    filled += read;
                    received += read;
                    if (expectedLength is { } limit && received > limit)
                    {
                        break;
                    }

                    if (filled < CopyBufferSize)
                    {
                        continue;
                    }
                }

                if (filled > 0)
                {
                    digest?.Append(buffer.AsSpan(0, filled));
                    await RandomAccess.WriteAsync(handle, buffer.AsMemory(0, filled), start + received - filled, cancellationToken).ConfigureAwait(false);
                    filled = 0;
                }

                if (read == 0)
                {
                    break;
                }
            }

            accepted = expectedLength is null || received == expectedLength;
            if (!accepted)
            {
                RollBack(handle, session.Id, start);
            }
        }
        catch
        {
            using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.Read))
            {
                RollBack(handle, session.Id, start);
            }

            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new AppendOutcome(received, accepted, accepted ? start + received : start);
    }

    /// <summary>
    /// Checks that the session's bytes hash to <paramref name="expected"/> and flushes them to disk.
    /// Returns the staged blob, or null when the digest differs (the actual digest is returned either way).
    /// The caller holds the session lock.
    /// </summary>
    public async ValueTask<(StagedBlob? Staged, Digest Actual)> VerifyAsync(UploadSession session, Digest expected, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, session.Id, DataFile);
        Digest actual;
        if (runningDigests.TryRemove(session.Id, out var running) && running.Length == session.Length && running.Algorithm == expected.Algorithm)
        {
            actual = running.Finish();
            running.Dispose();
        }
        else
        {
            running?.Dispose();
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
            actual = await Digest.ComputeAsync(stream, expected.Algorithm, cancellationToken).ConfigureAwait(false);
        }

        if (actual != expected)
        {
            return (null, actual);
        }

        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
        {
            RandomAccess.FlushToDisk(handle);
        }

        return (new StagedBlob(expected, session.Length, path), actual);
    }

    /// <summary>Removes a session and its bytes (after completion, on cancel, on a failed digest, on expiry).</summary>
    public void Delete(string id)
    {
        if (!IsWellFormedId(id))
        {
            return;
        }

        Forget(id);
        var directory = Path.Combine(root, id);
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone: a concurrent cancel or expiry got there first.
        }
    }

    /// <summary>Deletes sessions without activity since <paramref name="cutoff"/>; returns how many.</summary>
    public async ValueTask<int> ExpireAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var expired = 0;
        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            var id = Path.GetFileName(directory);
            if (!IsWellFormedId(id))
            {
                continue;
            }

            using var held = await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false);
            var lastActivity = LastActivity(directory);
            if (lastActivity is { } when && when < cutoff)
            {
                Delete(id);
                expired++;
            }
        }

        return expired;
    }

    /// <summary>Ids of all sessions on disk (used by consistency checks and tests).</summary>
    public IReadOnlyList<string> ListIds() =>
        Directory.EnumerateDirectories(root).Select(Path.GetFileName).Where(id => id is not null && IsWellFormedId(id)).ToList()!;

    public void Dispose()
    {
        foreach (var digest in runningDigests.Values)
        {
            digest.Dispose();
        }

        runningDigests.Clear();
    }

    private static DateTimeOffset? LastActivity(string directory)
    {
        var data = new FileInfo(Path.Combine(directory, DataFile));
        var info = new FileInfo(Path.Combine(directory, InfoFile));
        if (data.Exists)
        {
            return data.LastWriteTimeUtc;
        }

        // A session without data is a leftover of a crash between completion and clean-up.
        return info.Exists ? info.LastWriteTimeUtc : Directory.GetLastWriteTimeUtc(directory);
    }

    private static bool IsWellFormedId(string id) =>
        id.Length == 32 && id.All(c => char.IsAsciiDigit(c) || (c >= 'a' && c <= 'f'));

    private void RollBack(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string id, long length)
    {
        RandomAccess.SetLength(handle, length);
        Forget(id);
    }

    private void Forget(string id)
    {
        if (runningDigests.TryRemove(id, out var digest))
        {
            digest.Dispose();
        }
    }

    private sealed record SessionInfo(string Repository, long Started);
}
