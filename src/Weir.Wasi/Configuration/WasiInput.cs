using System.Text;

namespace Weir.Wasi;

/// <summary>Where a WASI program's standard input comes from.</summary>
public sealed class WasiInput
{
    private readonly Func<Stream> _open;
    private readonly Func<bool> _isTerminal;

    private WasiInput(Func<Stream> open, string description, Func<bool>? isTerminal = null)
    {
        _open = open;
        _isTerminal = isTerminal ?? (() => false);
        Description = description;
    }

    /// <summary>No input: the first read returns end of file (the default).</summary>
    public static WasiInput Empty { get; } = new(() => Stream.Null, "empty");

    /// <summary>The host process's own standard input.</summary>
    public static WasiInput Inherit { get; } = new(Console.OpenStandardInput, "inherited", () => !Console.IsInputRedirected);

    /// <summary>What the input is, for diagnostics.</summary>
    public string Description { get; }

    /// <summary>Fixed bytes; each program run reads them from the start.</summary>
    public static WasiInput FromBytes(ReadOnlyMemory<byte> bytes) =>
        new(() => new MemoryStream(bytes.ToArray(), writable: false), $"{bytes.Length} bytes");

    /// <summary>Fixed text, encoded as UTF-8.</summary>
    public static WasiInput FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromBytes(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>A readable stream, read as the guest asks for input. The host keeps ownership of the stream.</summary>
    public static WasiInput FromStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("the standard input stream must be readable", nameof(stream));
        }

        return new WasiInput(() => stream, "stream");
    }

    internal Stream Open() => _open();

    /// <summary>Whether the guest should see a terminal.</summary>
    internal bool IsTerminal() => _isTerminal();
}
