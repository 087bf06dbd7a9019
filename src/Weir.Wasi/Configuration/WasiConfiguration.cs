namespace Weir.Wasi;

/// <summary>
/// Everything a WASI program is given: its arguments and environment (exactly what is listed here;
/// nothing is inherited from the host), the directories it may reach, its standard streams, clocks
/// and randomness. Nothing is granted by default: no directories, empty input, discarded output.
/// A configuration can be reused for many runs; each run gets its own descriptors and streams.
/// </summary>
public sealed class WasiConfiguration
{
    private readonly List<string> _arguments = [];
    private readonly List<KeyValuePair<string, string>> _environment = [];
    private readonly List<WasiPreopenedDirectory> _preopenedDirectories = [];

    /// <summary>argv, including argv[0] (by convention the program's name).</summary>
    public IReadOnlyList<string> Arguments => _arguments;

    /// <summary>The environment, in order, as NAME=VALUE pairs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment => _environment;

    /// <summary>The directories the guest can reach; they get descriptors 3, 4, … in this order.</summary>
    public IReadOnlyList<WasiPreopenedDirectory> PreopenedDirectories => _preopenedDirectories;

    /// <summary>Standard input (default: empty).</summary>
    public WasiInput StandardInput { get; set; } = WasiInput.Empty;

    /// <summary>Standard output (default: discarded).</summary>
    public WasiOutput StandardOutput { get; set; } = WasiOutput.Discard;

    /// <summary>Standard error (default: discarded).</summary>
    public WasiOutput StandardError { get; set; } = WasiOutput.Discard;

    /// <summary>The clocks (default: a new <see cref="SystemWasiClock"/> per configuration).</summary>
    public WasiClock Clock { get; set; } = new SystemWasiClock();

    /// <summary>The source of random_get (default: <see cref="WasiRandom.Secure"/>).</summary>
    public WasiRandom Random { get; set; } = WasiRandom.Secure;

    /// <summary>The most descriptors the guest may have open at once, standard streams and preopens included (TOO MANY OPEN FILES beyond it).</summary>
    public int MaxOpenDescriptors { get; set; } = 1024;

    /// <summary>The most bytes one fd_read, fd_write, fd_pread or fd_pwrite transfers, so that one call cannot hold the host for long; guests see a short transfer and continue.</summary>
    public int MaxBytesPerCall { get; set; } = 16 << 20;

    /// <summary>
    /// Cancels blocking waits (poll_oneoff, sleeps, waiting for input) so that a deadline set on the
    /// store is not held up by a sleeping guest: set it to a token that fires with the deadline.
    /// </summary>
    public CancellationToken Cancellation { get; set; }

    /// <summary>Replaces argv (argv[0] first).</summary>
    public WasiConfiguration WithArguments(params IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var list = arguments.ToList();
        foreach (var argument in list)
        {
            ArgumentNullException.ThrowIfNull(argument, nameof(arguments));
            if (argument.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"argument '{argument.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character, which C strings cannot carry", nameof(arguments));
            }
        }

        _arguments.Clear();
        _arguments.AddRange(list);
        return this;
    }

    /// <summary>Adds an environment variable (exposed as NAME=VALUE).</summary>
    public WasiConfiguration WithEnvironmentVariable(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"environment variable name '{name}' must not contain '=' or NUL", nameof(name));
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"the value of environment variable '{name}' contains a NUL character", nameof(value));
        }

        _environment.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    /// <summary>
    /// Lets the guest reach <paramref name="hostPath"/> under the name <paramref name="guestPath"/>.
    /// The guest can never leave the directory: not with <c>..</c>, absolute paths or symbolic links.
    /// </summary>
    public WasiConfiguration WithPreopenedDirectory(string hostPath, string guestPath, WasiDirectoryAccess access = WasiDirectoryAccess.ReadWrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostPath);
        ArgumentException.ThrowIfNullOrEmpty(guestPath);
        if (guestPath.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("the guest path must not contain NUL", nameof(guestPath));
        }

        _preopenedDirectories.Add(new WasiPreopenedDirectory(hostPath, guestPath, access));
        return this;
    }

    /// <summary>Sets standard input.</summary>
    public WasiConfiguration WithStandardInput(WasiInput input)
    {
        StandardInput = input ?? throw new ArgumentNullException(nameof(input));
        return this;
    }

    /// <summary>Sets standard output.</summary>
    public WasiConfiguration WithStandardOutput(WasiOutput output)
    {
        StandardOutput = output ?? throw new ArgumentNullException(nameof(output));
        return this;
    }

    /// <summary>Sets standard error.</summary>
    public WasiConfiguration WithStandardError(WasiOutput output)
    {
        StandardError = output ?? throw new ArgumentNullException(nameof(output));
        return this;
    }

    /// <summary>Connects the guest's three standard streams to the host process's own.</summary>
    public WasiConfiguration InheritStandardStreams()
    {
        StandardInput = WasiInput.Inherit;
        StandardOutput = WasiOutput.Inherit;
        StandardError = WasiOutput.Inherit;
        return this;
    }

    /// <summary>Sets the clocks.</summary>
    public WasiConfiguration WithClock(WasiClock clock)
    {
        Clock = clock ?? throw new ArgumentNullException(nameof(clock));
        return this;
    }

    /// <summary>Sets the random source.</summary>
    public WasiConfiguration WithRandom(WasiRandom random)
    {
        Random = random ?? throw new ArgumentNullException(nameof(random));
        return this;
    }
}
