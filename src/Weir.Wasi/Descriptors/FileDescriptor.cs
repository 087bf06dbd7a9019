using Microsoft.Win32.SafeHandles;
using Weir.Wasi.Abi;

namespace Weir.Wasi.Descriptors;

/// <summary>An open regular file. The position is kept here and every transfer is positional, so append and seek are exact.</summary>
internal sealed class FileDescriptor : Descriptor
{
    public FileDescriptor(Mount mount, string hostPath, SafeFileHandle handle, bool canRead, bool canWrite, Rights baseRights, Rights inheritingRights, DescriptorFlags flags)
        : base(baseRights, inheritingRights, flags)
    {
        Mount = mount;
        HostPath = hostPath;
        Handle = handle;
        CanRead = canRead;
        CanWrite = canWrite;
    }

    public Mount Mount { get; }

    /// <summary>Where the file was opened (used only where .NET needs a path, never shown to the guest).</summary>
    public string HostPath { get; }

    public SafeFileHandle Handle { get; }

    /// <summary>Whether the host handle was opened for reading.</summary>
    public bool CanRead { get; }

    /// <summary>Whether the host handle was opened for writing (never on a read-only mount).</summary>
    public bool CanWrite { get; }

    public long Position { get; set; }

    public override FileType FileType => FileType.RegularFile;

    public override void Close() => Handle.Dispose();
}
