namespace Weir.Hub.Storage;

/// <summary>What one garbage collection did.</summary>
internal sealed record GarbageCollectionReport(int BlobsScanned, int BlobsDeleted, long BytesFreed, int UploadsExpired, TimeSpan Duration);
