using System.Text;
using Weir.ProxyWasm;

namespace Weir.ProxyWasm.Tests.Support;

/// <summary>What a server would have done with an exchange after a filter saw it.</summary>
internal sealed class ExchangeResult(InMemoryHttpStream stream)
{
    public InMemoryHttpStream Stream { get; } = stream;

    public List<FilterOutcome> Outcomes { get; } = [];

    public MemoryStream UpstreamRequestBody { get; } = new();

    public MemoryStream DownstreamResponseBody { get; } = new();

    public bool ReachedUpstream { get; set; }

    public LocalResponse? LocalResponse { get; private set; }

    public bool WasReset { get; private set; }

    public bool Bypassed { get; set; }

    public bool Failed { get; set; }

    public string UpstreamRequestBodyText => Encoding.UTF8.GetString(UpstreamRequestBody.ToArray());

    public string DownstreamResponseBodyText => Encoding.UTF8.GetString(DownstreamResponseBody.ToArray());

    /// <summary>The status the client saw: the local response's, the upstream's, or 0 after a reset.</summary>
    public int ClientStatus => WasReset ? 0 : LocalResponse?.StatusCode ?? int.Parse(Stream.ResponseHeaders.Get(":status") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Records an outcome, forwarding its body bytes; false when the exchange ended.</summary>
    public bool Accept(FilterOutcome outcome, MemoryStream forwardedBody)
    {
        Outcomes.Add(outcome);
        forwardedBody.Write(outcome.Body.Span);
        switch (outcome.Kind)
        {
            case FilterOutcomeKind.LocalResponse:
                LocalResponse = outcome.LocalResponse;
                return false;
            case FilterOutcomeKind.Reset:
                WasReset = true;
                return false;
            default:
                return true;
        }
    }
}
