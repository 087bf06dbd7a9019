namespace Weir.Cli.SpecTests;

/// <summary>The commands of a wast2json script.</summary>
internal enum SpecCommandKind
{
    /// <summary>A command the runner could not read; running it reports why.</summary>
    Unreadable,
    Module,
    Register,
    Action,
    AssertReturn,
    AssertTrap,
    AssertExhaustion,
    AssertInvalid,
    AssertMalformed,
    AssertUnlinkable,
    AssertUninstantiable,
}
