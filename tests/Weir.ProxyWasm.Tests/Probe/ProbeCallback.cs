namespace Weir.ProxyWasm.Tests.Probe;

/// <summary>The callbacks the probe filter can run a program in, by its callback numbers.</summary>
internal enum ProbeCallback : uint
{
    RootContextCreate = 0,
    VmStart = 1,
    Configure = 2,
    StreamContextCreate = 3,
    RequestHeaders = 4,
    RequestBody = 5,
    RequestTrailers = 6,
    ResponseHeaders = 7,
    ResponseBody = 8,
    ResponseTrailers = 9,
    Log = 10,
    Done = 11,
    Delete = 12,
    Tick = 13,
    QueueReady = 14,
    HttpCallResponse = 15,
    ForeignFunction = 16,
    RootDone = 17,
    RootDelete = 18,
}
