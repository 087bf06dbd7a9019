using System.Globalization;

namespace Weir.Cli.SpecTests;

/// <summary>The host object that stands for <c>ref.extern N</c> of a script; compared by identity.</summary>
internal sealed class HostReference
{
    public HostReference(uint id)
    {
        Id = id;
    }

    public uint Id { get; }

    public override string ToString() => "ref.extern " + Id.ToString(CultureInfo.InvariantCulture);
}
