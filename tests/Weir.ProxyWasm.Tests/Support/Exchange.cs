using System.Text;
using Weir.ProxyWasm;

namespace Weir.ProxyWasm.Tests.Support;

/// <summary>An HTTP exchange to push through a filter: what the client sends and what the upstream answers.</summary>
internal sealed record Exchange
{
    public string Method { get; init; } = "GET";

    public string Path { get; init; } = "/";

    public IReadOnlyList<KeyValuePair<string, string>> RequestHeaders { get; init; } = [];

    public IReadOnlyList<string> RequestBody { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> RequestTrailers { get; init; } = [];

    public int ResponseStatus { get; init; } = 200;

    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; init; } = [];

    public IReadOnlyList<string> ResponseBody { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> ResponseTrailers { get; init; } = [];

    public InMemoryHttpStream CreateStream()
    {
        var stream = new InMemoryHttpStream(Method, Path);
        foreach (var (name, value) in RequestHeaders)
        {
            stream.RequestHeaders.Add(name, value);
        }

        return stream;
    }

    /// <summary>Runs the whole exchange through one filter, as a server would, and reports what happened.</summary>
    public async Task<ExchangeResult> RunAsync(Plugin plugin, InMemoryHttpStream? stream = null, CancellationToken cancellationToken = default)
    {
        stream ??= CreateStream();
        var result = new ExchangeResult(stream);
        await using var filter = plugin.CreateHttpStream(stream);
        try
        {
            var requestEnds = RequestBody.Count == 0 && RequestTrailers.Count == 0;
            if (!result.Accept(await filter.OnRequestHeadersAsync(requestEnds, cancellationToken), result.UpstreamRequestBody))
            {
                return result;
            }

            for (var i = 0; i < RequestBody.Count; i++)
            {
                var last = i == RequestBody.Count - 1 && RequestTrailers.Count == 0;
                if (!result.Accept(await filter.OnRequestBodyAsync(Encoding.UTF8.GetBytes(RequestBody[i]), last, cancellationToken), result.UpstreamRequestBody))
                {
                    return result;
                }
            }

            if (RequestTrailers.Count > 0)
            {
                foreach (var (name, value) in RequestTrailers)
                {
                    stream.RequestTrailers.Add(name, value);
                }

                if (!result.Accept(await filter.OnRequestTrailersAsync(cancellationToken), result.UpstreamRequestBody))
                {
                    return result;
                }
            }

            // The request reached the upstream; it answers.
            result.ReachedUpstream = true;
            stream.WithResponseStatus(ResponseStatus);
            foreach (var (name, value) in ResponseHeaders)
            {
                stream.ResponseHeaders.Add(name, value);
            }

            var responseEnds = ResponseBody.Count == 0 && ResponseTrailers.Count == 0;
            if (!result.Accept(await filter.OnResponseHeadersAsync(responseEnds, cancellationToken), result.DownstreamResponseBody))
            {
                return result;
            }

            for (var i = 0; i < ResponseBody.Count; i++)
            {
                var last = i == ResponseBody.Count - 1 && ResponseTrailers.Count == 0;
                if (!result.Accept(await filter.OnResponseBodyAsync(Encoding.UTF8.GetBytes(ResponseBody[i]), last, cancellationToken), result.DownstreamResponseBody))
                {
                    return result;
                }
            }

            if (ResponseTrailers.Count > 0)
            {
                foreach (var (name, value) in ResponseTrailers)
                {
                    stream.ResponseTrailers.Add(name, value);
                }

                result.Accept(await filter.OnResponseTrailersAsync(cancellationToken), result.DownstreamResponseBody);
            }

            return result;
        }
        finally
        {
            result.Bypassed = filter.IsBypassed;
            result.Failed = filter.HasFailed;
        }
    }
}
