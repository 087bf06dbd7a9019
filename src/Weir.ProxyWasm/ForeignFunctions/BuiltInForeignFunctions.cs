using System.IO.Compression;

namespace Weir.ProxyWasm.ForeignFunctions;

/// <summary>
/// Foreign functions every runtime offers, named as in Envoy: <c>compress</c> and
/// <c>uncompress</c> (zlib). Hosts add their own through <see cref="ProxyWasmRuntimeOptions.ForeignFunctions"/>.
/// </summary>
internal static class BuiltInForeignFunctions
{
    /// <summary>The most bytes <c>uncompress</c> produces, so a small input cannot exhaust memory.</summary>
    public const int MaximumUncompressedBytes = 16 << 20;

    public static IReadOnlyDictionary<string, ForeignFunction> All { get; } = new Dictionary<string, ForeignFunction>(StringComparer.Ordinal)
    {
        ["compress"] = Compress,
        ["uncompress"] = Uncompress,
    };

    private static ForeignFunctionResult Compress(ReadOnlySpan<byte> arguments)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(arguments);
        }

        return ForeignFunctionResult.Ok(output.ToArray());
    }

    private static ForeignFunctionResult Uncompress(ReadOnlySpan<byte> arguments)
    {
        try
        {
            using var input = new MemoryStream(arguments.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                if (output.Length + read > MaximumUncompressedBytes)
                {
                    return ForeignFunctionResult.Fail(ProxyStatus.InternalFailure);
                }

                output.Write(buffer, 0, read);
            }

            return ForeignFunctionResult.Ok(output.ToArray());
        }
        catch (InvalidDataException)
        {
            return ForeignFunctionResult.Fail(ProxyStatus.SerializationFailure);
        }
    }
}
