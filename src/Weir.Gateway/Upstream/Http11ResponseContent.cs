using System.Net;

namespace Weir.Gateway.Upstream;

/// <summary>
/// A response's content: its headers and the body stream reading from the connection. Disposing it
/// (disposing the response) ends the body: the connection goes back to the pool when the rest of the body
/// is already buffered, and is closed otherwise.
/// </summary>
internal sealed class Http11ResponseContent : HttpContent
{
    private Stream? _body;
    private Task<Stream>? _bodyTask;

    /// <summary>Sets the body stream; without one the content is empty.</summary>
    public void SetBody(Stream body) => _body = body;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _body is null ? Task.CompletedTask : _body.CopyToAsync(stream, cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        _bodyTask ??= Task.FromResult(_body ?? Stream.Null);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => _body ?? Stream.Null;

    protected override bool TryComputeLength(out long length)
    {
        // The Content-Length header, when the upstream sent one, says it.
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body?.Dispose();
        }

        base.Dispose(disposing);
    }
}
