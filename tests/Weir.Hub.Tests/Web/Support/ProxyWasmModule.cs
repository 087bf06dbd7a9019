using System.Text;

namespace Weir.Hub.Tests.Web.Support;

/// <summary>
/// A small, valid proxy-wasm-shaped module written byte by byte: imports from <c>env</c> and
/// <c>wasi_snapshot_preview1</c>, a funcref table (1..1), a memory (2..16 pages), and exports
/// <c>memory</c>, <c>proxy_abi_version_0_2_1</c> and <c>proxy_on_memory_allocate</c>.
/// </summary>
internal static class ProxyWasmModule
{
    /// <param name="marker">The ABI marker export's name.</param>
    /// <param name="valid">False makes the (i32) -> i32 function return nothing, which validation rejects.</param>
    public static byte[] Build(string marker = "proxy_abi_version_0_2_1", bool valid = true)
    {
        var module = new List<byte> { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };

        // Types: 0 (i32 i32 i32) -> i32, 1 () -> (), 2 (i32) -> i32, 3 (i32 i32 i32 i32) -> i32.
        Section(module, 1, [
            0x04,
            0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x01, 0x7f,
            0x60, 0x00, 0x00,
            0x60, 0x01, 0x7f, 0x01, 0x7f,
            0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f,
        ]);

        var imports = new List<byte> { 0x03 };
        Import(imports, "env", "proxy_log", 0);
        Import(imports, "env", "proxy_get_buffer_bytes", 0);
        Import(imports, "wasi_snapshot_preview1", "fd_write", 3);
        Section(module, 2, imports);

        // Functions 3 and 4 (after three imported ones).
        Section(module, 3, [0x02, 0x01, 0x02]);

        // Table: funcref, min 1, max 1. Memory: min 2, max 16.
        Section(module, 4, [0x01, 0x70, 0x01, 0x01, 0x01]);
        Section(module, 5, [0x01, 0x01, 0x02, 0x10]);

        var exports = new List<byte> { 0x03 };
        Export(exports, "memory", 0x02, 0);
        Export(exports, marker, 0x00, 3);
        Export(exports, "proxy_on_memory_allocate", 0x00, 4);
        Section(module, 7, exports);

        // Bodies: nop-like () -> () and local.get 0 for (i32) -> i32.
        Section(module, 10, valid ? [0x02, 0x02, 0x00, 0x0b, 0x04, 0x00, 0x20, 0x00, 0x0b] : [0x02, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b]);
        return [.. module];
    }

    private static void Import(List<byte> section, string module, string name, byte typeIndex)
    {
        Name(section, module);
        Name(section, name);
        section.Add(0x00);
        section.Add(typeIndex);
    }

    private static void Export(List<byte> section, string name, byte kind, byte index)
    {
        Name(section, name);
        section.Add(kind);
        section.Add(index);
    }

    private static void Name(List<byte> target, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        target.Add((byte)bytes.Length);
        target.AddRange(bytes);
    }

    private static void Section(List<byte> module, byte id, IReadOnlyCollection<byte> content)
    {
        module.Add(id);
        var size = (uint)content.Count;
        do
        {
            var next = (byte)(size & 0x7f);
            size >>= 7;
            module.Add(size == 0 ? next : (byte)(next | 0x80));
        }
        while (size != 0);
        module.AddRange(content);
    }
}
