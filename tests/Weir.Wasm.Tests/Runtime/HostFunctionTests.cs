using System.Text;
using Weir.Wasm.Model;

namespace Weir.Wasm.Tests.Runtime;

public sealed class HostFunctionTests
{
    private readonly List<string> _logged = [];

    private Instance Instantiate(Action? fail = null) => Fixtures.Instantiate("host", define: linker =>
    {
        linker.DefineFunction("env", "add", (int a, int b) => a + b);
        linker.DefineFunction("env", "log", (Caller caller, int pointer, int length) =>
            _logged.Add(Encoding.UTF8.GetString(caller.Memory!.GetSpan((ulong)pointer, length))));
        linker.DefineFunction("env", "fail", fail ?? (() => throw new InvalidOperationException("host says no")));
    }).Instance;

    [Fact]
    public void TypedHostFunction_CalledFromGuest_ReturnsItsResult()
    {
        Instantiate().GetFunction<int, int, int, int>("sum")!(1, 2, 3).Should().Be(6);
    }

    [Fact]
    public void HostFunctionWithCaller_ReadsTheCallersMemory()
    {
        Instantiate().GetAction("greet")!();

        _logged.Should().Equal("hello from wasm");
    }

    [Fact]
    public void HostFunction_Throwing_BecomesHostErrorTrapWithInnerException()
    {
        var trap = Assert.Throws<WasmTrapException>(() => Instantiate().GetAction("call_fail")!());

        trap.Code.Should().Be(TrapCode.HostError);
        trap.InnerException.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("host says no");
        trap.WasmStackTrace.Select(frame => frame.FunctionName).Should().Contain("inner");
    }

    [Fact]
    public void UntypedInvoke_MultipleResults_ReturnsEachResult()
    {
        var results = Instantiate().GetFunction("multi")!.Invoke(Value.FromInt32(-7));

        results.Should().Equal(Value.FromInt32(-7), Value.FromInt64(-7), Value.FromDouble(-7));
    }

    [Fact]
    public void UntypedHostFunction_WithMultipleResults_DeliversThemToTheGuest()
    {
        var type = new FunctionType([ValueKind.I32], [ValueKind.I32, ValueKind.I64]);
        var (instance, _) = Fixtures.Instantiate("multi_host", define: linker => linker.DefineFunction("env", "split", type, (caller, arguments, results) =>
        {
            results[0] = Value.FromInt32(arguments[0].AsInt32() + 1);
            results[1] = Value.FromInt64(arguments[0].AsInt32() * 10L);
        }));

        instance.GetFunction<int, long>("use")!(4).Should().Be(5 + 40);
    }

    [Fact]
    public void Instantiate_MissingImport_FailsWithLinkError()
    {
        var engine = new Engine();
        var module = Module.FromBytes(engine, Fixtures.Read("host"));

        var error = Assert.Throws<WasmLinkException>(() => new Linker(engine).Instantiate(new Store(engine), module));

        error.Message.Should().Contain("env.add");
    }

    [Fact]
    public void Instantiate_ImportWithWrongSignature_FailsWithLinkError()
    {
        var engine = new Engine();
        var module = Module.FromBytes(engine, Fixtures.Read("host"));
        var linker = new Linker(engine);
        linker.DefineFunction("env", "add", (long a, long b) => a + b);
        linker.DefineFunction("env", "log", (int a, int b) => { });
        linker.DefineFunction("env", "fail", () => { });

        Assert.Throws<WasmLinkException>(() => linker.Instantiate(new Store(engine), module)).Message.Should().Contain("incompatible import type");
    }

    [Fact]
    public void CompiledModule_InstantiatedFromManyThreads_EachInstanceIsIndependent()
    {
        var engine = new Engine();
        var module = Module.FromBytes(engine, Fixtures.Read("traps"));
        var results = new int[8];
        Parallel.For(0, results.Length, i =>
        {
            using var store = new Store(engine);
            var instance = new Linker(engine).Instantiate(store, module);
            instance.GetAction<int, int>("store")!(0, i);
            results[i] = instance.GetFunction<int, int>("count")!(1000 + i) + instance.GetFunction<int, int>("load")!(0);
        });

        results.Should().Equal(Enumerable.Range(0, 8).Select(i => 1000 + i + i));
    }

    [Fact]
    public void DefineFunction_UnsupportedParameterType_IsRejected()
    {
        var linker = new Linker(new Engine());

        linker.Invoking(l => l.DefineFunction("env", "bad", (string s) => { })).Should().Throw<ArgumentException>();
    }
}
