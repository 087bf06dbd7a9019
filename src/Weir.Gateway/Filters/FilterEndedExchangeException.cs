namespace Weir.Gateway.Filters;

/// <summary>Stops sending a request body upstream because a filter answered or reset the exchange.</summary>
internal sealed class FilterEndedExchangeException : IOException
{
    public FilterEndedExchangeException()
        : base("a filter ended the exchange while the request body was being sent")
    {
    }

    public FilterEndedExchangeException(string message)
        : base(message)
    {
    }

    public FilterEndedExchangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
