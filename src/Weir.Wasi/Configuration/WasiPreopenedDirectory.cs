namespace Weir.Wasi;

/// <summary>A host directory the guest may reach, under the name the guest sees it by.</summary>
/// <param name="HostPath">The directory on the host. It must exist when the program starts.</param>
/// <param name="GuestPath">The name the guest sees (for example <c>/data</c> or <c>.</c>); the host path is never revealed to the guest.</param>
/// <param name="Access">Read-only or read-write.</param>
public sealed record WasiPreopenedDirectory(string HostPath, string GuestPath, WasiDirectoryAccess Access);
