using System.Net;

namespace Weir.Oci.Registry;

/// <summary>A registry answered with an error; the message carries the request, status and the registry's error codes.</summary>
public sealed class RegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RegistryException(string message, HttpStatusCode? statusCode = null, IReadOnlyList<string>? errorCodes = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCodes = errorCodes ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public RegistryException()
        : this("The registry request failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public RegistryException(string message)
        : this(message, null, null, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RegistryException(string message, Exception innerException)
        : this(message, null, null, innerException)
    {
    }

    /// <summary>The HTTP status, when the registry answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>errors[].code</c> values of the registry's error body (e.g. <c>MANIFEST_UNKNOWN</c>).</summary>
    public IReadOnlyList<string> ErrorCodes { get; }
}
