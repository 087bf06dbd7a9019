using Weir.Wasm.Model;
using Weir.Wasm.Tests.Decoding;

namespace Weir.Wasm.Tests.Sandbox.Hostile;

/// <summary>
/// A guest passing pointers and lengths at the edges of its memory to a host function that reads
/// them with <see cref="Memory.GetSpan"/>: every window inside memory works, every other one is a
/// clean MemoryOutOfBounds trap, never a read outside the memory.
/// </summary>
[Collection(HostileGuestCollection.Name)]
public sealed class HostCallEdgeTests : IDisposable
{
    private const int Size = 65536;

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(Size, 0, 0)]
    [InlineData(Size - 1, 1, 1 + 3)]
    [InlineData(Size - 4, 4, 4 + 3)]
    [InlineData(0, Size, Size + 3)]
    [InlineData(Size, 1, null)]
    [InlineData(Size - 1, 2, null)]
    [InlineData(1, Size, null)]
    [InlineData(-1, 0, null)]
    [InlineData(-1, 1, null)]
    [InlineData(-1, -1, null)]
    [InlineData(0, -1, null)]
    [InlineData(0, int.MaxValue, null)]
    [InlineData(int.MinValue, int.MinValue, null)]
    [InlineData(int.MaxValue, 1, null)]
    public void HostReadingGuestWindow_AtTheEdges_ReturnsItOrTrapsCleanly(int pointer, int length, int? expected)
    {
        var (instance, _) = HostileModules.Instantiate(Module(1), define: linker => linker.DefineFunction("host", "sum", (Caller caller, int p, int l) =>
        {
            var window = caller.Memory!.GetSpan((uint)p, l);
            var sum = window.Length;
            foreach (var b in window)
            {
                sum += b;
            }

            return sum;
        }));
        instance.GetMemory("memory")!.Span[Size - 1] = 3;
        var call = instance.GetFunction<int, int, int>("call")!;

        if (expected is int value)
        {
            call(pointer, length).Should().Be(value);
        }
        else
        {
            Assert.Throws<WasmTrapException>(() => call(pointer, length)).Code.Should().Be(TrapCode.MemoryOutOfBounds);
        }
    }

    [Theory]
    [InlineData(Size - 4, true)]
    [InlineData(Size - 3, false)]
    [InlineData(-4, false)]
    public void HostWritingAnInt32_AtTheEdges_WritesOrTrapsCleanly(int pointer, bool fits)
    {
        var (instance, _) = HostileModules.Instantiate(Module(1), define: linker => linker.DefineFunction("host", "sum", (Caller caller, int p, int l) =>
        {
            caller.Memory!.WriteInt32((uint)p, l);
            return caller.Memory.ReadInt32((uint)p);
        }));
        var call = instance.GetFunction<int, int, int>("call")!;

        if (fits)
        {
            call(pointer, 0x01020304).Should().Be(0x01020304);
        }
        else
        {
            Assert.Throws<WasmTrapException>(() => call(pointer, 1)).Code.Should().Be(TrapCode.MemoryOutOfBounds);
        }
    }

    [Fact]
    public void HostReading_EmptyMemory_AllowsOnlyTheEmptyWindowAtZero()
    {
        var (instance, _) = HostileModules.Instantiate(Module(0), define: linker => linker.DefineFunction("host", "sum", (Caller caller, int p, int l) => caller.Memory!.GetSpan((uint)p, l).Length));
        var call = instance.GetFunction<int, int, int>("call")!;

        call(0, 0).Should().Be(0);
        Assert.Throws<WasmTrapException>(() => call(0, 1)).Code.Should().Be(TrapCode.MemoryOutOfBounds);
        Assert.Throws<WasmTrapException>(() => call(1, 0)).Code.Should().Be(TrapCode.MemoryOutOfBounds);
    }

    [Fact]
    public void HostGrowingMemoryDuringTheCall_ReadsAcrossTheOldEndAfterwards()
    {
        var (instance, _) = HostileModules.Instantiate(Module(1), define: linker => linker.DefineFunction("host", "sum", (Caller caller, int p, int l) =>
        {
            var memory = caller.Memory!;
            memory.Grow(1).Should().Be(1);
            return memory.GetSpan((uint)p, l).Length;
        }));

        instance.GetFunction<int, int, int>("call")!(Size - 8, 16).Should().Be(16);
    }

    public void Dispose() => HostileModules.AssertProcessHealthy();

    /// <summary>Imports host.sum(pointer, length) and exports call(pointer, length) forwarding to it, and its memory.</summary>
    private static byte[] Module(uint pages)
    {
        var builder = new WasmBinaryBuilder();
        var binary = builder.AddType([ValueKind.I32, ValueKind.I32], [ValueKind.I32]);
        builder.ImportFunction("host", "sum", binary);
        builder.AddMemory(pages);
        builder.AddFunction(binary, [0x20, 0x00, 0x20, 0x01, 0x10, 0x00, 0x0B]);
        builder.AddExport("call", ExternalKind.Function, 1).AddExport("memory", ExternalKind.Memory, 0);
        return builder.Build();
    }
}
