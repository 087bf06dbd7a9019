using Weir.Hub.Storage;
using Weir.Hub.Tests.Support;
using Weir.Oci.Content;

namespace Weir.Hub.Tests.Storage;

public sealed class FileSystemBlobStoreTests
{
    [Fact]
    public async Task Adopt_MovesTheVerifiedFileUnderItsDigest()
    {
        using var directory = new TemporaryDirectory();
        var store = new FileSystemBlobStore(Path.Combine(directory.Path, "blobs"));
        var content = "module bytes"u8.ToArray();
        var staged = Path.Combine(directory.Path, "staged");
        await File.WriteAllBytesAsync(staged, content);

        await store.AdoptVerifiedFileAsync(Digest.Compute(content), staged, CancellationToken.None);

        File.Exists(staged).Should().BeFalse();
        var stat = await store.StatAsync(Digest.Compute(content), CancellationToken.None);
        stat!.Length.Should().Be(content.Length);
        (await File.ReadAllBytesAsync(stat.LocalPath!)).Should().Equal(content);
    }

    [Fact]
    public async Task Adopt_OfAnExistingBlob_DiscardsTheCopyAndRefreshesTheStoredOne()
    {
        using var directory = new TemporaryDirectory();
        var store = new FileSystemBlobStore(Path.Combine(directory.Path, "blobs"));
        var content = "module bytes"u8.ToArray();
        var digest = Digest.Compute(content);
        await AdoptAsync(store, directory, content);
        var stored = (await store.StatAsync(digest, CancellationToken.None))!.LocalPath!;
        File.SetLastWriteTimeUtc(stored, DateTime.UtcNow.AddDays(-1));

        var copy = await AdoptAsync(store, directory, content);

        File.Exists(copy).Should().BeFalse();
        (await store.StatAsync(digest, CancellationToken.None))!.LastWritten.Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task DeleteIfUnusedSince_DeletesOldBlobsAndKeepsRefreshedOnes()
    {
        using var directory = new TemporaryDirectory();
        var store = new FileSystemBlobStore(Path.Combine(directory.Path, "blobs"));
        var old = "old"u8.ToArray();
        var refreshed = "refreshed"u8.ToArray();
        await AdoptAsync(store, directory, old);
        await AdoptAsync(store, directory, refreshed);
        foreach (var content in new[] { old, refreshed })
        {
            File.SetLastWriteTimeUtc((await store.StatAsync(Digest.Compute(content), CancellationToken.None))!.LocalPath!, DateTime.UtcNow.AddHours(-2));
        }

        var cutoff = DateTimeOffset.UtcNow.AddHours(-1);
        (await store.RefreshAsync(Digest.Compute(refreshed), CancellationToken.None)).Should().BeTrue();

        (await store.DeleteIfUnusedSinceAsync(Digest.Compute(old), cutoff, CancellationToken.None)).Should().BeTrue();
        (await store.DeleteIfUnusedSinceAsync(Digest.Compute(refreshed), cutoff, CancellationToken.None)).Should().BeFalse();
        (await store.StatAsync(Digest.Compute(old), CancellationToken.None)).Should().BeNull();
        (await store.StatAsync(Digest.Compute(refreshed), CancellationToken.None)).Should().NotBeNull();
        (await store.RefreshAsync(Digest.Compute(old), CancellationToken.None)).Should().BeFalse();
        Directory.GetFiles(Path.Combine(directory.Path, "blobs")).Should().BeEmpty("no trash may be left at the top level");
    }

    [Fact]
    public async Task List_ReturnsEveryStoredBlobWithItsDigest()
    {
        using var directory = new TemporaryDirectory();
        var store = new FileSystemBlobStore(Path.Combine(directory.Path, "blobs"));
        var contents = Enumerable.Range(0, 5).Select(i => new[] { (byte)i, (byte)(i + 1) }).ToList();
        foreach (var content in contents)
        {
            await AdoptAsync(store, directory, content);
        }

        var listed = new List<BlobStat>();
        await foreach (var blob in store.ListAsync(CancellationToken.None))
        {
            listed.Add(blob);
        }

        listed.Select(b => b.Digest).Should().BeEquivalentTo(contents.Select(c => Digest.Compute(c)));
    }

    private static async Task<string> AdoptAsync(FileSystemBlobStore store, TemporaryDirectory directory, byte[] content)
    {
        var staged = Path.Combine(directory.Path, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(staged, content);
        await store.AdoptVerifiedFileAsync(Digest.Compute(content), staged, CancellationToken.None);
        return staged;
    }
}
