using System.Text;

namespace Weir.Oci.Modules;

/// <summary>
/// Reads the header, section table, imports and exports of a Wasm binary. Every length is checked
/// against the bytes that remain, so truncated or hostile input fails with
/// <see cref="InvalidWasmModuleException"/> instead of reading out of bounds.
/// </summary>
public static class WasmModuleReader
{
    private const int HeaderSize = 8;
    private const byte ImportSectionId = 2;
    private const byte ExportSectionId = 7;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Says whether <paramref name="content"/> starts with a Wasm core-module or component header.</summary>
    public static bool HasWasmHeader(ReadOnlySpan<byte> content) =>
        content.Length >= HeaderSize && content[..4].SequenceEqual("\0asm"u8)
        && (content[4..8].SequenceEqual((ReadOnlySpan<byte>)[1, 0, 0, 0]) || content[4..8].SequenceEqual((ReadOnlySpan<byte>)[0x0d, 0, 1, 0]));

    /// <summary>Reads <paramref name="content"/>.</summary>
    /// <exception cref="InvalidWasmModuleException">The bytes are not a well-formed Wasm binary.</exception>
    public static WasmModuleInfo Read(ReadOnlySpan<byte> content)
    {
        if (content.Length < HeaderSize || !content[..4].SequenceEqual("\0asm"u8))
        {
            throw new InvalidWasmModuleException("missing the '\\0asm' magic number; this is not a WebAssembly binary.", 0);
        }

        var version = content[4..8];
        if (version.SequenceEqual((ReadOnlySpan<byte>)[0x0d, 0, 1, 0]))
        {
            return new WasmModuleInfo(WasmBinaryKind.Component, [], [], []);
        }

        if (!version.SequenceEqual((ReadOnlySpan<byte>)[1, 0, 0, 0]))
        {
            throw new InvalidWasmModuleException(
                $"unsupported binary version {Convert.ToHexString(version)} (expected 01000000 for a module or 0D000100 for a component).", 4);
        }

        var sections = new List<WasmSection>();
        var imports = new List<WasmImport>();
        var exports = new List<WasmExport>();
        var cursor = new Cursor(content, HeaderSize);
        while (!cursor.AtEnd)
        {
            var id = cursor.ReadByte();
            var size = cursor.ReadU32();
            var start = cursor.Position;
            if (size > cursor.Remaining)
            {
                throw new InvalidWasmModuleException($"section {id} declares {size} bytes but only {cursor.Remaining} remain.", start);
            }

            var body = new Cursor(content[..(start + (int)size)], start);
            var name = SectionName(id);
            if (id == 0)
            {
                name = body.ReadName();
            }
            else if (id == ImportSectionId)
            {
                ReadImports(ref body, imports);
            }
            else if (id == ExportSectionId)
            {
                ReadExports(ref body, exports);
            }

            sections.Add(new WasmSection(id, name, start, size));
            cursor.Position = start + (int)size;
        }

        return new WasmModuleInfo(WasmBinaryKind.CoreModule, sections, imports, exports);
    }

    private static void ReadExports(ref Cursor body, List<WasmExport> exports)
    {
        var count = body.ReadU32();
        for (uint i = 0; i < count; i++)
        {
            var name = body.ReadName();
            var kindOffset = body.Position;
            var kind = body.ReadByte();
            if (kind > (byte)WasmExternalKind.Tag)
            {
                throw new InvalidWasmModuleException($"export '{name}' has unknown kind {kind}.", kindOffset);
            }

            exports.Add(new WasmExport(name, (WasmExternalKind)kind, body.ReadU32()));
        }

        body.ExpectEnd("export");
    }

    private static void ReadImports(ref Cursor body, List<WasmImport> imports)
    {
        var count = body.ReadU32();
        for (uint i = 0; i < count; i++)
        {
            var module = body.ReadName();
            var name = body.ReadName();
            var kindOffset = body.Position;
            var kind = (WasmExternalKind)body.ReadByte();
            switch (kind)
            {
                case WasmExternalKind.Function:
                    body.ReadU32();
                    break;
                case WasmExternalKind.Table:
                    body.SkipReferenceType();
                    body.SkipLimits();
                    break;
                case WasmExternalKind.Memory:
                    body.SkipLimits();
                    break;
                case WasmExternalKind.Global:
                    body.SkipValueType();
                    body.ReadByte();
                    break;
                case WasmExternalKind.Tag:
                    body.ReadByte();
                    body.ReadU32();
                    break;
                default:
                    throw new InvalidWasmModuleException($"import '{module}.{name}' has unknown kind {(byte)kind}.", kindOffset);
            }

            imports.Add(new WasmImport(module, name, kind));
        }

        body.ExpectEnd("import");
    }

