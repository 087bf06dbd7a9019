using Weir.ProxyWasm.Abi;
using Weir.ProxyWasm.Logging;
using Weir.ProxyWasm.SharedState;
using Weir.ProxyWasm.Streams;
using Weir.Wasi;
using Weir.Wasm;

namespace Weir.ProxyWasm.Hosting;

/// <summary>
/// One instance of a plugin's module with its own store, memory, WASI context, root context and
/// stream contexts. Guest code runs only while <see cref="Gate"/> is held, so the instance is never
/// entered by two threads at once; every callback runs under the plugin's memory and time limits.
/// Host functions live in the <c>ProxyVm.Hostcalls.*</c> files.
/// </summary>
internal sealed partial class ProxyVm : IQueueReadyTarget
{
    private readonly Plugin _plugin;
    private readonly ProxyWasmRuntime _runtime;
    private readonly ProxyWasmModule _module;
    private readonly PluginConfiguration _configuration;
    private readonly Store _store;
    private readonly List<Action> _deferred = [];
    private readonly Dictionary<int, StreamContext> _streams = [];
    private readonly CancellationTokenSource _shutdown = new();
    private WasiContext? _wasi;
    private LogLineStream? _standardOutput;
    private LogLineStream? _standardError;
    private Instance? _instance;
    private Memory? _memory;
    private Func<int, int>? _allocate;
    private bool _allocateEmptyResults;
    private RootContextState? _root;
    private int _lastContextId;
    private ContextState? _effective;
    private string _callbackName = "start";
    private string? _lastHostcall;
    private ProxyStatus _lastHostcallStatus;
    private bool _released;

    public ProxyVm(Plugin plugin, int serial)
    {
        _plugin = plugin;
        _runtime = plugin.Runtime;
        _module = plugin.Module;
        _configuration = plugin.Configuration;
        Serial = serial;
        _store = new Store(_runtime.Engine, new StoreLimits { MaxMemoryBytes = _configuration.Limits.MaxMemoryBytes })
        {
            Data = this,
        };
    }

    /// <summary>Held while guest code of this VM runs (and while a stream inspects its state).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>A number that names the VM in logs.</summary>
    public int Serial { get; }

    public VmState State { get; private set; } = VmState.Starting;

    /// <summary>Streams pinned to this VM (maintained by the pool under its lock).</summary>
    public int ActiveStreams { get; set; }

    /// <summary>The linear memory the VM had when it started serving (its module's initial needs).</summary>
    public ulong MemoryAtStart { get; private set; }

    /// <summary>Streams the pool has pinned to this VM since it started (pool lock).</summary>
    public long StreamsServed { get; set; }

    /// <summary>The pool retired the VM: it takes no new streams and stops once its last stream ends (pool lock).</summary>
    public bool Retiring { get; set; }

    /// <summary>The VM's linear memory in bytes now (0 once released); read without the gate, so it may be a moment old.</summary>
    public ulong MemoryBytes => Volatile.Read(ref _released) ? 0 : _memory?.Length ?? 0;

    bool IQueueReadyTarget.IsAlive => State == VmState.Running;

    private ProxyAbiVersion Abi => _module.AbiVersion;

