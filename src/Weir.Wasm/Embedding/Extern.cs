using Weir.Wasm.Model;

namespace Weir.Wasm;

/// <summary>Something that can be imported or exported: a <see cref="Function"/>, <see cref="Table"/>, <see cref="Memory"/> or <see cref="Global"/>.</summary>
public abstract class Extern
{
    private protected Extern()
    {
    }

    /// <summary>Which of the four kinds this is.</summary>
    public abstract ExternalKind Kind { get; }
}
