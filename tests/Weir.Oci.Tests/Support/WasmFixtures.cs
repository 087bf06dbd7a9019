using System.Text;

namespace Weir.Oci.Tests.Support;

/// <summary>Tiny hand-assembled Wasm binaries.</summary>
internal static class WasmFixtures
{
    /// <summary>The 8-byte empty module of the reference's worked examples.</summary>
    public static byte[] EmptyModule { get; } = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    /// <summary>
    /// A proxy-wasm filter: imports <c>env.proxy_log</c> and <c>env.memory</c>, exports the
    /// <c>proxy_abi_version_0_2_1</c> marker and <c>proxy_on_vm_start</c> (returns 1).
    /// </summary>
    public static byte[] ProxyFilter(string marker = "proxy_abi_version_0_2_1") => Module(
        Section(1, [0x03, 0x60, 0x00, 0x00, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x01, 0x7f]),
        Section(2, [0x02, .. Name("env"), .. Name("proxy_log"), 0x00, 0x02, .. Name("env"), .. Name("memory"), 0x02, 0x00, 0x01]),
        Section(3, [0x02, 0x00, 0x01]),
        Section(7, [0x02, .. Name(marker), 0x00, 0x01, .. Name("proxy_on_vm_start"), 0x00, 0x02]),
        Section(10, [0x02, 0x02, 0x00, 0x0b, 0x04, 0x00, 0x41, 0x01, 0x0b]),
        Section(0, [.. Name("name")]));

    /// <summary>A module that is <paramref name="size"/> bytes long (a custom section pads it), for chunking and resume tests.</summary>
    public static byte[] LargeModule(int size, byte fill = 0x5a)
    {
        var prefix = ProxyFilter();
        var name = Name("padding");
        var remaining = size - prefix.Length - 1 - 5 - name.Length;
        var payload = new byte[name.Length + remaining];
        name.CopyTo(payload, 0);
        for (var i = name.Length; i < payload.Length; i++)
        {
            payload[i] = (byte)(fill + (i % 7));
        }

        var section = new List<byte> { 0x00 };
        section.AddRange(FixedLeb(payload.Length));
        section.AddRange(payload);
        return [.. prefix, .. section];
    }

    public static byte[] Module(params byte[][] sections) => [.. EmptyModule, .. sections.SelectMany(section => section)];

    public static byte[] Section(byte id, byte[] content) => [id, .. Leb(content.Length), .. content];

    public static byte[] Name(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return [.. Leb(bytes.Length), .. bytes];
    }

    public static byte[] Leb(int value)
    {
        var bytes = new List<byte>();
        var remaining = (uint)value;
        do
        {
            var b = (byte)(remaining & 0x7f);
            remaining >>= 7;
            bytes.Add(remaining != 0 ? (byte)(b | 0x80) : b);
        }
        while (remaining != 0);
        return [.. bytes];
    }

    private static byte[] FixedLeb(int value) =>
    [
        (byte)((value & 0x7f) | 0x80),
        (byte)(((value >> 7) & 0x7f) | 0x80),
        (byte)(((value >> 14) & 0x7f) | 0x80),
        (byte)(((value >> 21) & 0x7f) | 0x80),
        (byte)((value >> 28) & 0x0f),
    ];
}
