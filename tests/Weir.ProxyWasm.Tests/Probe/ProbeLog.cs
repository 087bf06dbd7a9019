using System.Globalization;

namespace Weir.ProxyWasm.Tests.Probe;

/// <summary>What the probe filter logged: the callbacks it entered, its host calls' statuses and out-values, and memory dumps.</summary>
internal sealed class ProbeLog
{
    private static readonly Dictionary<ProbeCallback, string> Names = new()
    {
        [ProbeCallback.RootContextCreate] = "root_context_create",
        [ProbeCallback.VmStart] = "vm_start",
        [ProbeCallback.Configure] = "configure",
        [ProbeCallback.StreamContextCreate] = "stream_context_create",
        [ProbeCallback.RequestHeaders] = "request_headers",
        [ProbeCallback.RequestBody] = "request_body",
        [ProbeCallback.RequestTrailers] = "request_trailers",
        [ProbeCallback.ResponseHeaders] = "response_headers",
        [ProbeCallback.ResponseBody] = "response_body",
        [ProbeCallback.ResponseTrailers] = "response_trailers",
        [ProbeCallback.Log] = "log",
        [ProbeCallback.Done] = "done",
        [ProbeCallback.Delete] = "delete",
        [ProbeCallback.Tick] = "tick",
        [ProbeCallback.QueueReady] = "queue_ready",
        [ProbeCallback.HttpCallResponse] = "http_call_response",
        [ProbeCallback.ForeignFunction] = "foreign_function",
        [ProbeCallback.RootDone] = "root_done",
        [ProbeCallback.RootDelete] = "root_delete",
    };

    public ProbeLog(IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            var words = message.Split(' ');
            if (words.Length < 2 || words[0] != "probe")
            {
                continue;
            }

            switch (words[1])
            {
                case "enter":
                    Entered.Add(string.Join(' ', words.Skip(2)));
                    break;
                case "call":
                    Calls.Add(ParseCall(words));
                    break;
                case "dump":
                    Dumps.Add((words[2], int.Parse(words[3], CultureInfo.InvariantCulture), words.Length > 4 ? Convert.FromHexString(words[4]) : []));
                    break;
            }
        }
    }

    /// <summary>Callbacks in order, as "name arg1 arg2 …".</summary>
    public List<string> Entered { get; } = [];

    public List<ProbeCall> Calls { get; } = [];

    public List<(string Callback, int Index, byte[] Bytes)> Dumps { get; } = [];

    public static string NameOf(ProbeCallback callback) => Names[callback];

    /// <summary>The (first) call at instruction <paramref name="index"/> of the program for <paramref name="callback"/>.</summary>
    public ProbeCall Call(ProbeCallback callback, int index) =>
        Calls.FirstOrDefault(call => call.Callback == Names[callback] && call.Index == index)
        ?? throw new InvalidOperationException($"the probe made no call {index} in {Names[callback]}; it logged:\n{string.Join('\n', Calls)}");

    public IReadOnlyList<ProbeCall> CallsAt(ProbeCallback callback, int index) =>
        Calls.Where(call => call.Callback == Names[callback] && call.Index == index).ToList();

    public ProxyStatus Status(ProbeCallback callback, int index) => Call(callback, index).Status;

    public byte[] Dump(ProbeCallback callback, int index) =>
        Dumps.Where(dump => dump.Callback == Names[callback] && dump.Index == index).Select(dump => dump.Bytes).FirstOrDefault()
        ?? throw new InvalidOperationException($"the probe made no dump {index} in {Names[callback]}");

    public string DumpText(ProbeCallback callback, int index) => System.Text.Encoding.UTF8.GetString(Dump(callback, index));

    /// <summary>The callbacks entered, by name only.</summary>
    public IReadOnlyList<string> EnteredNames => Entered.Select(entry => entry.Split(' ')[0]).ToList();

    private static ProbeCall ParseCall(string[] words)
    {
        var slots = new Dictionary<int, ulong>();
        var status = ProxyStatus.Ok;
        var unsupported = false;
        foreach (var word in words.Skip(5))
        {
            if (word == "unsupported")
            {
                unsupported = true;
            }
            else if (word.StartsWith("status=", StringComparison.Ordinal))
            {
                status = (ProxyStatus)int.Parse(word["status=".Length..], CultureInfo.InvariantCulture);
            }
            else if (word.StartsWith('s'))
            {
                var parts = word[1..].Split('=');
                slots[int.Parse(parts[0], CultureInfo.InvariantCulture)] = ulong.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        var function = (Hostcall)int.Parse(words[4]["fn=".Length..], CultureInfo.InvariantCulture);
        return new ProbeCall(words[2], int.Parse(words[3], CultureInfo.InvariantCulture), function, status, slots, unsupported);
    }
}
