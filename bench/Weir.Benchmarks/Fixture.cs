namespace Weir.Benchmarks;

internal static class Fixture
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".wasm"));

    public static IEnumerable<byte[]> Programs() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Programs"), "*.wasm").Order().Select(File.ReadAllBytes);
}
