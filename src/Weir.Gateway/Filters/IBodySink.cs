namespace Weir.Gateway.Filters;

/// <summary>Where body bytes go once the last filter of a direction let them through.</summary>
internal interface IBodySink
{
    ValueTask WriteAsync(ReadOnlyMemory<byte> data);
}
