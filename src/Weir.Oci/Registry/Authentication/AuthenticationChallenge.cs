namespace Weir.Oci.Registry.Authentication;

/// <summary>One challenge of a <c>WWW-Authenticate</c> header (RFC 7235/6750): a scheme and its parameters.</summary>
internal sealed class AuthenticationChallenge
{
    private AuthenticationChallenge(string scheme, IReadOnlyDictionary<string, string> parameters)
    {
        Scheme = scheme;
        Parameters = parameters;
    }

    public string Scheme { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    public string? Error => Parameters.GetValueOrDefault("error");

    /// <summary>
    /// Parses every challenge in a header value such as
    /// <c>Bearer realm="https://hub/token",service="hub",scope="repository:a:pull,push"</c>. Quoted values may
    /// contain commas and escaped quotes; several challenges may share one header.
    /// </summary>
    public static IReadOnlyList<AuthenticationChallenge> Parse(string header)
    {
        var challenges = new List<AuthenticationChallenge>();
        var position = 0;
        string? scheme = null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (position < header.Length)
        {
            SkipSeparators(header, ref position);
            if (position >= header.Length)
            {
                break;
            }

            var tokenStart = position;
            while (position < header.Length && header[position] is not (' ' or '=' or ','))
            {
                position++;
            }

            var token = header[tokenStart..position];
            var afterToken = position;
            while (afterToken < header.Length && header[afterToken] == ' ')
            {
                afterToken++;
            }

            if (afterToken < header.Length && header[afterToken] == '=' && scheme is not null)
            {
                position = afterToken + 1;
                while (position < header.Length && header[position] == ' ')
                {
                    position++;
                }

                parameters[token] = ReadValue(header, ref position);
            }
            else if (token.Length > 0)
            {
                if (scheme is not null)
                {
                    challenges.Add(new AuthenticationChallenge(scheme, parameters));
                    parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                }

                scheme = token;
            }
        }

        if (scheme is not null)
        {
            challenges.Add(new AuthenticationChallenge(scheme, parameters));
        }

        return challenges;
    }

    private static void SkipSeparators(string header, ref int position)
    {
        while (position < header.Length && header[position] is ' ' or ',' or '\t')
        {
            position++;
        }
    }

    private static string ReadValue(string header, ref int position)
    {
        if (position < header.Length && header[position] == '"')
        {
            position++;
            var value = new System.Text.StringBuilder();
            while (position < header.Length && header[position] != '"')
            {
                if (header[position] == '\\' && position + 1 < header.Length)
                {
                    position++;
                }

                value.Append(header[position++]);
            }

            position++;
            return value.ToString();
        }

        var start = position;
        while (position < header.Length && header[position] != ',')
        {
            position++;
        }

        return header[start..position].Trim();
    }
}
