using SQLitePCL;

namespace Weir.Hub.Metadata.Sqlite;

/// <summary>One SQLite connection with a cache of prepared statements; used by one thread at a time.</summary>
internal sealed class SqliteConnection : IDisposable
{
    private readonly sqlite3 database;
    private readonly Dictionary<string, SqliteStatement> statements = new(StringComparer.Ordinal);

    public SqliteConnection(string path)
    {
        var flags = raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE | raw.SQLITE_OPEN_NOMUTEX;
        var result = raw.sqlite3_open_v2(path, out database, flags, null);
        if (result != raw.SQLITE_OK)
        {
            var message = database is null ? "out of memory" : raw.sqlite3_errmsg(database).utf8_to_string();
            database?.Dispose();
            throw new SqliteException($"SQLite could not open '{path}': {message}", result);
        }

        // Writers are serialised in-process; the timeout covers other processes (the CLI creating tokens).
        raw.sqlite3_busy_timeout(database, 10_000);
        Execute("PRAGMA journal_mode = WAL");
        Execute("PRAGMA synchronous = NORMAL");
        Execute("PRAGMA foreign_keys = ON");
    }

    /// <summary>Returns the cached prepared statement for <paramref name="sql"/>, reset and ready to bind.</summary>
    public SqliteStatement Prepare(string sql)
    {
        if (!statements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteStatement(database, sql);
            statements[sql] = statement;
        }

        return statement;
    }

    /// <summary>Runs one or more statements without parameters or results (schema scripts, pragmas, BEGIN/COMMIT).</summary>
    public void Execute(string sql)
    {
        var result = raw.sqlite3_exec(database, sql, null, null, out var error);
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite failed: {error ?? raw.sqlite3_errmsg(database).utf8_to_string()}", result);
        }
    }

    /// <summary>Runs <paramref name="sql"/> and maps every row.</summary>
    public List<T> Query<T>(string sql, Action<SqliteStatement> bind, Func<SqliteStatement, T> map)
    {
        var statement = Prepare(sql);
        try
        {
            bind(statement);
            var rows = new List<T>();
            while (statement.Step())
            {
                rows.Add(map(statement));
            }

            return rows;
        }
        finally
        {
            statement.Reset();
        }
    }

    /// <summary>Runs <paramref name="sql"/> and maps the first row, or returns <paramref name="absent"/> when there is none.</summary>
    public T QueryFirst<T>(string sql, Action<SqliteStatement> bind, Func<SqliteStatement, T> map, T absent)
    {
        var statement = Prepare(sql);
        try
        {
            bind(statement);
            return statement.Step() ? map(statement) : absent;
        }
        finally
        {
            statement.Reset();
        }
    }

    /// <summary>Runs a statement without results; returns the number of rows changed.</summary>
    public int Execute(string sql, Action<SqliteStatement> bind)
    {
        var statement = Prepare(sql);
        try
        {
            bind(statement);
        }
        catch
        {
            statement.Reset();
            throw;
        }

        return statement.Execute();
    }

    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(database);

    public void Dispose()
    {
        foreach (var statement in statements.Values)
        {
            statement.Dispose();
        }

        statements.Clear();
        database.Dispose();
    }
}
