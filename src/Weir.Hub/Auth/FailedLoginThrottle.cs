using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Weir.Hub.Hosting;

namespace Weir.Hub.Auth;

/// <summary>
/// Slows down credential guessing: a client address with too many refused credentials within a minute
/// is answered 429 TOOMANYREQUESTS (with <c>Retry-After</c>) until the minute is over, whatever it sends.
/// </summary>
internal sealed class FailedLoginThrottle
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int MaxTrackedClients = 100_000;

    private readonly ConcurrentDictionary<string, Counter> failures = new(StringComparer.Ordinal);
    private readonly HubOptions options;
    private readonly TimeProvider time;

    public FailedLoginThrottle(HubOptions options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
    }

    /// <summary>Seconds until the client may try again, or null when it is not throttled.</summary>
    public int? RetryAfterSeconds(HttpContext context)
    {
        if (!failures.TryGetValue(KeyOf(context), out var counter))
        {
            return null;
        }

        lock (counter)
        {
            var remaining = counter.WindowStart + Window - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero || counter.Count < options.MaxFailedLoginsPerMinute)
            {
                return null;
            }

            return (int)Math.Ceiling(remaining.TotalSeconds);
        }
    }

    public void RecordFailure(HttpContext context)
    {
        if (failures.Count >= MaxTrackedClients)
        {
            // A flood of distinct addresses: start over rather than grow without bound.
            failures.Clear();
        }

        var now = time.GetUtcNow();
        var counter = failures.GetOrAdd(KeyOf(context), _ => new Counter { WindowStart = now });
        lock (counter)
        {
            if (now - counter.WindowStart >= Window)
            {
                counter.WindowStart = now;
                counter.Count = 0;
            }

            counter.Count++;
        }
    }

    private static string KeyOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";

    private sealed class Counter
    {
        public DateTimeOffset WindowStart { get; set; }

        public int Count { get; set; }
    }
}
