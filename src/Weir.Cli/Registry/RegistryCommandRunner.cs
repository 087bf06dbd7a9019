using System.Security.Authentication;
using Weir.Oci.Content;
using Weir.Oci.Modules;
using Weir.Oci.Registry;
using Weir.Oci.Store;

namespace Weir.Cli.Registry;

/// <summary>Runs a registry command body and turns the failures a user can meet into one clear line and an exit code.</summary>
internal static class RegistryCommandRunner
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string command, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CommandLineException exception)
        {
            await Console.Error.WriteLineAsync($"weir {command}: {exception.Message}").ConfigureAwait(false);
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"weir {command}: cancelled").ConfigureAwait(false);
            return Failure;
        }
        catch (Exception exception) when (exception is RegistryException or DigestMismatchException or StoreEntryNotFoundException
            or FormatException or InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException
            or InvalidOperationException or HttpRequestException or AuthenticationException or InvalidWasmModuleException)
        {
            var message = exception switch
            {
                DigestMismatchException => $"{exception.Message} The content was not stored.",
                IOException when exception.InnerException is not null => $"{exception.Message} ({exception.InnerException.Message})",
                _ => exception.Message,
            };
            await Console.Error.WriteLineAsync($"weir {command}: {message}").ConfigureAwait(false);
            return Failure;
        }
    }

    /// <summary>Parses a reference with a message that names the argument.</summary>
    public static Reference ParseReference(string text, string what)
    {
        try
        {
            return Reference.Parse(text);
        }
        catch (FormatException exception)
        {
            throw new CommandLineException($"{what}: {exception.Message}", exception);
        }
    }
}
