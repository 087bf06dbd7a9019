using System.CommandLine;
using Weir.Oci.Store;

namespace Weir.Cli.Registry;

/// <summary><c>weir tag SRC DST</c>: a second name for a module in the local store.</summary>
internal static class TagCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "A reference in the local store." };
        var target = new Argument<string>("target") { Description = "The new reference, e.g. hub.example/team/filter:v2." };
        var command = new Command("tag", "Give a module in the local store another reference (nothing is copied; push it to publish).") { source, target };
        command.SetAction((parseResult, cancellationToken) => RegistryCommandRunner.RunAsync("tag", () =>
        {
            var from = RegistryCommandRunner.ParseReference(parseResult.GetValue(source)!, "source");
            var to = RegistryCommandRunner.ParseReference(parseResult.GetValue(target)!, "target");
            var entry = LocalStore.OpenDefault().Tag(from, to);
            Console.Out.WriteLine($"Tagged {from} as {to} ({entry.Manifest.Digest})");
            return Task.FromResult(RegistryCommandRunner.Success);
        }));
        return command;
    }
}