    private static string SectionName(byte id) => id switch
    {
        0 => "custom",
        1 => "type",
        2 => "import",
        3 => "function",
        4 => "table",
        5 => "memory",
        6 => "global",
        7 => "export",
        8 => "start",
        9 => "element",
        10 => "code",
        11 => "data",
        12 => "datacount",
        13 => "tag",
        _ => $"unknown({id})",
    };

    private ref struct Cursor
    {
        private readonly ReadOnlySpan<byte> content;

        public Cursor(ReadOnlySpan<byte> content, int position)
        {
            this.content = content;
            Position = position;
        }

        public int Position { get; set; }

        public readonly bool AtEnd => Position >= content.Length;

        public readonly int Remaining => content.Length - Position;

        public byte ReadByte()
        {
            if (Position >= content.Length)
            {
                throw new InvalidWasmModuleException("unexpected end of data.", Position);
            }

            return content[Position++];
        }

        public uint ReadU32()
        {
            var start = Position;
            ulong result = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = ReadByte();
                result |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0)
                {
                    return result <= uint.MaxValue
                        ? (uint)result
                        : throw new InvalidWasmModuleException("LEB128 value does not fit in 32 bits.", start);
                }
            }

            throw new InvalidWasmModuleException("LEB128 value is longer than 5 bytes.", start);
        }

        public void SkipU64()
        {
            var start = Position;
            for (var i = 0; i < 10; i++)
            {
                if ((ReadByte() & 0x80) == 0)
                {
                    return;
                }
            }

            throw new InvalidWasmModuleException("LEB128 value is longer than 10 bytes.", start);
        }

        public string ReadName()
        {
            var length = ReadU32();
            var start = Position;
            if (length > Remaining)
            {
                throw new InvalidWasmModuleException($"name of {length} bytes runs past the end of its section.", start);
            }

            Position += (int)length;
            try
            {
                return StrictUtf8.GetString(content.Slice(start, (int)length));
            }
            catch (DecoderFallbackException)
            {
                throw new InvalidWasmModuleException("name is not valid UTF-8.", start);
            }
        }

        public void SkipLimits()
        {
            var flagsOffset = Position;
            var flags = ReadByte();
            if (flags > 0x07)
            {
                throw new InvalidWasmModuleException($"unknown limits flags 0x{flags:x2}.", flagsOffset);
            }

            SkipU64();
            if ((flags & 0x01) != 0)
            {
                SkipU64();
            }
        }

        public void SkipReferenceType()
        {
            var offset = Position;
            var type = ReadByte();
            if (type is 0x63 or 0x64)
            {
                SkipHeapType();
            }
            else if (type is < 0x69 or > 0x74)
            {
                throw new InvalidWasmModuleException($"unknown reference type 0x{type:x2}.", offset);
            }
        }

        public void SkipValueType()
        {
            var offset = Position;
            var type = ReadByte();
            if (type is 0x63 or 0x64)
            {
                SkipHeapType();
            }
            else if (type is < 0x69 or > 0x7f)
            {
                throw new InvalidWasmModuleException($"unknown value type 0x{type:x2}.", offset);
            }
        }

        public readonly void ExpectEnd(string section)
        {
            if (Position != content.Length)
            {
                throw new InvalidWasmModuleException($"{section} section has {content.Length - Position} unread bytes at its end.", Position);
            }
        }

        private void SkipHeapType()
        {
            // A heap type is an abstract type byte or a signed LEB128 type index; both end on a byte without the high bit.
            var start = Position;
            for (var i = 0; i < 5; i++)
            {
                if ((ReadByte() & 0x80) == 0)
                {
                    return;
                }
            }

            throw new InvalidWasmModuleException("heap type index is longer than 5 bytes.", start);
        }
    }
}
