namespace Weir.Wasi;

internal sealed class SeededWasiRandom : WasiRandom
{
    private readonly Lock _lock = new();
#pragma warning disable CA5394 // Deliberately predictable: this source exists for reproducible tests only.
    private readonly Random _random;

    public SeededWasiRandom(int seed)
    {
        _random = new Random(seed);
    }

    public override void Fill(Span<byte> destination)
    {
        lock (_lock)
        {
            _random.NextBytes(destination);
        }
    }
#pragma warning restore CA5394
}
