namespace Weir.Wasi.FileSystem;

/// <summary>How a set_times call changes one timestamp: leave it, set it to now, or set it to a value (ns since the Unix epoch).</summary>
internal readonly record struct TimestampUpdate(TimestampUpdateKind Kind, ulong Nanoseconds)
{
    public static TimestampUpdate Omit => new(TimestampUpdateKind.Omit, 0);

    public static TimestampUpdate Now => new(TimestampUpdateKind.Now, 0);

    public static TimestampUpdate At(ulong nanoseconds) => new(TimestampUpdateKind.Value, nanoseconds);
}
