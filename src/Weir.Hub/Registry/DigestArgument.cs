using Weir.Oci.Content;

namespace Weir.Hub.Registry;

/// <summary>Parses digests from paths and query strings into DIGEST_INVALID errors that say what is wrong.</summary>
internal static class DigestArgument
{
    public static Digest Parse(string? text, string what)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw RegistryException.DigestInvalid($"{what} is missing", new { expected = "sha256:<64 lowercase hex characters>" });
        }

        try
        {
            return Digest.Parse(text);
        }
        catch (FormatException exception)
        {
            throw RegistryException.DigestInvalid(exception.Message, new { digest = text });
        }
    }
}
