namespace Weir.ProxyWasm;

/// <summary>A module cannot run as a proxy-wasm filter: it is not valid WebAssembly, declares no known ABI version, or exports a callback with the wrong type.</summary>
public sealed class ProxyWasmModuleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProxyWasmModuleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ProxyWasmModuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProxyWasmModuleException()
        : this("not a proxy-wasm module")
    {
    }
}
