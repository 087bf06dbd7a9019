namespace Weir.Wasm.Tests.Runtime;

/// <summary>Loads the committed .wasm fixtures (built from the .wat beside them by Fixtures/build.sh).</summary>
internal static class Fixtures
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".wasm"));

    public static (Instance Instance, Store Store) Instantiate(string name, Engine? engine = null, StoreLimits? limits = null, Action<Linker>? define = null)
    {
        engine ??= new Engine();
        var module = Module.FromBytes(engine, Read(name), name);
        var linker = new Linker(engine);
        define?.Invoke(linker);
        var store = new Store(engine, limits);
        return (linker.Instantiate(store, module), store);
    }
}
