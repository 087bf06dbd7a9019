using System.Text;
using Weir.Wasm.Model;

namespace Weir.Wasm.Tests.Decoding;

/// <summary>
/// Assembles small binary modules for tests: items are added per section and <see cref="Build"/>
/// writes the sections in the order the format requires. The static helpers build raw pieces for
/// binaries that are deliberately malformed.
/// </summary>
internal sealed class WasmBinaryBuilder
{
    public static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    private readonly List<byte[]> _types = [];
    private readonly List<byte[]> _imports = [];
    private readonly List<uint> _functions = [];
    private readonly List<byte[]> _tables = [];
    private readonly List<byte[]> _memories = [];
    private readonly List<byte[]> _globals = [];
    private readonly List<byte[]> _exports = [];
    private readonly List<byte[]> _elements = [];
    private readonly List<byte[]> _bodies = [];
    private readonly List<byte[]> _data = [];
    private readonly List<byte[]> _customSections = [];
    private uint? _start;
    private uint? _dataCount;

    /// <summary>Adds a function type and returns its index.</summary>
    public int AddType(ValueKind[] parameters, ValueKind[] results)
    {
        _types.Add(Concat([0x60], Vector(parameters.Select(p => new[] { (byte)p })), Vector(results.Select(r => new[] { (byte)r }))));
        return _types.Count - 1;
    }

    public WasmBinaryBuilder ImportFunction(string module, string name, int typeIndex)
    {
        _imports.Add(Concat(Name(module), Name(name), [0x00], Leb((uint)typeIndex)));
        return this;
    }

    public WasmBinaryBuilder ImportTable(string module, string name, ValueKind kind, uint minimum, uint? maximum = null)
    {
        _imports.Add(Concat(Name(module), Name(name), [0x01, (byte)kind], Limits(minimum, maximum)));
        return this;
    }

    public WasmBinaryBuilder ImportMemory(string module, string name, uint minimum, uint? maximum = null)
    {
        _imports.Add(Concat(Name(module), Name(name), [0x02], Limits(minimum, maximum)));
        return this;
    }

    public WasmBinaryBuilder ImportGlobal(string module, string name, ValueKind kind, bool mutable)
    {
        _imports.Add(Concat(Name(module), Name(name), [0x03, (byte)kind, mutable ? (byte)1 : (byte)0]));
        return this;
    }

    /// <summary>Adds a function (type index and body) and returns its index among the defined functions.</summary>
    /// <param name="typeIndex">The function's type.</param>
    /// <param name="code">The instructions, the final <c>end</c> (0x0B) included.</param>
    /// <param name="locals">The declared locals, one declaration each.</param>
    public int AddFunction(int typeIndex, byte[] code, params ValueKind[] locals)
    {
        _functions.Add((uint)typeIndex);
        var declarations = Vector(locals.Select(kind => new byte[] { 1, (byte)kind }));
        var body = Concat(declarations, code);
        _bodies.Add(Concat(Leb((uint)body.Length), body));
        return _functions.Count - 1;
    }

    public WasmBinaryBuilder AddTable(ValueKind kind, uint minimum, uint? maximum = null)
    {
        _tables.Add(Concat([(byte)kind], Limits(minimum, maximum)));
        return this;
    }

    public WasmBinaryBuilder AddMemory(uint minimum, uint? maximum = null)
    {
        _memories.Add(Limits(minimum, maximum));
        return this;
    }

    /// <summary>Adds a global; the initializer includes its final <c>end</c>.</summary>
    public WasmBinaryBuilder AddGlobal(ValueKind kind, bool mutable, params byte[] initializer)
    {
        _globals.Add(Concat([(byte)kind, mutable ? (byte)1 : (byte)0], initializer));
        return this;
    }

    public WasmBinaryBuilder AddExport(string name, ExternalKind kind, uint index)
    {
        _exports.Add(Concat(Name(name), [(byte)kind], Leb(index)));
        return this;
    }

    public WasmBinaryBuilder Start(uint functionIndex)
    {
        _start = functionIndex;
        return this;
    }

    /// <summary>Adds an element segment given in its binary form (flags first).</summary>
    public WasmBinaryBuilder AddElement(params byte[] segment)
    {
        _elements.Add(segment);
        return this;
    }

    /// <summary>Adds a data segment given in its binary form (flags first).</summary>
    public WasmBinaryBuilder AddData(params byte[] segment)
    {
        _data.Add(segment);
        return this;
    }

    public WasmBinaryBuilder DataCount(uint count)
    {
        _dataCount = count;
        return this;
    }

    /// <summary>Adds a custom section, written after all the others.</summary>
    public WasmBinaryBuilder AddCustomSection(string name, params byte[] content)
    {
        _customSections.Add(Section(0, Name(name), content));
        return this;
    }

    public byte[] Build()
    {
        var sections = new List<byte[]> { Header };
        void Add(byte id, List<byte[]> items)
        {
            if (items.Count > 0)
            {
                sections.Add(Section(id, Vector(items)));
            }
        }

        Add(1, _types);
        Add(2, _imports);
        if (_functions.Count > 0)
        {
            sections.Add(Section(3, Vector(_functions.Select(Leb))));
        }

        Add(4, _tables);
        Add(5, _memories);
        Add(6, _globals);
        Add(7, _exports);
        if (_start is { } start)
        {
            sections.Add(Section(8, Leb(start)));
        }

        Add(9, _elements);
        if (_dataCount is { } dataCount)
        {
            sections.Add(Section(12, Leb(dataCount)));
        }

        Add(10, _bodies);
        Add(11, _data);
        sections.AddRange(_customSections);
        return Concat([.. sections]);
    }

    /// <summary>A module with one function of type <c>[] -> []</c> (or the given type) and a one-page memory.</summary>
    public static byte[] SingleFunction(byte[] code, ValueKind[]? parameters = null, ValueKind[]? results = null, params ValueKind[] locals)
    {
        var builder = new WasmBinaryBuilder();
        var type = builder.AddType(parameters ?? [], results ?? []);
        builder.AddMemory(1);
        builder.AddFunction(type, code, locals);
        return builder.Build();
    }

    /// <summary>A section: id, size, content.</summary>
    public static byte[] Section(byte id, params byte[][] content)
    {
        var body = Concat(content);
        return Concat([id], Leb((uint)body.Length), body);
    }

    /// <summary>The header followed by the given raw bytes.</summary>
    public static byte[] Module(params byte[][] sections) => Concat([Header, .. sections]);

    public static byte[] Vector(IEnumerable<byte[]> items)
    {
        var list = items.ToList();
        return Concat([Leb((uint)list.Count), .. list]);
    }

    public static byte[] Name(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        return Concat(Leb((uint)bytes.Length), bytes);
    }

    public static byte[] Limits(uint minimum, uint? maximum) =>
        maximum is { } max ? Concat([0x01], Leb(minimum), Leb(max)) : Concat([0x00], Leb(minimum));

    public static byte[] Leb(uint value) => Leb((ulong)value);

    public static byte[] Leb(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    public static byte[] SignedLeb(long value)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0))
            {
                bytes.Add(b);
                return [.. bytes];
            }

            bytes.Add((byte)(b | 0x80));
        }
    }

    /// <summary><c>i32.const value</c>.</summary>
    public static byte[] I32Const(int value) => Concat([0x41], SignedLeb(value));

    public static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
