using System.Net.Sockets;
using System.Text;

namespace Weir.Gateway.Tests.Support;

/// <summary>Sends hand-written HTTP/1.1 bytes, for requests an HttpClient would normalize.</summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> (CRLF line ends are added) and reads until the server closes (or resets) the connection or <paramref name="until"/> appears.</summary>
    public static async Task<string> SendAsync(Uri address, string request, string? until = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        await using var stream = client.GetStream();
        var bytes = Encoding.ASCII.GetBytes(request.ReplaceLineEndings("\r\n"));
        await stream.WriteAsync(bytes);
        var received = new StringBuilder();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                // A reset ends the exchange like a close; what arrived before it is the answer.
                break;
            }

            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            if (until is not null && received.ToString().Contains(until, StringComparison.Ordinal))
            {
                break;
            }
        }

        return received.ToString();
    }
}
