using Weir.Gateway.Configuration;

namespace Weir.Gateway.Hosting;

/// <summary>
/// Identifies the Kestrel server a listener runs on across reloads: its address and protocols, so a renamed
/// listener keeps its socket; listeners on port 0 (any free port) are told apart by name.
/// </summary>
internal static class ListenerServerKey
{
    public static string Of(ListenerDefinition listener)
    {
        ListenAddress.TryParse(listener.Address, out var endPoint, out _);
        return endPoint.Port == 0
            ? $"{endPoint}#{listener.Name}/{listener.Protocols}"
            : $"{endPoint}/{listener.Protocols}";
    }
}
