namespace Weir.Hub.Metadata.Sqlite;

/// <summary>An SQLite call failed; the message carries SQLite's own error text and result code.</summary>
internal sealed class SqliteException : Exception
{
    public SqliteException()
    {
    }

    public SqliteException(string message)
        : base(message)
    {
    }

    public SqliteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SqliteException(string message, int resultCode)
        : base(message)
    {
        ResultCode = resultCode;
    }

    public int ResultCode { get; }

    /// <summary>True for a UNIQUE or PRIMARY KEY violation.</summary>
    public bool IsConstraintViolation => (ResultCode & 0xff) == SQLitePCL.raw.SQLITE_CONSTRAINT;
}
