namespace Weir.Wasi.Tests.Support;

/// <summary>
/// Writes small WebAssembly binaries by hand for tests that need a module no C compiler would
/// produce: imports of any name and type, a memory, one exported function with a given body.
/// </summary>
internal sealed class WasmModuleBuilder
{
    private const byte I32 = 0x7F;
    private const byte I64 = 0x7E;

    private readonly List<(byte[] Parameters, byte[] Results)> _types = [];
    private readonly List<(string Module, string Name, int Type)> _imports = [];
    private readonly List<(string Export, int Type, byte[] Body)> _functions = [];
    private bool _memory;

    public static byte[] I32Parameters(int count) => Enumerable.Repeat(I32, count).ToArray();

    public static byte I32Type => I32;

    public static byte I64Type => I64;

    public WasmModuleBuilder ImportFunction(string module, string name, byte[] parameters, byte[] results)
    {
        _imports.Add((module, name, AddType(parameters, results)));
        return this;
    }

    public WasmModuleBuilder WithMemory()
    {
        _memory = true;
        return this;
    }

    /// <summary>Adds an exported function; <paramref name="body"/> is its code without locals and without the final <c>end</c>.</summary>
    public WasmModuleBuilder ExportFunction(string name, byte[] parameters, byte[] results, byte[] body)
    {
        _functions.Add((name, AddType(parameters, results), body));
        return this;
    }

    public byte[] Build()
    {
        var module = new List<byte> { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 };
        Section(module, 1, Vector(_types.Select(type => (byte[])[0x60, .. Vector(type.Parameters.Select(p => new[] { p })), .. Vector(type.Results.Select(r => new[] { r }))])));
        Section(module, 2, Vector(_imports.Select(import => (byte[])[.. Name(import.Module), .. Name(import.Name), 0x00, .. Leb(import.Type)])));
        Section(module, 3, Vector(_functions.Select(function => Leb(function.Type))));
        if (_memory)
        {
            Section(module, 5, Vector([[0x00, 0x01]]));
        }

        var exports = _functions.Select((function, index) => (byte[])[.. Name(function.Export), 0x00, .. Leb(_imports.Count + index)]).ToList();
        if (_memory)
        {
            exports.Add([.. Name("memory"), 0x02, 0x00]);
        }

        Section(module, 7, Vector(exports));
        Section(module, 10, Vector(_functions.Select(function =>
        {
            byte[] code = [0x00, .. function.Body, 0x0B];
            return (byte[])[.. Leb(code.Length), .. code];
        })));
        return [.. module];
    }

    private int AddType(byte[] parameters, byte[] results)
    {
        _types.Add((parameters, results));
        return _types.Count - 1;
    }

    private static void Section(List<byte> module, byte id, byte[] content)
    {
        module.Add(id);
        module.AddRange(Leb(content.Length));
        module.AddRange(content);
    }

    private static byte[] Vector(IEnumerable<byte[]> items)
    {
        var list = items.ToList();
        return [.. Leb(list.Count), .. list.SelectMany(item => item)];
    }

    private static byte[] Name(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        return [.. Leb(bytes.Length), .. bytes];
    }

    public static byte[] Leb(int value)
    {
        var bytes = new List<byte>();
        var remaining = (uint)value;
        do
        {
            var current = (byte)(remaining & 0x7F);
            remaining >>= 7;
            bytes.Add(remaining != 0 ? (byte)(current | 0x80) : current);
        }
        while (remaining != 0);
        return [.. bytes];
    }
}
