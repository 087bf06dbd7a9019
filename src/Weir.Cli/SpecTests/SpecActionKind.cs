namespace Weir.Cli.SpecTests;

/// <summary>What an action does: call an exported function or read an exported global.</summary>
internal enum SpecActionKind
{
    Invoke,
    Get,
}
