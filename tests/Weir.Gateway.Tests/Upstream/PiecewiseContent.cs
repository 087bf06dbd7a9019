using System.Net;
using Weir.Gateway.Upstream;

namespace Weir.Gateway.Tests.Upstream;

/// <summary>A request body of unknown length written in pieces (each flushed), with optional trailers, and a record of whether it was read.</summary>
internal sealed class PiecewiseContent : HttpContent, IRequestTrailersSource
{
    private readonly byte[][] _pieces;
    private readonly KeyValuePair<string, string>[] _trailers;

    public PiecewiseContent(byte[][] pieces, params KeyValuePair<string, string>[] trailers)
    {
        _pieces = pieces;
        _trailers = trailers;
    }

    /// <summary>Whether the handler started serializing the body.</summary>
    public bool Started { get; private set; }

    public IEnumerable<KeyValuePair<string, string>> GetTrailers() => _trailers;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Started = true;
        foreach (var piece in _pieces)
        {
            await stream.WriteAsync(piece, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
