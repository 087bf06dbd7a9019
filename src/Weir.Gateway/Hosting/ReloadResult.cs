namespace Weir.Gateway;

/// <summary>The outcome of a configuration reload.</summary>
/// <param name="Succeeded">Whether the new configuration is now active (or was unchanged).</param>
/// <param name="Version">The active configuration version afterwards.</param>
/// <param name="Changed">Whether a new version was activated (false when the text was identical or the reload failed).</param>
/// <param name="Errors">Why the reload failed; the previous version stays active.</param>
public sealed record ReloadResult(bool Succeeded, long Version, bool Changed, IReadOnlyList<ConfigurationError> Errors);
