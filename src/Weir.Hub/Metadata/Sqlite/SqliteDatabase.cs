using System.Collections.Concurrent;

namespace Weir.Hub.Metadata.Sqlite;

/// <summary>
/// A pool of connections to one SQLite file in WAL mode: readers run in parallel on their own
/// connections; writers are serialised by an in-process lock and run in <c>BEGIN IMMEDIATE</c>
/// transactions, so a write never waits on SQLite's busy handler inside this process.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string path;
    private readonly ConcurrentBag<SqliteConnection> idle = [];
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private bool disposed;

    static SqliteDatabase() => SQLitePCL.Batteries_V2.Init();

    public SqliteDatabase(string path)
    {
        this.path = path;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }

    public T Read<T>(Func<SqliteConnection, T> work)
    {
        var connection = Rent();
        try
        {
            return work(connection);
        }
        finally
        {
            Return(connection);
        }
    }

    public async ValueTask<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        var connection = Rent();
        try
        {
            connection.Execute("BEGIN IMMEDIATE");
            T result;
            try
            {
                result = work(connection);
                connection.Execute("COMMIT");
            }
            catch
            {
                connection.Execute("ROLLBACK");
                throw;
            }

            return result;
        }
        finally
        {
            Return(connection);
            writeLock.Release();
        }
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        writeLock.Dispose();
    }

    private SqliteConnection Rent()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return idle.TryTake(out var connection) ? connection : new SqliteConnection(path);
    }

    private void Return(SqliteConnection connection)
    {
        if (disposed)
        {
            connection.Dispose();
            return;
        }

        idle.Add(connection);
    }
}
