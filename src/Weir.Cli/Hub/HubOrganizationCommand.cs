using System.CommandLine;

namespace Weir.Cli.Hub;

/// <summary><c>weir hub org create|add-member</c>: organisations own the repositories under their name.</summary>
internal static class HubOrganizationCommand
{
    public static Command Create()
    {
        var command = new Command("org", "Manage organisations (namespaces shared by their members).");
        command.Subcommands.Add(CreateOrganization());
        command.Subcommands.Add(AddMember());
        return command;
    }

    private static Command CreateOrganization()
    {
        var storage = new HubStorageOptions();
        var name = new Argument<string>("name") { Description = "The organisation name (the first component of its repositories' names)." };
        var owner = new Option<string>("--owner") { Description = "The first member; created if it does not exist.", Required = true };
        var command = new Command("create", "Create an organisation.") { name };
        storage.AddTo(command);
        command.Options.Add(owner);
        command.SetAction((parseResult, cancellationToken) => HubAdministrationRunner.RunAsync(storage.Read(parseResult), "org create", async administration =>
        {
            var organization = await administration.CreateOrganizationAsync(parseResult.GetValue(name)!, parseResult.GetValue(owner)!, cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine($"Created organisation '{organization.Name}' owned by {parseResult.GetValue(owner)}.");
        }, cancellationToken));
        return command;
    }

    private static Command AddMember()
    {
        var storage = new HubStorageOptions();
        var name = new Argument<string>("name") { Description = "The organisation." };
        var user = new Option<string>("--user") { Description = "The user to add; created if it does not exist.", Required = true };
        var command = new Command("add-member", "Add a user to an organisation.") { name };
        storage.AddTo(command);
        command.Options.Add(user);
        command.SetAction((parseResult, cancellationToken) => HubAdministrationRunner.RunAsync(storage.Read(parseResult), "org add-member", async administration =>
        {
            await administration.AddMemberAsync(parseResult.GetValue(name)!, parseResult.GetValue(user)!, cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine($"Added {parseResult.GetValue(user)} to '{parseResult.GetValue(name)}'.");
        }, cancellationToken));
        return command;
    }
}
