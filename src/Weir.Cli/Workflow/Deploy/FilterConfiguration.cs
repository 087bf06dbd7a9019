using System.Text.Json;
using System.Text.Json.Nodes;
using Weir.Cli.Workflow.Shared;

namespace Weir.Cli.Workflow.Deploy;

/// <summary>The plugin configuration given with <c>--config</c>: the exact text the filter receives, and its JSON form when it is JSON.</summary>
/// <param name="Text">The text as given (read from the file for <c>@FILE</c>), trimmed.</param>
/// <param name="Json">The parsed JSON, or null when the text is not JSON.</param>
internal sealed record FilterConfiguration(string Text, JsonNode? Json)
{
    /// <summary>Reads <c>--config TEXT</c> or <c>--config-file FILE</c> (not both); null when neither is given or the text is empty.</summary>
    /// <exception cref="WorkflowException">Both were given, or the file cannot be read (usage error).</exception>
    public static FilterConfiguration? Read(string? option, string? file)
    {
        if (option is not null && file is not null)
        {
            throw WorkflowException.Usage("give --config or --config-file, not both");
        }

        var text = option;
        if (file is not null)
        {
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw WorkflowException.Usage($"--config-file: cannot read '{file}': {exception.Message}");
            }
        }

        if (text is null)
        {
            return null;
        }

        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            json = null;
        }

        return new FilterConfiguration(text, json);
    }
}
