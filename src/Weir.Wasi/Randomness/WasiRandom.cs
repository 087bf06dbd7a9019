namespace Weir.Wasi;

/// <summary>The source of random_get's bytes.</summary>
public abstract class WasiRandom
{
    /// <summary>A cryptographically secure source (<see cref="System.Security.Cryptography.RandomNumberGenerator"/>); the default.</summary>
    public static WasiRandom Secure { get; } = new SecureWasiRandom();

    /// <summary>
    /// A reproducible, NOT secure source for tests: the same seed gives the same bytes. Never use it
    /// for programs that need unpredictable randomness.
    /// </summary>
    public static WasiRandom Seeded(int seed) => new SeededWasiRandom(seed);

    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    public abstract void Fill(Span<byte> destination);
}
