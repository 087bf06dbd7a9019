using Weir.ProxyWasm;

namespace Weir.Gateway.Filters;

/// <summary>A filter's module, compiled, with the digest of its bytes.</summary>
internal sealed record ResolvedModule(ProxyWasmModule Module, string Digest);
