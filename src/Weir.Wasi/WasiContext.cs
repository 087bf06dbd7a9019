using System.Collections.Immutable;
using System.Text;
using Weir.Wasi.Abi;
using Weir.Wasi.Descriptors;

namespace Weir.Wasi;

/// <summary>
/// The state of one WASI program: its descriptor table (standard streams and preopens first), its
/// encoded arguments and environment. Created by <see cref="WasiHost.Define"/> for one instance; dispose
/// it when the program is done to close the files it left open and flush its output.
/// </summary>
public sealed class WasiContext : IDisposable
{
    private bool _disposed;

    internal WasiContext(WasiConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var minimumDescriptors = 3 + configuration.PreopenedDirectories.Count;
        if (configuration.MaxOpenDescriptors < minimumDescriptors)
        {
            throw new ArgumentException($"MaxOpenDescriptors is {configuration.MaxOpenDescriptors}, but the standard streams and preopened directories alone need {minimumDescriptors}", nameof(configuration));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(configuration.MaxBytesPerCall, 1, nameof(configuration));
        Configuration = configuration;
        Arguments = EncodeStrings(configuration.Arguments);
        Environment = EncodeStrings(configuration.Environment.Select(pair => $"{pair.Key}={pair.Value}"));

        var mounts = configuration.PreopenedDirectories.Select(CreateMount).ToList();
        Descriptors = new DescriptorTable(configuration.MaxOpenDescriptors);
        Descriptors.Add(new InputStreamDescriptor(new StandardInputReader(configuration.StandardInput.Open()), configuration.StandardInput.IsTerminal()));
        Descriptors.Add(new OutputStreamDescriptor(configuration.StandardOutput.Open(isError: false), configuration.StandardOutput.IsTerminal(isError: false)));
        Descriptors.Add(new OutputStreamDescriptor(configuration.StandardError.Open(isError: true), configuration.StandardError.IsTerminal(isError: true)));
        foreach (var mount in mounts)
        {
            var mutating = mount.IsReadOnly ? RightSets.Mutating : Rights.None;
            Descriptors.Add(new DirectoryDescriptor(
                mount,
                ImmutableArray<string>.Empty,
                RightSets.DirectoryBase & ~mutating,
                RightSets.DirectoryInheriting & ~mutating,
                mount.GuestName));
        }
    }

    /// <summary>The code the program passed to proc_exit, or null while it has not exited.</summary>
    public int? ExitCode { get; internal set; }

    internal WasiConfiguration Configuration { get; }

    internal ImmutableArray<byte[]> Arguments { get; }

    internal ImmutableArray<byte[]> Environment { get; }

    internal DescriptorTable Descriptors { get; }

    /// <summary>Closes every descriptor the program still has open and flushes its standard output and error.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Descriptors.CloseAll();
    }

    private static Mount CreateMount(WasiPreopenedDirectory preopen)
    {
        var hostRoot = Path.GetFullPath(preopen.HostPath);
        if (!Directory.Exists(hostRoot))
        {
            throw new DirectoryNotFoundException($"the directory to preopen as '{preopen.GuestPath}' does not exist: {preopen.HostPath}");
        }

        return new Mount(hostRoot, preopen.GuestPath, preopen.Access == WasiDirectoryAccess.ReadOnly);
    }

    /// <summary>Each string as UTF-8 followed by NUL, as args_get and environ_get write them.</summary>
    private static ImmutableArray<byte[]> EncodeStrings(IEnumerable<string> strings) =>
        [.. strings.Select(text =>
        {
            var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
            Encoding.UTF8.GetBytes(text, bytes);
            return bytes;
        })];
}
