using System.Text;
using Weir.ProxyWasm.Hosting;

namespace Weir.ProxyWasm.Streams;

/// <summary>
/// A filter stream as the VM sees it: its context id, the server's stream, both directions, the
/// properties the filter set, and how it ended (local response, reset, failure). Mutated under the
/// VM's gate.
/// </summary>
internal sealed class StreamContext : ContextState, IDisposable
{
    public StreamContext(Plugin plugin, IHttpStream http, DateTimeOffset createdAt)
    {
        Plugin = plugin;
        Http = http;
        CreatedAt = createdAt;
    }

    public Plugin Plugin { get; }

    public IHttpStream Http { get; }

    public DateTimeOffset CreatedAt { get; }

    public DirectionState Request { get; } = new(StreamDirection.Request);

    public DirectionState Response { get; } = new(StreamDirection.Response);

    /// <summary>The final callbacks are running: every map reads as it is.</summary>
    public bool Completing { get; set; }

    /// <summary>The filter is skipped for the rest of the stream (fail open).</summary>
    public bool Bypassed { get; private set; }

    /// <summary>The filter failed during this stream.</summary>
    public bool Failed { get; private set; }

    /// <summary>How the stream ended, once it did: a local response or a reset.</summary>
    public FilterOutcome? Terminal { get; private set; }

    /// <summary>Properties the filter set (<c>proxy_set_property</c>), by their NUL-joined path.</summary>
    public Dictionary<string, byte[]>? FilterState { get; private set; }

    public DirectionState Get(StreamDirection direction) => direction == StreamDirection.Request ? Request : Response;

    public void SetProperty(string path, byte[] value) => (FilterState ??= new(StringComparer.Ordinal))[path] = value;

    /// <summary>Resumes a direction (deferred until the guest call that asked for it returned).</summary>
    public void Resume(DirectionState direction)
    {
        if (Terminal is not null || Bypassed)
        {
            return;
        }

        if (direction.Waiter is { } waiter)
        {
            direction.Waiter = null;
            direction.HeadersContinued |= direction.WaitingOnHeaders;
            waiter.TrySetResult(FilterOutcome.ContinueWith(direction.ReleaseAll()));
            return;
        }

        if (direction.InCallback)
        {
            direction.ResumeRequested = true;
        }
        else if (direction.Held.Length > 0)
        {
            direction.Released = true;
        }
    }

    /// <summary>The filter answered the request itself (deferred until its call returned).</summary>
    public void SendLocalResponse(LocalResponse response)
    {
        if (Terminal is not null)
        {
            return;
        }

        if (Response.HeadersContinued)
        {
            Plugin.LogHost(ProxyLogLevel.Warn, $"stream {Id}: the filter sent a local response ({response.StatusCode}) after the response had started; resetting the stream instead");
            EndWith(FilterOutcome.Reset);
            return;
        }

        EndWith(FilterOutcome.Respond(response));
    }

    /// <summary>The filter closed the stream.</summary>
    public void ResetStream() => EndWith(FilterOutcome.Reset);

    /// <summary>Applies the failure policy after the filter (or its VM) failed.</summary>
    public void Fail()
    {
        if (Failed || Terminal is not null)
        {
            return;
        }

        Failed = true;
        if (Plugin.Configuration.FailurePolicy == FailurePolicy.FailOpen)
        {
            Bypass();
            return;
        }

        EndWith(Response.HeadersContinued ? FilterOutcome.Reset : FilterOutcome.Respond(LocalResponse.ForFailedFilter()));
    }

    /// <summary>Skips the filter from now on; anything it held is let through.</summary>
    public void Bypass()
    {
        Bypassed = true;
        foreach (var direction in new[] { Request, Response })
        {
            if (direction.Waiter is { } waiter)
            {
                direction.Waiter = null;
                direction.HeadersContinued |= direction.WaitingOnHeaders;
                waiter.TrySetResult(FilterOutcome.ContinueWith(direction.ReleaseAll()));
            }
            else if (direction.Held.Length > 0)
            {
                direction.Released = true;
            }
        }
    }

    /// <summary>The outcome for a call made after the stream ended or was bypassed.</summary>
    public FilterOutcome OutcomeAfterEnd(DirectionState direction) =>
        Terminal ?? FilterOutcome.ContinueWith(direction.ReleaseAll());

    /// <summary>A stable key for a property path.</summary>
    public static string PropertyKey(IReadOnlyList<string> path) => string.Join('\0', path);

    public void Dispose()
    {
        Request.Dispose();
        Response.Dispose();
    }

    /// <summary>For diagnostics.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder().Append("stream ").Append(Id);
        if (Terminal is { } terminal)
        {
            builder.Append(" (").Append(terminal).Append(')');
        }

        return builder.ToString();
    }

    /// <summary>Ends the stream with <paramref name="outcome"/> and completes any pending outcome with it.</summary>
    public void EndWith(FilterOutcome outcome)
    {
        Terminal = outcome;
        foreach (var direction in new[] { Request, Response })
        {
            if (direction.Waiter is { } waiter)
            {
                direction.Waiter = null;
                waiter.TrySetResult(outcome);
            }
        }
    }
}
