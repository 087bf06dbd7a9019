using System.Collections.Immutable;

namespace Weir.Cli.SpecTests;

/// <summary>A wast2json script: its commands, and the host objects its <c>ref.extern</c> values stand for.</summary>
/// <param name="Name">The script's name (its file name without <c>.json</c>).</param>
/// <param name="Directory">Where the module files it names are.</param>
/// <param name="Commands">The commands in order.</param>
/// <param name="References">The host objects of the script's <c>ref.extern N</c> values.</param>
internal sealed record SpecScript(string Name, string Directory, ImmutableArray<SpecCommand> Commands, HostReferenceTable References);
