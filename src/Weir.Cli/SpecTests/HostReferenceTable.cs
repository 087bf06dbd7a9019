namespace Weir.Cli.SpecTests;

/// <summary>
/// Gives every <c>ref.extern N</c> of a script one host object, so that a reference passed in and
/// returned later compares equal by identity, as the spec's host does.
/// </summary>
internal sealed class HostReferenceTable
{
    private readonly Dictionary<uint, HostReference> _references = [];
    private readonly Lock _lock = new();

    public HostReference Get(uint id)
    {
        lock (_lock)
        {
            if (!_references.TryGetValue(id, out var reference))
            {
                reference = new HostReference(id);
                _references.Add(id, reference);
            }

            return reference;
        }
    }
}
