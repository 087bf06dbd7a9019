namespace Weir.Gateway;

/// <summary>A filter of a <see cref="SingleUpstreamOptions"/> gateway.</summary>
/// <param name="Module">A <c>.wasm</c> file or an <c>oci://</c> reference.</param>
/// <param name="Configuration">The plugin configuration text (often JSON), or null for none.</param>
/// <param name="RootId">The root id, or null for the module's default.</param>
public sealed record SingleUpstreamFilter(string Module, string? Configuration = null, string? RootId = null);
