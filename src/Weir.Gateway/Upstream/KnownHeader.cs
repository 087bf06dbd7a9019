using System.Text;

namespace Weir.Gateway.Upstream;

/// <summary>A response header name kept as a shared string, and whether it belongs in the content's headers.</summary>
internal sealed class KnownHeader
{
    public KnownHeader(string name, bool isContentHeader)
    {
        Name = name;
        Bytes = Encoding.ASCII.GetBytes(name);
        IsContentHeader = isContentHeader;
    }

    public string Name { get; }

    public byte[] Bytes { get; }

    /// <summary>Whether <see cref="HttpResponseMessage.Headers"/> refuses it and it goes to <see cref="HttpContent.Headers"/>.</summary>
    public bool IsContentHeader { get; }
}
