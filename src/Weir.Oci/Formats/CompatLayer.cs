using System.Formats.Tar;
using System.IO.Compression;

namespace Weir.Oci.Formats;

/// <summary>Writes and reads the compat variant's tar+gzip layer holding <c>plugin.wasm</c> (and <c>runtime-config.json</c>).</summary>
internal static class CompatLayer
{
    public const string ModuleEntryName = "plugin.wasm";
    public const string RuntimeConfigEntryName = "runtime-config.json";

    /// <summary>Entries larger than this are refused, so a hostile layer cannot exhaust memory when decompressed.</summary>
    public const long MaxEntrySize = 1L << 30;

    private const UnixFileMode EntryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Builds the uncompressed tar (its digest is the config's diff_id) and its gzip compression.</summary>
    public static (byte[] Tar, byte[] TarGzip) Create(ReadOnlySpan<byte> module, ReadOnlySpan<byte> runtimeConfig)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            AddFile(writer, ModuleEntryName, module);
            AddFile(writer, RuntimeConfigEntryName, runtimeConfig);
        }

        var tarBytes = tar.ToArray();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(tarBytes);
        }

        return (tarBytes, compressed.ToArray());
    }

    /// <summary>
    /// Streams through a gzip-compressed tar and returns the first entry whose base name is <c>plugin.wasm</c>
    /// (as Istio matches it) and <c>runtime-config.json</c> when present.
    /// </summary>
    /// <exception cref="InvalidDataException">The layer is not tar+gzip or holds no <c>plugin.wasm</c>.</exception>
    public static async ValueTask<(byte[] Module, byte[]? RuntimeConfig)> ExtractAsync(Stream tarGzip, CancellationToken cancellationToken)
    {
        byte[]? module = null;
        byte[]? runtimeConfig = null;
        await using var gzip = new GZipStream(tarGzip, CompressionMode.Decompress, leaveOpen: true);
        await using var reader = new TarReader(gzip);
        try
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                var baseName = Path.GetFileName(entry.Name.TrimEnd('/'));
                if (baseName is ModuleEntryName or RuntimeConfigEntryName && entry.Length > MaxEntrySize)
                {
                    throw new InvalidDataException($"The compat layer's '{entry.Name}' is {entry.Length} bytes, more than the {MaxEntrySize}-byte limit.");
                }

                if (module is null && baseName == ModuleEntryName)
                {
                    module = await ReadAllAsync(entry.DataStream, cancellationToken).ConfigureAwait(false);
                }
                else if (runtimeConfig is null && baseName == RuntimeConfigEntryName)
                {
                    runtimeConfig = await ReadAllAsync(entry.DataStream, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (FormatException exception)
        {
            throw new InvalidDataException($"The compat layer is not a valid tar archive: {exception.Message}", exception);
        }

        return module is null
            ? throw new InvalidDataException($"The compat layer holds no '{ModuleEntryName}' entry.")
            : (module, runtimeConfig);
    }

    private static void AddFile(TarWriter writer, string name, ReadOnlySpan<byte> content)
    {
        var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = EntryMode,
            ModificationTime = DateTimeOffset.UnixEpoch,
            Uid = 0,
            Gid = 0,
            DataStream = new MemoryStream(content.ToArray(), writable: false),
        };
        writer.WriteEntry(entry);
    }

    private static async ValueTask<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
