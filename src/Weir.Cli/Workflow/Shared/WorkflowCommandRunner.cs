using System.Security.Authentication;
using Weir.Cli.Registry;
using Weir.Oci.Content;
using Weir.Oci.Modules;
using Weir.Oci.Registry;
using Weir.Oci.Store;

namespace Weir.Cli.Workflow.Shared;

/// <summary>Runs a workflow command body and turns the failures a user can meet into one line on standard error and an exit code.</summary>
internal static class WorkflowCommandRunner
{
    public static async Task<int> RunAsync(string command, TextWriter error, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (WorkflowException exception)
        {
            await error.WriteLineAsync($"weir {command}: {exception.Message}").ConfigureAwait(false);
            return exception.ExitCode;
        }
        catch (CommandLineException exception)
        {
            await error.WriteLineAsync($"weir {command}: {exception.Message}").ConfigureAwait(false);
            return WorkflowExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync($"weir {command}: cancelled").ConfigureAwait(false);
            return WorkflowExitCodes.Failure;
        }
        catch (Exception exception) when (exception is RegistryException or DigestMismatchException or StoreEntryNotFoundException
            or FormatException or InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException
            or HttpRequestException or AuthenticationException or InvalidWasmModuleException)
        {
            var message = exception is IOException && exception.InnerException is not null
                ? $"{exception.Message} ({exception.InnerException.Message})"
                : exception.Message;
            await error.WriteLineAsync($"weir {command}: {message}").ConfigureAwait(false);
            return WorkflowExitCodes.Failure;
        }
    }
}
