using System.Text;

namespace Weir.Cli.Tests.SpecTests;

/// <summary>Hand-assembled binaries for the runner's tests, small enough to check byte by byte.</summary>
internal static class TinyModules
{
    private const byte FunctionType = 0x60;
    private const byte I32 = 0x7F;
    private const byte End = 0x0B;

    public static byte[] Empty { get; } = Module();

    /// <summary>Not a Wasm binary at all.</summary>
    public static byte[] Garbage { get; } = "not wasm"u8.ToArray();

    /// <summary>
    /// Exports <c>add</c> (i32, i32) → i32, <c>trap</c> (unreachable), <c>runaway</c> (endless
    /// recursion) and <c>spin</c> (an endless loop).
    /// </summary>
    public static byte[] Calculator { get; } = Module(
        Section(1, [2, FunctionType, 2, I32, I32, 1, I32, FunctionType, 0, 0]),
        Section(3, [4, 0, 1, 1, 1]),
        Section(7, [4, .. Name("add"), 0, 0, .. Name("trap"), 0, 1, .. Name("runaway"), 0, 2, .. Name("spin"), 0, 3]),
        Section(10, [
            4,
            .. Body(0x20, 0, 0x20, 1, 0x6A),
            .. Body(0x00),
            .. Body(0x10, 2),
            .. Body(0x03, 0x40, 0x0C, 0, End),
        ]));

    /// <summary>Imports <c>spectest.global_i32</c> and exports it again as <c>g</c>.</summary>
    public static byte[] SpectestGlobal { get; } = Module(
        Section(2, [1, .. Name("spectest"), .. Name("global_i32"), 3, I32, 0]),
        Section(7, [1, .. Name("g"), 3, 0]));

    /// <summary>Imports a function that nobody defines.</summary>
    public static byte[] MissingImport { get; } = Module(
        Section(1, [1, FunctionType, 0, 0]),
        Section(2, [1, .. Name("nowhere"), .. Name("nothing"), 0, 0]));

    private static byte[] Module(params byte[][] sections) => [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, .. sections.SelectMany(section => section)];

    // Every section and body here is shorter than 128 bytes, so each length is a one-byte LEB128.
    private static byte[] Section(byte id, byte[] content) => [id, checked((byte)content.Length), .. content];

    private static byte[] Body(params byte[] instructions) => [checked((byte)(instructions.Length + 2)), 0, .. instructions, End];

    private static byte[] Name(string name) => [checked((byte)name.Length), .. Encoding.UTF8.GetBytes(name)];
}
