using System.Text;

namespace Weir.Hub.Auth;

/// <summary>Decodes <c>Basic base64(user:secret)</c>.</summary>
internal static class BasicCredentials
{
    public static bool TryParse(string? parameter, out string user, out string secret)
    {
        user = string.Empty;
        secret = string.Empty;
        if (string.IsNullOrWhiteSpace(parameter))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter.Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        user = decoded[..colon];
        secret = decoded[(colon + 1)..];
        return true;
    }
}
