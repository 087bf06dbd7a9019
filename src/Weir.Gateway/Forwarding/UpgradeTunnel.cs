using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Weir.Gateway.Forwarding;

/// <summary>
/// After an upstream answered 101 Switching Protocols (WebSocket), joins the client's and the upstream's
/// connections and copies bytes both ways until either side ends.
/// </summary>
internal static class UpgradeTunnel
{
    private const int BufferSize = 16 * 1024;

    public static async ValueTask<(ProxyError Error, long ResponseBytes)> RunAsync(HttpContext context, IHttpUpgradeFeature upgrade, HttpResponseMessage upstream, CancellationToken cancellationToken)
    {
        var upstreamStream = await upstream.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var clientStream = await upgrade.UpgradeAsync().ConfigureAwait(false);
        using var tunnel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var toUpstream = PumpAsync(clientStream, upstreamStream, tunnel.Token);
        var toClient = PumpAsync(upstreamStream, clientStream, tunnel.Token);
        var first = await Task.WhenAny(toUpstream, toClient).ConfigureAwait(false);

        // One side ended: the tunnel is over, so stop the other direction too.
        await tunnel.CancelAsync().ConfigureAwait(false);
        await upstreamStream.DisposeAsync().ConfigureAwait(false);
        var (upstreamBytes, upstreamFailed) = await toUpstream.ConfigureAwait(false);
        var (clientBytes, clientFailed) = await toClient.ConfigureAwait(false);
        _ = upstreamBytes;
        var failed = first == toUpstream ? upstreamFailed : clientFailed;
        return (failed && !context.RequestAborted.IsCancellationRequested ? ProxyError.Upgrade : ProxyError.None, clientBytes);
    }

    private static async Task<(long Bytes, bool Failed)> PumpAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long total = 0;
        try
        {
            while (true)
            {
                var read = await source.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (total, false);
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                total += read;
            }
        }
        catch (OperationCanceledException)
        {
            return (total, false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or ConnectionResetException or HttpRequestException)
        {
            return (total, true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
