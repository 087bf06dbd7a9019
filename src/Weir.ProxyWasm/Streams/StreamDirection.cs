namespace Weir.ProxyWasm.Streams;

/// <summary>The two halves of an HTTP exchange.</summary>
internal enum StreamDirection
{
    Request = 0,
    Response = 1,
}
