using System.Runtime.CompilerServices;

namespace Weir.Wasm.Tests.Runtime;

public sealed class ModuleCacheTests
{
    [Fact]
    public void FromBytes_SameBytesTwiceOnOneEngine_ReturnsTheModuleCompiledFirst()
    {
        var engine = new Engine();
        var bytes = Fixtures.Read("traps");

        var first = Module.FromBytes(engine, bytes, "traps");
        var second = Module.FromBytes(engine, bytes.ToArray(), "traps");

        second.Should().BeSameAs(first);
    }

    [Fact]
    public void FromBytes_DifferentNameEngineOrCachingOff_CompilesAgain()
    {
        var engine = new Engine();
        var bytes = Fixtures.Read("traps");
        var first = Module.FromBytes(engine, bytes, "traps");

        Module.FromBytes(engine, bytes, "other").Should().NotBeSameAs(first);
        Module.FromBytes(new Engine(), bytes, "traps").Should().NotBeSameAs(first);
        var uncached = new Engine(new EngineOptions { CacheModules = false });
        Module.FromBytes(uncached, bytes, "traps").Should().NotBeSameAs(Module.FromBytes(uncached, bytes, "traps"));
    }

    [Fact]
    public void FromBytes_CallerReusesItsBuffer_ModuleKeepsTheBytesItWasCompiledFrom()
    {
        var engine = new Engine();
        var buffer = Fixtures.Read("traps");
        var original = buffer.ToArray();
        var module = Module.FromBytes(engine, buffer);

        Array.Fill(buffer, (byte)0xFF);

        Module.FromBytes(engine, original).Should().BeSameAs(module);
        using var store = new Store(engine);
        new Linker(engine).Instantiate(store, module).GetFunction<int, int>("count")!(7).Should().Be(7);
    }

    [Fact]
    public void FromBytes_ModuleNoLongerReferenced_IsNotKeptAliveByTheCache()
    {
        var engine = new Engine();
        var bytes = Fixtures.Read("traps");
        var reference = CompileAndForget(engine, bytes);

        for (var attempt = 0; attempt < 10 && reference.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        reference.IsAlive.Should().BeFalse();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CompileAndForget(Engine engine, byte[] bytes) => new(Module.FromBytes(engine, bytes));
}
