using System.Security.Cryptography;

namespace Weir.Wasi;

internal sealed class SecureWasiRandom : WasiRandom
{
    public override void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
