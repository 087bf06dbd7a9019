using System.Text;
using Weir.Wasm;

namespace Weir.GuestFilter;

/// <summary>
/// The hostcalls an AssemblyScript (proxy-runtime 0.1.8) HTTP filter makes, answered the way a
/// proxy-wasm host answers them but without doing any host work, so that what is timed is the
/// guest's own code. Must stay equivalent to the imports in ../guest-filter.mjs.
/// </summary>
internal sealed class StubHost
{
    private const int Ok = 0;
    private const int NotFound = 1;
    private const int PluginConfiguration = 7;
    private const int ResponseHeaders = 2;
    private readonly byte[] _rootId;
    private readonly byte[] _configuration = [];
    private Func<int, int>? _malloc;

    public StubHost(string rootId)
    {
        _rootId = Encoding.UTF8.GetBytes(rootId);
    }

    public long LogCalls { get; private set; }

    public long LogBytes { get; private set; }

    public long HeadersAdded { get; private set; }

    public string FirstHeader { get; private set; } = "";

    public int ConfigurationLength => _configuration.Length;

    public void Define(Linker linker)
    {
        linker.DefineFunction("env", "proxy_log", (int level, int pointer, int length) =>
        {
            LogCalls++;
            LogBytes += length;
            return Ok;
        });
        linker.DefineFunction("env", "proxy_get_property", (Caller caller, int pathPointer, int pathLength, int pointerOut, int sizeOut) =>
            Encoding.UTF8.GetString(MemoryOf(caller).GetSpan((uint)pathPointer, pathLength)) == "plugin_root_id"
                ? ReturnBytes(caller, _rootId, pointerOut, sizeOut)
                : NotFound);
        linker.DefineFunction("env", "proxy_get_buffer_bytes", (Caller caller, int type, int start, int maxSize, int pointerOut, int sizeOut) =>
            type == PluginConfiguration ? ReturnBytes(caller, _configuration, pointerOut, sizeOut) : NotFound);
        linker.DefineFunction("env", "proxy_set_effective_context", (int context) => Ok);
        linker.DefineFunction("env", "proxy_add_header_map_value", (Caller caller, int type, int keyPointer, int keyLength, int valuePointer, int valueLength) =>
        {
            if (type != ResponseHeaders)
            {
                throw new InvalidOperationException($"header added to map {type}");
            }

            HeadersAdded++;
            if (HeadersAdded == 1)
            {
                var memory = MemoryOf(caller);
                FirstHeader = Encoding.UTF8.GetString(memory.GetSpan((uint)keyPointer, keyLength)) + ": " +
                    Encoding.UTF8.GetString(memory.GetSpan((uint)valuePointer, valueLength));
            }

            return Ok;
        });
        linker.DefineFunction("wasi_unstable", "proc_exit", new Action<int>(code => throw new InvalidOperationException($"proc_exit({code})")));
    }

    /// <summary>Binds the guest's allocator once the instance exists (nothing allocates during its start function).</summary>
    public void Attach(Instance instance) =>
        _malloc = instance.GetFunction<int, int>("malloc") ?? throw new InvalidOperationException("the module exports no malloc");

    private static Memory MemoryOf(Caller caller) => caller.Memory ?? throw new InvalidOperationException("the module has no memory");

    // One allocation from the guest's malloc holding exactly the data (proxy-runtime 0.1.8 takes the
    // length from the block header), its address and size written to the out-pointers.
    private int ReturnBytes(Caller caller, byte[] data, int pointerOut, int sizeOut)
    {
        var malloc = _malloc ?? throw new InvalidOperationException("malloc is not bound yet");
        var address = malloc(data.Length);
        var memory = MemoryOf(caller);
        data.CopyTo(memory.GetSpan((uint)address, data.Length));
        memory.WriteInt32((uint)pointerOut, address);
        memory.WriteInt32((uint)sizeOut, data.Length);
        return Ok;
    }
}
