using Weir.Wasm.Model;

namespace Weir.Wasm;

/// <summary>A table of references: <see cref="Function"/>s for funcref tables, any host objects for externref tables.</summary>
public sealed class Table : Extern
{
    // Read directly by compiled code; replaced (never resized in place) when the table grows.
    internal object?[] Elements;

    private readonly uint _maximum;

    /// <summary>Creates a table in a store, filled with <paramref name="initialValue"/>.</summary>
    public Table(Store store, TableType type, object? initialValue = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(type);
        if (type.Limits.Minimum > store.Limits.MaxTableElements)
        {
            throw new WasmTrapException(TrapCode.ResourceLimitExceeded, $"table of {type.Limits.Minimum} elements exceeds the store limit of {store.Limits.MaxTableElements}");
        }

        CheckElement(type.ElementKind, initialValue);
        ElementKind = type.ElementKind;
        DeclaredMaximum = type.Limits.Maximum;
        _maximum = (uint)Math.Min(type.Limits.Maximum ?? uint.MaxValue, store.Limits.MaxTableElements);
        Elements = new object?[type.Limits.Minimum];
        if (initialValue is not null)
        {
            Array.Fill(Elements, initialValue);
        }
    }

    /// <inheritdoc />
    public override ExternalKind Kind => ExternalKind.Table;

    /// <summary>funcref or externref.</summary>
    public ValueKind ElementKind { get; }

    /// <summary>The maximum declared by the table's type, or null.</summary>
    public ulong? DeclaredMaximum { get; }

    /// <summary>The table's type with its current size as the minimum.</summary>
    public TableType Type => new(ElementKind, new Limits(Size, DeclaredMaximum));

    /// <summary>The current number of elements.</summary>
    public uint Size => (uint)Elements.Length;

    /// <summary>Reads an element.</summary>
    /// <exception cref="WasmTrapException">The index is out of bounds.</exception>
    public object? GetElement(uint index) =>
        index < (uint)Elements.Length ? Elements[index] : throw new WasmTrapException(TrapCode.TableOutOfBounds);

    /// <summary>Writes an element.</summary>
    /// <exception cref="WasmTrapException">The index is out of bounds.</exception>
    public void SetElement(uint index, object? value)
    {
        CheckElement(ElementKind, value);
        if (index >= (uint)Elements.Length)
        {
            throw new WasmTrapException(TrapCode.TableOutOfBounds);
        }

        Elements[index] = value;
    }

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="initialValue"/>; returns the old size, or -1 when not allowed.</summary>
    public int Grow(uint delta, object? initialValue)
    {
        CheckElement(ElementKind, initialValue);
        var oldSize = (uint)Elements.Length;
        var newSize = (ulong)oldSize + delta;
        if (newSize > _maximum || newSize > int.MaxValue / 2)
        {
            return -1;
        }

        if (delta != 0)
        {
            var grown = new object?[newSize];
            Array.Copy(Elements, grown, oldSize);
            if (initialValue is not null)
            {
                Array.Fill(grown, initialValue, (int)oldSize, (int)delta);
            }

            Elements = grown;
        }

        return (int)oldSize;
    }

    private static void CheckElement(ValueKind kind, object? value)
    {
        if (kind == ValueKind.FuncRef && value is not null and not Function)
        {
            throw new ArgumentException("a funcref table holds only Function references or null");
        }
    }
}
