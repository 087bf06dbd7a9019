namespace Weir.Gateway;

/// <summary>A gateway configuration could not be used; <see cref="Errors"/> lists every problem found.</summary>
public sealed class GatewayConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public GatewayConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for one problem.</summary>
    public GatewayConfigurationException(string message)
        : this([new ConfigurationError("configuration", 0, 0, string.Empty, message)])
    {
    }

    /// <summary>Creates the exception for one problem with its cause.</summary>
    public GatewayConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ConfigurationError("configuration", 0, 0, string.Empty, message)];
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public GatewayConfigurationException()
        : this("the gateway configuration is not valid")
    {
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count switch
        {
            0 => "the gateway configuration is not valid",
            1 => errors[0].ToString(),
            _ => $"{errors.Count} configuration errors:{Environment.NewLine}" + string.Join(Environment.NewLine, errors),
        };
    }
}
