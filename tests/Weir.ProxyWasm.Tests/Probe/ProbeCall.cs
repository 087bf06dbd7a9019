namespace Weir.ProxyWasm.Tests.Probe;

/// <summary>One host call the probe made, as it logged it.</summary>
internal sealed record ProbeCall(string Callback, int Index, Hostcall Function, ProxyStatus Status, IReadOnlyDictionary<int, ulong> Slots, bool Unsupported)
{
    public ulong Slot(int slot) => Slots[slot];

    public uint SlotUInt32(int slot) => (uint)Slots[slot];
}
