using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Aisle.Storage;

/// <summary>
/// Read connections to one database file, reused across calls with the point-read statement kept prepared.
/// WAL mode lets them read while the writer commits.
/// </summary>
internal sealed class SqliteStateReaders(string path) : IDisposable
{
    // Reads run synchronously on the caller's thread, so more than a few per core are never busy at once.
    private readonly int _maxIdle = Math.Max(4, Environment.ProcessorCount * 2);
    private readonly ConcurrentBag<Reader> _idle = [];
    private volatile bool _disposed;

    /// <summary>Takes an idle reader or opens a new one; give it back with <see cref="Return"/>.</summary>
    public Reader Rent() => _idle.TryTake(out var reader) ? reader : new Reader(SqliteStateSchema.Open(path));

    public void Return(Reader reader)
    {
        if (_disposed || _idle.Count >= _maxIdle)
        {
            reader.Dispose();
            return;
        }

        _idle.Add(reader);
        if (_disposed && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    /// <summary>One connection and its prepared point read.</summary>
    internal sealed class Reader : IDisposable
    {
        private readonly SqliteCommand _readOne;
        private readonly SqliteParameter _state;
        private readonly SqliteParameter _type;
        private readonly SqliteParameter _key;

        public Reader(SqliteConnection connection)
        {
            Connection = connection;
            _readOne = connection.CreateCommand();
            _readOne.CommandText = SqliteStateSchema.ReadOne;
            _state = _readOne.Parameters.Add("$state", SqliteType.Text);
            _type = _readOne.Parameters.Add("$type", SqliteType.Text);
            _key = _readOne.Parameters.Add("$key", SqliteType.Text);
        }

        public SqliteConnection Connection { get; }

        /// <summary>Reads one row; <paramref name="payload"/> is null for a missing or cleared state.</summary>
        public bool TryReadOne(string stateName, string grainType, string grainKey, out long version, out byte[]? payload)
        {
            _state.Value = stateName;
            _type.Value = grainType;
            _key.Value = grainKey;
            using var row = _readOne.ExecuteReader();
            if (!row.Read() || row.IsDBNull(1))
            {
                version = 0;
                payload = null;
                return false;
            }

            version = row.GetInt64(0);
            payload = row.GetFieldValue<byte[]>(1);
            return true;
        }

        public void Dispose()
        {
            _readOne.Dispose();
            Connection.Dispose();
        }
    }
}
