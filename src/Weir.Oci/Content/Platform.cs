namespace Weir.Oci.Content;

/// <summary>The platform of an image-index entry.</summary>
/// <param name="Architecture">The CPU architecture (<c>wasm</c> for Wasm artifacts).</param>
/// <param name="OperatingSystem">The operating system (<c>wasip1</c>, <c>wasip2</c>, <c>linux</c>, …).</param>
public sealed record Platform(string Architecture, string OperatingSystem);
