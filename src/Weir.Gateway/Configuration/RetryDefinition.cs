namespace Weir.Gateway.Configuration;

/// <summary>How a route retries: only attempts whose request body was not sent yet can be retried.</summary>
/// <param name="Attempts">Retries after the first attempt.</param>
/// <param name="On">Which failures are retried.</param>
/// <param name="PerTryTimeout">How long each attempt has for its response headers, or null to share the route's timeout.</param>
internal sealed record RetryDefinition(int Attempts, RetryConditions On, TimeSpan? PerTryTimeout);
