using System.IO.Pipelines;
using System.Net;
using Weir.Gateway.Forwarding;

namespace Weir.Gateway.Filters;

/// <summary>
/// The client's request body streamed upstream through the filter chain: each chunk read from the client
/// goes through the filters and what comes out is written and flushed before the next read (backpressure).
/// When a filter ends the exchange mid-body, sending stops and the exchange records why.
/// </summary>
internal sealed class FilteredRequestContent : ForwardedContent, IBodySink
{
    private readonly FilteredExchange _exchange;
    private readonly PipeReader _body;
    private readonly CancellationToken _clientAborted;
    private Stream? _destination;
    private CancellationToken _sending;
    private bool _unflushed;

    public FilteredRequestContent(FilteredExchange exchange, PipeReader body, CancellationToken clientAborted)
    {
        _exchange = exchange;
        _body = body;
        _clientAborted = clientAborted;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Started = true;
        _destination = stream;
        _sending = cancellationToken;
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
            var completed = result.IsCompleted || result.IsCanceled;
            bool proceed;
            try
            {
                var trailersFollow = completed && _exchange.TakeRequestTrailers();
                proceed = await SendAsync(buffer, completed && !trailersFollow).ConfigureAwait(false);
                if (proceed && trailersFollow)
                {
                    proceed = await _exchange.RequestTrailersAsync(this).ConfigureAwait(false);
                }
            }
            finally
            {
                _body.AdvanceTo(buffer.End);
            }

            if (!proceed)
            {
                throw new FilterEndedExchangeException();
            }

            if (completed)
            {
                return;
            }

            // More is coming: deliver what passed the filters now. While a filter holds the body nothing
            // passed, and a flush would only send the request head early.
            if (_unflushed)
            {
                _unflushed = false;
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    ValueTask IBodySink.WriteAsync(ReadOnlyMemory<byte> data)
    {
        BytesSent += data.Length;
        _unflushed = true;
        return _destination!.WriteAsync(data, _sending);
    }

    private async ValueTask<bool> SendAsync(System.Buffers.ReadOnlySequence<byte> buffer, bool endOfStream)
    {
        if (buffer.IsEmpty)
        {
            return !endOfStream || await _exchange.RequestBodyAsync(ReadOnlyMemory<byte>.Empty, true, this).ConfigureAwait(false);
        }

        var position = buffer.Start;
        while (buffer.TryGet(ref position, out var segment))
        {
            var last = position.GetObject() is null;
            if (!await _exchange.RequestBodyAsync(segment, endOfStream && last, this).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }
}
