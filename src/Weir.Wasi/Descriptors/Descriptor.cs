using Weir.Wasi.Abi;

namespace Weir.Wasi.Descriptors;

/// <summary>An entry of the guest's descriptor table, with the rights it was granted.</summary>
internal abstract class Descriptor
{
    protected Descriptor(Rights baseRights, Rights inheritingRights, DescriptorFlags flags)
    {
        BaseRights = baseRights;
        InheritingRights = inheritingRights;
        Flags = flags;
    }

    public Rights BaseRights { get; set; }

    public Rights InheritingRights { get; set; }

    public DescriptorFlags Flags { get; set; }

    public abstract FileType FileType { get; }

    /// <summary>Fails with BADF (what the wasi-testsuite expects) unless the descriptor has every right in <paramref name="rights"/>.</summary>
    public void Require(Rights rights)
    {
        if ((BaseRights & rights) != rights)
        {
            throw new WasiErrorException(Errno.BadDescriptor);
        }
    }

    public bool Has(Rights rights) => (BaseRights & rights) == rights;

    /// <summary>Releases host resources; called once, when the guest closes the descriptor or the context ends.</summary>
    public virtual void Close()
    {
    }
}
