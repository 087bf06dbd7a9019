namespace Weir.ProxyWasm.Tests.Probe;

/// <summary>One argument of a probe call: an immediate, a blob's pointer or size, an out-slot's pointer, a slot's value, or a context id.</summary>
internal readonly record struct ProbeArgument(byte Kind, ulong Value)
{
    /// <summary>An address no 32-bit guest memory reaches.</summary>
    public const uint OutOfBounds = 0xFFFF_FFF0;

    public static ProbeArgument Immediate(long value) => new(0, unchecked((ulong)value));

    public static ProbeArgument BlobPointer(int blob) => new(1, (ulong)blob);

    public static ProbeArgument BlobSize(int blob) => new(2, (ulong)blob);

    public static ProbeArgument Out(int slot) => new(3, (ulong)slot);

    public static ProbeArgument SlotValue(int slot) => new(4, (ulong)slot);

    public static ProbeArgument CurrentContext => new(5, 0);

    public static ProbeArgument RootContext => new(5, 1);

    public static ProbeArgument StreamContext => new(5, 2);

    public static ProbeArgument BadPointer => Immediate(OutOfBounds);
}
