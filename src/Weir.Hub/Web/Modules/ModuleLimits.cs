namespace Weir.Hub.Web.Modules;

/// <summary>
/// A memory (limits in 64 KiB pages) or table (limits in elements). <paramref name="Origin"/> says whether
/// the module defines it or imports it (and from where); <paramref name="Detail"/> is a table's element type.
/// </summary>
internal sealed record ModuleLimits(int Index, string Origin, ulong Minimum, ulong? Maximum, string? Detail);
