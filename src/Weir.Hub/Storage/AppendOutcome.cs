namespace Weir.Hub.Storage;

/// <summary>The result of appending a request body to an upload.</summary>
/// <param name="Received">Bytes read from the body.</param>
/// <param name="Accepted">False when the body was shorter or longer than announced; the upload was then rolled back to its previous length.</param>
/// <param name="Length">The upload's length afterwards.</param>
internal readonly record struct AppendOutcome(long Received, bool Accepted, long Length);