    /// <summary>
    /// Instantiates the module, runs its initialisation, creates the root context and calls
    /// <c>proxy_on_vm_start</c> and <c>proxy_on_configure</c>. The caller holds no lock.
    /// </summary>
    /// <exception cref="PluginLoadException">Any step failed; the VM is unusable and released.</exception>
    public void Start()
    {
        Gate.Wait();
        try
        {
            Instantiate();
            RunInitialization();
            ResolveExports();
            StartRootContext();
            MemoryAtStart = _memory?.Length ?? 0;
            State = VmState.Running;
        }
        catch (Exception exception) when (exception is PluginLoadException or VmFailedException)
        {
            State = VmState.Failed;
            ReleaseResources();
            throw exception as PluginLoadException ?? new PluginLoadException($"plugin '{_plugin.Name}': {exception.Message}", exception);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Shuts the VM down as Envoy does: <c>proxy_on_done</c> on the root context, then
    /// <c>proxy_on_delete</c> at once, or after the guest's <c>proxy_done</c> when it deferred
    /// (bounded by the plugin's shutdown timeout).
    /// </summary>
    public async Task StopAsync()
    {
        var waitForDone = false;
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // Streams that outlived the drain get the failure policy (a paused one's outcome completes).
            foreach (var stream in _streams.Values.ToList())
            {
                stream.Fail();
            }

            if (State == VmState.Running && _root is { } root)
            {
                try
                {
                    if (CallRootDone(root))
                    {
                        CallRootDelete(root);
                    }
                    else
                    {
                        root.AwaitingDone = true;
                        waitForDone = true;
                    }
                }
                catch (VmFailedException)
                {
                    // Already logged; the VM is released below.
                }
            }
        }
        finally
        {
            Gate.Release();
        }

        if (waitForDone && _root is { } parked)
        {
            var finished = await Task.WhenAny(parked.Deleted.Task, Task.Delay(_configuration.Limits.ShutdownTimeout, _runtime.Options.TimeProvider)).ConfigureAwait(false);
            if (finished != parked.Deleted.Task)
            {
                _plugin.LogHost(ProxyLogLevel.Warn, $"VM {Serial}: the root context did not call proxy_done within {_configuration.Limits.ShutdownTimeout.TotalMilliseconds} ms of shutdown");
            }
        }

        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (State is VmState.Running or VmState.Starting)
            {
                State = VmState.Stopped;
            }

            ReleaseResources();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates the guest's context for a stream on first use (<c>proxy_on_context_create(id, root)</c>). Caller holds the gate.</summary>
    public void EnsureStreamContext(StreamContext stream)
    {
        if (stream.Id != 0)
        {
            return;
        }

        stream.Id = ++_lastContextId;
        _streams.Add(stream.Id, stream);
        if (_onContextCreate is { } create)
        {
            Begin("proxy_on_context_create", stream);
            try
            {
                create(stream.Id, _root!.Id);
            }
            catch (WasmTrapException trap)
            {
                throw Fail(trap);
            }
            finally
            {
                End();
            }
        }
    }

    /// <summary>Forgets a finished stream. Caller holds the gate.</summary>
    public void RemoveStream(StreamContext stream)
    {
        if (stream.Id != 0)
        {
            _streams.Remove(stream.Id);
        }
    }

    void IQueueReadyTarget.NotifyQueueReady(int rootContextId, uint token) => _ = DeliverQueueReadyAsync(rootContextId, token);

    private void Instantiate()
    {
        var linker = new Linker(_runtime.Engine);
        DefineImports(linker);
        _wasi = WasiHost.Define(linker, CreateWasiConfiguration());
        BindUnknownImports(linker);
        _store.SetDeadline(_configuration.Limits.CallbackTimeout);
        try
        {
            var instance = linker.Instantiate(_store, _module.Module);
            _memory = instance.Exports.Select(export => export.Item).OfType<Memory>().FirstOrDefault();
            _instance = instance;
        }
        catch (WasmLinkException exception)
        {
            throw new PluginLoadException($"plugin '{_plugin.Name}': the module cannot be linked: {exception.Message}", exception);
        }
        catch (WasmTrapException trap) when (trap.Code == TrapCode.ResourceLimitExceeded)
        {
            throw new PluginLoadException($"plugin '{_plugin.Name}': the module needs more than the plugin's limits allow: {trap.Message}", trap);
        }
        catch (WasmTrapException trap)
        {
            throw new PluginLoadException($"plugin '{_plugin.Name}': the module trapped while being instantiated (start section): {DescribeTrap(trap)}", trap);
        }
        finally
        {
            _store.ClearDeadline();
        }
    }

    private void RunInitialization()
    {
        // Reactors (_initialize, then main(0, 0) or __main_void) or commands (_start), as cpp-host.
        var instance = _instance!;
        _store.SetDeadline(_configuration.Limits.CallbackTimeout);
        var step = "_initialize";
        try
        {
            if (instance.GetAction("_initialize") is { } initialize)
            {
                initialize();
                if (instance.GetFunction<int, int, int>("main") is { } main)
                {
                    step = "main";
                    main(0, 0);
                }
                else if (instance.GetFunction<int>("__main_void") is { } mainVoid)
                {
                    step = "__main_void";
                    mainVoid();
                }
            }
            else if (instance.GetAction("_start") is { } start)
            {
                step = "_start";
                try
                {
                    start();
                }
                catch (WasmTrapException trap) when (WasiExitException.Find(trap)?.ExitCode == 0)
                {
                    // A command that returns through proc_exit(0) finished its initialisation normally.
                }
            }
        }
        catch (WasmTrapException trap)
        {
            throw new PluginLoadException($"plugin '{_plugin.Name}': {step} failed: {DescribeTrap(trap)}", trap);
        }
        finally
        {
            _store.ClearDeadline();
        }
    }

    private void StartRootContext()
    {
        var root = _root = new RootContextState(++_lastContextId);
        if (_onContextCreate is { } create)
        {
            Begin("proxy_on_context_create", root);
            try
            {
                create(root.Id, 0);
            }
            catch (WasmTrapException trap)
            {
                throw Fail(trap);
            }
            finally
            {
                End();
            }
        }

        if (!CallVmStart(root))
        {
            throw new PluginLoadException($"plugin '{_plugin.Name}': proxy_on_vm_start returned false: the filter rejected its VM configuration");
        }

        if (!CallConfigure(root))
        {
            throw new PluginLoadException($"plugin '{_plugin.Name}': proxy_on_configure returned false: the filter rejected its plugin configuration");
        }
    }

    private WasiConfiguration CreateWasiConfiguration()
    {
        // The proxy-wasm WASI profile: no arguments, only the configured environment, stdout and
        // stderr as log lines, no directories.
        _standardOutput = new LogLineStream(line => GuestLog(ProxyLogLevel.Info, line));
        _standardError = new LogLineStream(line => GuestLog(ProxyLogLevel.Error, line));
        var configuration = new WasiConfiguration()
            .WithStandardOutput(WasiOutput.ToStream(_standardOutput))
            .WithStandardError(WasiOutput.ToStream(_standardError));
        foreach (var (name, value) in _configuration.EnvironmentVariables)
        {
            configuration.WithEnvironmentVariable(name, value);
        }

        return configuration;
    }

    private void GuestLog(ProxyLogLevel level, string message)
    {
        if (level >= _configuration.LogLevel)
        {
            _runtime.Logger.Log(new PluginLogEntry(_plugin.Name, level, message, FromHost: false));
        }
    }

    /// <summary>Starts a host→guest call: sets the current and effective context and the callback deadline.</summary>
    private void Begin(string callback, ContextState? context)
    {
        if (State is VmState.Failed or VmState.Stopped)
        {
            throw new VmFailedException($"VM {Serial} of plugin '{_plugin.Name}' is no longer running");
        }

        _callbackName = callback;
        _effective = context;
        _lastHostcall = null;
        _store.SetDeadline(_configuration.Limits.CallbackTimeout);
    }

    /// <summary>Ends a host→guest call, then runs what the guest asked for during it (continue, local response, callouts).</summary>
    private void End()
    {
        _store.ClearDeadline();
        _effective = null;
        ClearScope();
        if (State is VmState.Failed or VmState.Stopped)
        {
            _deferred.Clear();
            ReleaseResources();
            return;
        }

        RunDeferred();
    }

    private void Defer(Action action) => _deferred.Add(action);

    private void RunDeferred()
    {
        while (_deferred.Count > 0)
        {
            var actions = _deferred.ToArray();
            _deferred.Clear();
            foreach (var action in actions)
            {
                action();
            }
        }
    }

    /// <summary>Marks the VM failed after a trap in a callback, applies the failure policy to its streams and tells the pool.</summary>
    private VmFailedException Fail(WasmTrapException trap)
    {
        var reason = $"VM {Serial} failed in {_callbackName}: {DescribeTrap(trap)}";
        if (State == VmState.Failed)
        {
            return new VmFailedException(reason, trap);
        }

        var wasRunning = State == VmState.Running;
        State = VmState.Failed;
        _plugin.LogHost(ProxyLogLevel.Error, reason);
        foreach (var stream in _streams.Values.ToList())
        {
            stream.Fail();
        }

        if (wasRunning)
        {
            // A VM that fails while starting is reported by whoever started it.
            _plugin.Pool.OnVmFailed(this, reason);
        }
        return new VmFailedException(reason, trap);
    }

    private string DescribeTrap(WasmTrapException trap)
    {
        var limit = _configuration.Limits;
        var description = trap.Code switch
        {
            TrapCode.Deadline => $"the callback exceeded its time limit of {limit.CallbackTimeout.TotalMilliseconds:0.###} ms",
            TrapCode.HostError when WasiExitException.Find(trap) is { } exit => $"the filter called proc_exit({exit.ExitCode})",
            TrapCode.HostError when trap.InnerException is GuestAbortException abort => abort.Message,
            _ => trap.FormatWithWasmStackTrace(),
        };
        if (_memory is { } memory && !_released)
        {
            description += $" [memory: {memory.Length} of {limit.MaxMemoryBytes} bytes]";
        }

        if (_lastHostcall is not null)
        {
            description += $" [last host call: {_lastHostcall} → {_lastHostcallStatus}]";
        }

        return description;
    }

    private void ReleaseResources()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        StopTicks();
        _shutdown.Cancel();
        _wasi?.Dispose();

        // A last line without its newline is still worth logging.
        _standardOutput?.Flush();
        _standardError?.Flush();
        _memory?.Dispose();
        _store.Dispose();
        _allocate = null;
        _instance = null;
    }
}
