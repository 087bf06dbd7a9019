using SQLitePCL;

namespace Weir.Hub.Metadata.Sqlite;

/// <summary>A prepared statement with named parameters (<c>$name</c>), reused across calls on its connection.</summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;

    public SqliteStatement(sqlite3 database, string sql)
    {
        this.database = database;
        var result = raw.sqlite3_prepare_v2(database, sql, out statement);
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite could not prepare a statement: {raw.sqlite3_errmsg(database).utf8_to_string()} ({sql})", result);
        }
    }

    public SqliteStatement Bind(string name, long value)
    {
        Check(raw.sqlite3_bind_int64(statement, IndexOf(name), value));
        return this;
    }

    public SqliteStatement Bind(string name, long? value) => value is { } present ? Bind(name, present) : BindNull(name);

    public SqliteStatement Bind(string name, bool value) => Bind(name, value ? 1L : 0L);

    public SqliteStatement Bind(string name, string? value)
    {
        if (value is null)
        {
            return BindNull(name);
        }

        Check(raw.sqlite3_bind_text(statement, IndexOf(name), value));
        return this;
    }

    public SqliteStatement Bind(string name, byte[] value)
    {
        Check(raw.sqlite3_bind_blob(statement, IndexOf(name), value));
        return this;
    }

    public SqliteStatement BindNull(string name)
    {
        Check(raw.sqlite3_bind_null(statement, IndexOf(name)));
        return this;
    }

    /// <summary>Advances to the next row; false when the statement is done.</summary>
    public bool Step()
    {
        var result = raw.sqlite3_step(statement);
        return result switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw new SqliteException($"SQLite statement failed: {raw.sqlite3_errmsg(database).utf8_to_string()}", raw.sqlite3_extended_errcode(database)),
        };
    }

    /// <summary>Runs a statement that returns no rows; returns the number of rows changed.</summary>
    public int Execute()
    {
        try
        {
            while (Step())
            {
            }

            return raw.sqlite3_changes(database);
        }
        finally
        {
            Reset();
        }
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public long GetInt64(int column) => raw.sqlite3_column_int64(statement, column);

    public long? GetNullableInt64(int column) => IsNull(column) ? null : GetInt64(column);

    public string GetText(int column) => raw.sqlite3_column_text(statement, column).utf8_to_string() ?? string.Empty;

    public string? GetNullableText(int column) => IsNull(column) ? null : GetText(column);

    public byte[] GetBlob(int column) => raw.sqlite3_column_blob(statement, column).ToArray();

    /// <summary>Clears bindings and rewinds, ready for the next use.</summary>
    public void Reset()
    {
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
    }

    public void Dispose() => statement.Dispose();

    private int IndexOf(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, name);
        return index > 0 ? index : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite could not bind a parameter: {raw.sqlite3_errmsg(database).utf8_to_string()}", result);
        }
    }
}
