using System.CommandLine;
using Weir.Cli.Workflow.Shared;

namespace Weir.Cli.Workflow.Completion;

/// <summary>
/// <c>weir completion bash|zsh|fish|powershell</c>: prints a shell script that completes weir's commands,
/// options and option values by asking weir itself through System.CommandLine's <c>[suggest:POSITION]</c>
/// directive, so completions always match the installed version.
/// </summary>
internal static class CompletionCommand
{
    public static readonly string[] Shells = ["bash", "zsh", "fish", "powershell"];

    private const string Description =
        "Print a shell completion script for weir (commands, options, and values such as --language or deploy targets).\n" +
        "Examples:\n" +
        "  source <(weir completion bash)                     # add to ~/.bashrc\n" +
        "  weir completion zsh > \"${fpath[1]}/_weir\"\n" +
        "  weir completion fish > ~/.config/fish/completions/weir.fish\n" +
        "  weir completion powershell | Out-String | Invoke-Expression\n" +
        "Exit codes: 0 success; 2 unknown shell.";

    public static Command Create()
    {
        var shell = new Argument<string?>("shell") { Description = "bash, zsh, fish or powershell.", Arity = ArgumentArity.ZeroOrOne };
        shell.CompletionSources.Add(Shells);
        var command = new Command("completion", Description) { shell };
        command.SetAction(parseResult => Run(parseResult.GetValue(shell), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string? shell, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var script = shell?.Trim().ToLowerInvariant() switch
        {
            "bash" => Bash,
            "zsh" => Zsh,
            "fish" => Fish,
            "powershell" or "pwsh" => PowerShell,
            _ => null,
        };
        if (script is null)
        {
            error.WriteLine($"weir completion: {(shell is null ? "give the shell" : $"'{shell}' is not a shell weir completes")}: {string.Join(", ", Shells)}");
            return WorkflowExitCodes.Usage;
        }

        output.Write(script.ReplaceLineEndings("\n"));
        return WorkflowExitCodes.Success;
    }

    private const string Bash = """
        # weir completion for bash: source <(weir completion bash)
        _weir_complete() {
          local IFS=$'\n'
          local line="${COMP_LINE:0:${COMP_POINT}}"
          COMPREPLY=($(compgen -W "$(weir "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _weir_complete weir

        """;

    private const string Zsh = """
        #compdef weir
        # weir completion for zsh: weir completion zsh > "${fpath[1]}/_weir"
        _weir() {
          local line="${BUFFER[1,$CURSOR]}"
          local -a candidates
          candidates=("${(@f)$(weir "[suggest:${#line}]" "$line" 2>/dev/null)}")
          compadd -- "${candidates[@]}"
        }
        compdef _weir weir

        """;

    private const string Fish = """
        # weir completion for fish: weir completion fish > ~/.config/fish/completions/weir.fish
        function __weir_complete
            set -l line (commandline -cp)
            weir "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c weir -f -a '(__weir_complete)'

        """;

    private const string PowerShell = """
        # weir completion for PowerShell: weir completion powershell | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName weir -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            if ($line.Length -gt $cursorPosition) { $line = $line.Substring(0, $cursorPosition) }
            weir "[suggest:$($line.Length)]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}
