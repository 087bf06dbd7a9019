using System.Diagnostics;
using Weir.Wasm.Execution;

namespace Weir.Wasm.Tests.Runtime;

public sealed class LimitTests
{
    [Fact]
    public void Fuel_InfiniteLoop_TrapsWithOutOfFuel()
    {
        var engine = new Engine(new EngineOptions { ConsumeFuel = true });
        var (instance, store) = Fixtures.Instantiate("traps", engine);
        store.SetFuel(10_000);

        var trap = Assert.Throws<WasmTrapException>(() => instance.GetAction("spin")!());

        trap.Code.Should().Be(TrapCode.OutOfFuel);
        store.Fuel.Should().BeNegative();
    }

    [Fact]
    public void Fuel_EnoughForTheWork_LetsItFinishAndIsConsumed()
    {
        var engine = new Engine(new EngineOptions { ConsumeFuel = true });
        var (instance, store) = Fixtures.Instantiate("traps", engine);
        store.SetFuel(1_000);

        instance.GetFunction<int, int>("count")!(100).Should().Be(100);
        store.Fuel.Should().BeInRange(1, 1_000 - 100);
    }

    [Fact]
    public void Fuel_OnEngineWithoutMetering_IsRefused()
    {
        var store = new Store(new Engine());

        store.Invoking(s => s.SetFuel(5)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Deadline_InfiniteLoop_TrapsWithDeadlineWhileOtherInstancesRun()
    {
        var engine = new Engine();
        var module = Module.FromBytes(engine, Fixtures.Read("traps"));
        var spinning = new Thread(() => { });
        WasmTrapException? trap = null;
        var stopwatch = Stopwatch.StartNew();
        var spinner = new Thread(() =>
        {
            using var store = new Store(engine);
            var instance = new Linker(engine).Instantiate(store, module);
            store.SetDeadline(TimeSpan.FromMilliseconds(300));
            trap = Assert.Throws<WasmTrapException>(() => instance.GetAction("spin")!());
        });
        spinner.Start();

        // Meanwhile other instances of the same module keep working on this thread.
        using (var otherStore = new Store(engine))
        {
            var other = new Linker(engine).Instantiate(otherStore, module);
            for (var i = 0; i < 50; i++)
            {
                other.GetFunction<int, int>("count")!(1000).Should().Be(1000);
            }
        }

        spinner.Join(TimeSpan.FromSeconds(30)).Should().BeTrue("the deadline must stop the guest");
        trap!.Code.Should().Be(TrapCode.Deadline);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Deadline_ClearedBeforeItPasses_NeverInterruptsLaterCalls()
    {
        var (instance, store) = Fixtures.Instantiate("traps");
        store.SetDeadline(TimeSpan.FromMilliseconds(10));
        store.ClearDeadline();
        Thread.Sleep(60);

        instance.GetFunction<int, int>("count")!(1000).Should().Be(1000);
    }

    [Fact]
    public void Deadline_ReplacedByALaterOne_OnlyTheLaterOneCounts()
    {
        var (instance, store) = Fixtures.Instantiate("traps");
        store.SetDeadline(TimeSpan.FromMilliseconds(10));
        store.SetDeadline(TimeSpan.FromMinutes(5));
        Thread.Sleep(60);

        instance.GetFunction<int, int>("count")!(1000).Should().Be(1000);
        store.SetDeadline(TimeSpan.FromMilliseconds(50));
        Assert.Throws<WasmTrapException>(() => instance.GetAction("spin")!()).Code.Should().Be(TrapCode.Deadline);
    }

    [Fact]
    public void Deadline_ArmedAfterTheSchedulerParked_StillStopsTheGuest()
    {
        var (instance, store) = Fixtures.Instantiate("traps");
        using (store)
        {
            // Many short callbacks, then quiet for longer than the scheduler lingers: it parks.
            for (var i = 0; i < 1000; i++)
            {
                store.SetDeadline(TimeSpan.FromSeconds(5));
                instance.GetFunction<int, int>("count")!(10).Should().Be(10);
                store.ClearDeadline();
            }

            // Other tests' stores may keep it awake for a while; 200 linger periods is plenty.
            SpinWait.SpinUntil(() => DeadlineScheduler.IsParked, DeadlineScheduler.Linger * 200).Should().BeTrue("nothing is armed, so the deadline thread sleeps");

            WasmTrapException? trap = null;
            var spinner = new Thread(() =>
            {
                store.SetDeadline(TimeSpan.FromMilliseconds(50));
                trap = Assert.Throws<WasmTrapException>(() => instance.GetAction("spin")!());
            });
            spinner.Start();
            var stopped = spinner.Join(TimeSpan.FromSeconds(10));
            if (!stopped)
            {
                // Not woken: stop the guest by hand so the test fails instead of hanging.
                store.Interrupt();
                spinner.Join();
            }

            stopped.Should().BeTrue("arming a deadline must wake the parked deadline thread");
            trap!.Code.Should().Be(TrapCode.Deadline);
        }
    }

    [Fact]
    public void Deadline_StoresDisposedAfterUse_AreNoLongerWatched()
    {
        var engine = new Engine();
        var module = Module.FromBytes(engine, Fixtures.Read("traps"));
        var before = DeadlineScheduler.RegisteredCount;
        for (var i = 0; i < 200; i++)
        {
            using var store = new Store(engine);
            var instance = new Linker(engine).Instantiate(store, module);
            store.SetDeadline(TimeSpan.FromSeconds(5));
            instance.GetFunction<int, int>("count")!(10).Should().Be(10);
        }

        // Other tests may run stores at the same time, but never 200 at once.
        DeadlineScheduler.RegisteredCount.Should().BeLessThan(before + 50);
    }

    [Fact]
    public void Interrupt_FromAnotherThread_StopsTheGuest()
    {
        var (instance, store) = Fixtures.Instantiate("traps");
        using var timer = new Timer(_ => store.Interrupt(), null, 200, Timeout.Infinite);

        Assert.Throws<WasmTrapException>(() => instance.GetAction("spin")!()).Code.Should().Be(TrapCode.Deadline);
    }

    [Fact]
    public void MemoryGrow_BeyondStoreLimit_ReturnsMinusOneAndKeepsSize()
    {
        var (instance, _) = Fixtures.Instantiate("traps", limits: new StoreLimits { MaxMemoryBytes = 2 * 65536 });
        var grow = instance.GetFunction<int, int>("grow")!;

        grow(1).Should().Be(1);
        grow(1).Should().Be(-1);
        instance.GetFunction<int>("size")!().Should().Be(2);
    }

    [Fact]
    public void MemoryGrow_BeyondDeclaredMaximum_ReturnsMinusOne()
    {
        var (instance, _) = Fixtures.Instantiate("traps");

        instance.GetFunction<int, int>("grow")!(4).Should().Be(-1);
        instance.GetFunction<int, int>("grow")!(3).Should().Be(1);
        instance.GetMemory("memory").Should().BeNull("the fixture does not export its memory");
    }

    [Fact]
    public void Instantiate_MemoryAboveStoreLimit_TrapsWithResourceLimitExceeded()
    {
        var trap = Assert.Throws<WasmTrapException>(() => Fixtures.Instantiate("traps", limits: new StoreLimits { MaxMemoryBytes = 1000 }));

        trap.Code.Should().Be(TrapCode.ResourceLimitExceeded);
    }

    [Fact]
    public void TableGrow_BeyondStoreLimit_ReturnsMinusOne()
    {
        var (instance, _) = Fixtures.Instantiate("traps", limits: new StoreLimits { MaxTableElements = 10 });
        var grow = instance.GetFunction<int, int>("table_grow")!;

        grow(6).Should().Be(4);
        grow(1).Should().Be(-1);
    }

    [Fact]
    public void TableGet_PastEnd_TrapsWithTableOutOfBounds()
    {
        var (instance, _) = Fixtures.Instantiate("traps");

        Assert.Throws<WasmTrapException>(() => instance.GetFunction<int, object>("table_get")!(4)).Code.Should().Be(TrapCode.TableOutOfBounds);
        instance.GetFunction<int, object>("table_get")!(0).Should().BeOfType<Function>();
    }
}
