namespace Weir.Wasi.FileSystem;

/// <summary>See <see cref="TimestampUpdate"/>.</summary>
internal enum TimestampUpdateKind
{
    Omit,
    Now,
    Value,
}
