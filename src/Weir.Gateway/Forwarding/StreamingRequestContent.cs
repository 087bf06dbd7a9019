using System.IO.Pipelines;
using System.Net;

namespace Weir.Gateway.Forwarding;

/// <summary>
/// The client's request body, streamed to the upstream as it arrives: each read from the client is written
/// and flushed before the next, so a slow upstream slows the client (backpressure) and nothing is buffered
/// whole.
/// </summary>
internal sealed class StreamingRequestContent : ForwardedContent
{
    private readonly PipeReader _body;
    private readonly CancellationToken _clientAborted;

    public StreamingRequestContent(PipeReader body, CancellationToken clientAborted)
    {
        _body = body;
        _clientAborted = clientAborted;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Started = true;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _body.ReadAsync(_clientAborted).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                ClientFailure = exception;
                throw;
            }

            var buffer = result.Buffer;
            try
            {
                foreach (var segment in buffer)
                {
                    await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
                    BytesSent += segment.Length;
                }
            }
            finally
            {
                _body.AdvanceTo(buffer.End);
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }

            // More is coming: deliver what arrived now rather than when the handler's buffer fills.
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
