using System.Net;

namespace Weir.Hub.Registry;

/// <summary>
/// A request the registry refuses with one of the spec's error codes. Handlers throw it; the
/// dispatcher turns it into <c>{"errors":[{"code","message","detail"}]}</c> with the given status.
/// </summary>
internal sealed class RegistryException : Exception
{
    public RegistryException(HttpStatusCode status, string code, string message, object? detail = null)
        : base(message)
    {
        Status = status;
        Code = code;
        Detail = detail;
    }

    public RegistryException()
        : this(HttpStatusCode.InternalServerError, RegistryErrorCode.Unknown, "unknown error")
    {
    }

    public RegistryException(string message)
        : this(HttpStatusCode.InternalServerError, RegistryErrorCode.Unknown, message)
    {
    }

    public RegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = HttpStatusCode.InternalServerError;
        Code = RegistryErrorCode.Unknown;
    }

    public HttpStatusCode Status { get; }

    public string Code { get; }

    public object? Detail { get; }

    /// <summary>Extra response headers (e.g. <c>Range</c> on a 416 so the client can resume).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public static RegistryException NameInvalid(string name, string reason) =>
        new(HttpStatusCode.BadRequest, RegistryErrorCode.NameInvalid, "invalid repository name", new { name, reason });

    public static RegistryException NameUnknown(string name) =>
        new(HttpStatusCode.NotFound, RegistryErrorCode.NameUnknown, "repository name not known to registry", new { name });

    public static RegistryException BlobUnknown(string digest) =>
        new(HttpStatusCode.NotFound, RegistryErrorCode.BlobUnknown, "blob unknown to registry", new { digest });

    public static RegistryException ManifestUnknown(string reference) =>
        new(HttpStatusCode.NotFound, RegistryErrorCode.ManifestUnknown, "manifest unknown", new { reference });

    public static RegistryException UploadUnknown(string id) =>
        new(HttpStatusCode.NotFound, RegistryErrorCode.BlobUploadUnknown, "blob upload unknown to registry", new { id });

    public static RegistryException DigestInvalid(string message, object? detail = null) =>
        new(HttpStatusCode.BadRequest, RegistryErrorCode.DigestInvalid, message, detail);

    public static RegistryException SizeInvalid(string message, object? detail = null) =>
        new(HttpStatusCode.BadRequest, RegistryErrorCode.SizeInvalid, message, detail);

    public static RegistryException ManifestInvalid(string message, object? detail = null) =>
        new(HttpStatusCode.BadRequest, RegistryErrorCode.ManifestInvalid, message, detail);

    public static RegistryException Unsupported(string message) =>
        new(HttpStatusCode.MethodNotAllowed, RegistryErrorCode.Unsupported, message);

    public static RegistryException TooManyRequests(int retryAfterSeconds) =>
        new(HttpStatusCode.TooManyRequests, RegistryErrorCode.TooManyRequests, "too many refused credentials from this address; try again later", new { retryAfterSeconds })
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

    public static RegistryException PaginationInvalid(string message) =>
        new(HttpStatusCode.BadRequest, RegistryErrorCode.PaginationNumberInvalid, message);
}
