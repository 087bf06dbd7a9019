namespace Weir.Wasi;

/// <summary>Where a WASI program's standard output or standard error goes.</summary>
public sealed class WasiOutput
{
    private readonly Func<bool, Stream> _open;
    private readonly Func<bool, bool> _isTerminal;

    private WasiOutput(Func<bool, Stream> open, string description, Func<bool, bool>? isTerminal = null)
    {
        _open = open;
        _isTerminal = isTerminal ?? (_ => false);
        Description = description;
    }

    /// <summary>Nowhere: writes succeed and are dropped (the default).</summary>
    public static WasiOutput Discard { get; } = new(_ => Stream.Null, "discarded");

    /// <summary>The host process's own standard output (for the guest's stdout) or standard error (for its stderr).</summary>
    public static WasiOutput Inherit { get; } = new(
        isError => isError ? Console.OpenStandardError() : Console.OpenStandardOutput(),
        "inherited",
        isError => isError ? !Console.IsErrorRedirected : !Console.IsOutputRedirected);

    /// <summary>What the output is, for diagnostics.</summary>
    public string Description { get; }

    /// <summary>Captures the bytes into a writable stream (for example a <see cref="MemoryStream"/>). The host keeps ownership of the stream.</summary>
    public static WasiOutput ToStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("the output stream must be writable", nameof(stream));
        }

        return new WasiOutput(_ => stream, "stream");
    }

    internal Stream Open(bool isError) => _open(isError);

    /// <summary>Whether the guest should see a terminal (libc line-buffers a terminal and fully buffers anything else).</summary>
    internal bool IsTerminal(bool isError) => _isTerminal(isError);
}
