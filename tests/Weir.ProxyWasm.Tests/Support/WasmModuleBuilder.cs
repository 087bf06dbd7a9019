using System.Text;
using Weir.Wasm;

namespace Weir.ProxyWasm.Tests.Support;

/// <summary>
/// Writes small WebAssembly binaries by hand (types, imports, functions, one memory, exports, data,
/// start), so tests can present the host with modules no SDK would build: missing markers, wrong
/// callback types, unknown imports, aborts.
/// </summary>
internal sealed class WasmModuleBuilder
{
    private readonly List<(ValueKind[] Parameters, ValueKind[] Results)> _types = [];
    private readonly List<(string Module, string Name, int Type)> _imports = [];
    private readonly List<(int Type, byte[] Code)> _functions = [];
    private readonly List<(string Name, byte Kind, int Index)> _exports = [];
    private readonly List<(int Offset, byte[] Bytes)> _data = [];
    private int? _start;

    public int MemoryPages { get; set; } = 1;

    public int ImportFunction(string module, string name, ValueKind[] parameters, ValueKind[] results)
    {
        if (_functions.Count > 0)
        {
            throw new InvalidOperationException("declare imports before functions");
        }

        _imports.Add((module, name, TypeOf(parameters, results)));
        return _imports.Count - 1;
    }

    /// <summary>Adds a function; <paramref name="code"/> is its instructions without the final <c>end</c>.</summary>
    public int AddFunction(ValueKind[] parameters, ValueKind[] results, params byte[][] code)
    {
        _functions.Add((TypeOf(parameters, results), [.. code.SelectMany(part => part)]));
        return _imports.Count + _functions.Count - 1;
    }

    public WasmModuleBuilder Export(string name, int function)
    {
        _exports.Add((name, 0, function));
        return this;
    }

    public WasmModuleBuilder ExportedFunction(string name, ValueKind[] parameters, ValueKind[] results, params byte[][] code) =>
        Export(name, AddFunction(parameters, results, code));

    public WasmModuleBuilder Data(int offset, byte[] bytes)
    {
        _data.Add((offset, bytes));
        return this;
    }

    public WasmModuleBuilder Start(int function)
    {
        _start = function;
        return this;
    }

    /// <summary>A module with a marker, a trivial malloc and its memory: the least the host accepts.</summary>
    public static WasmModuleBuilder Minimal(string marker = "proxy_abi_version_0_2_1") => new WasmModuleBuilder()
        .ExportedFunction(marker, [], [])
        .ExportedFunction("malloc", [ValueKind.I32], [ValueKind.I32], I32Const(4096));

    public byte[] Build()
    {
        using var output = new MemoryStream();
        output.Write([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
        Section(output, 1, _types.Count, writer =>
        {
            foreach (var (parameters, results) in _types)
            {
                writer.WriteByte(0x60);
                Vector(writer, parameters.Select(kind => (byte)kind).ToArray());
                Vector(writer, results.Select(kind => (byte)kind).ToArray());
            }
        });
        Section(output, 2, _imports.Count, writer =>
        {
            foreach (var (module, name, type) in _imports)
            {
                Name(writer, module);
                Name(writer, name);
                writer.WriteByte(0x00);
                Unsigned(writer, (uint)type);
            }
        });
        Section(output, 3, _functions.Count, writer =>
        {
            foreach (var (type, _) in _functions)
            {
                Unsigned(writer, (uint)type);
            }
        });
        Section(output, 5, 1, writer =>
        {
            writer.WriteByte(0x00);
            Unsigned(writer, (uint)MemoryPages);
        });
        var exports = _exports.Append(("memory", (byte)2, 0)).ToList();
        Section(output, 7, exports.Count, writer =>
        {
            foreach (var (name, kind, index) in exports)
            {
                Name(writer, name);
                writer.WriteByte(kind);
                Unsigned(writer, (uint)index);
            }
        });
        if (_start is { } start)
        {
            using var section = new MemoryStream();
            Unsigned(section, (uint)start);
            output.WriteByte(8);
            Unsigned(output, (uint)section.Length);
            section.WriteTo(output);
        }

        Section(output, 10, _functions.Count, writer =>
        {
            foreach (var (_, code) in _functions)
            {
                using var body = new MemoryStream();
                body.WriteByte(0x00);
                body.Write(code);
                body.WriteByte(0x0b);
                Unsigned(writer, (uint)body.Length);
                body.WriteTo(writer);
            }
        });
        Section(output, 11, _data.Count, writer =>
        {
            foreach (var (offset, bytes) in _data)
            {
                writer.WriteByte(0x00);
                writer.Write(I32Const(offset));
                writer.WriteByte(0x0b);
                Vector(writer, bytes);
            }
        });
        return output.ToArray();
    }

    public static byte[] I32Const(int value)
    {
        using var stream = new MemoryStream();
        stream.WriteByte(0x41);
        Signed(stream, value);
        return stream.ToArray();
    }

    public static byte[] I64Const(long value)
    {
        using var stream = new MemoryStream();
        stream.WriteByte(0x42);
        Signed(stream, value);
        return stream.ToArray();
    }

    public static byte[] Call(int function)
    {
        using var stream = new MemoryStream();
        stream.WriteByte(0x10);
        Unsigned(stream, (uint)function);
        return stream.ToArray();
    }

    public static byte[] LocalGet(int index) => [0x20, (byte)index];

    public static byte[] Drop => [0x1a];

    public static byte[] Unreachable => [0x00];

    /// <summary>Traps unless the i32 on the stack equals <paramref name="expected"/>.</summary>
    public static byte[] TrapUnlessEquals(int expected) => [.. I32Const(expected), 0x47, 0x04, 0x40, 0x00, 0x0b];

    /// <summary>An AssemblyScript string object: its UTF-16 bytes preceded by their byte length (the tail of its header).</summary>
    public static byte[] AssemblyScriptString(string text)
    {
        var bytes = Encoding.Unicode.GetBytes(text);
        return [.. BitConverter.GetBytes(bytes.Length), .. bytes];
    }

    private int TypeOf(ValueKind[] parameters, ValueKind[] results)
    {
        var index = _types.FindIndex(type => type.Parameters.SequenceEqual(parameters) && type.Results.SequenceEqual(results));
        if (index >= 0)
        {
            return index;
        }

        _types.Add((parameters, results));
        return _types.Count - 1;
    }

    private static void Section(Stream output, byte id, int count, Action<Stream> write)
    {
        if (count == 0)
        {
            return;
        }

        using var section = new MemoryStream();
        Unsigned(section, (uint)count);
        write(section);
        output.WriteByte(id);
        Unsigned(output, (uint)section.Length);
        section.WriteTo(output);
    }

    private static void Vector(Stream output, byte[] bytes)
    {
        Unsigned(output, (uint)bytes.Length);
        output.Write(bytes);
    }

    private static void Name(Stream output, string name) => Vector(output, Encoding.UTF8.GetBytes(name));

    private static void Unsigned(Stream output, uint value)
    {
        do
        {
            var next = (byte)(value & 0x7f);
            value >>= 7;
            output.WriteByte(value != 0 ? (byte)(next | 0x80) : next);
        }
        while (value != 0);
    }

    private static void Signed(Stream output, long value)
    {
        while (true)
        {
            var next = (byte)(value & 0x7f);
            value >>= 7;
            var done = (value == 0 && (next & 0x40) == 0) || (value == -1 && (next & 0x40) != 0);
            output.WriteByte(done ? next : (byte)(next | 0x80));
            if (done)
            {
                return;
            }
        }
    }
}
