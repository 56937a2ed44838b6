using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Npgsql;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store.Backends;

namespace SocialToolkit.Data.Store
{
    /// <summary>
    /// The store: one SQLite file, or one PostgreSQL database shared by an organisation (<see cref="StoreLocation"/>), holding people, training records, daily activity per network and what was
    /// synced when. Every write is one transaction per unit of work (a file, a report day), so a process killed
    /// halfway leaves either all of that unit or none of it.
    /// </summary>
    public sealed partial class SocialStore : IDisposable
    {
        internal const string DateFormat = "yyyy-MM-dd";

        private DbTransaction? snapshot;

        private IDisposable? ledgerLock;

        private SocialStore(StoreLocation location, DbConnection connection, StoreBackend backend)
        {
            Location = location;
            Connection = connection;
            Backend = backend;
        }

        /// <summary>Where the store lives.</summary>
        public StoreLocation Location { get; }

        /// <summary>The file's full path, or the server store's address without secrets: what messages show.</summary>
        public string Path => Location.Display;

        /// <summary>True for a PostgreSQL store, false for a file.</summary>
        public bool IsServer => Location.IsServer;

        /// <summary>"SQLite" or "PostgreSQL".</summary>
        public string BackendName => Backend.Kind;

        /// <summary>The open connection, for engine classes that add their own queries (reports, imports).</summary>
        public DbConnection Connection { get; }

        internal StoreBackend Backend { get; }

        /// <summary>The schema version this build writes.</summary>
        public static int CurrentSchemaVersion => StoreSchema.Migrations.Length;

        /// <summary>
        /// The failure for a store that is not there, shared by the engines and the cmdlets' path checks. Only the
        /// commands it names create a store; the imports add to an existing one.
        /// </summary>
        public static SocialToolkitException NotFound(string fullPath) =>
            new SocialToolkitException("StoreNotFound", FailureKind.NotFound, $"No store at {fullPath}. Create it with Sync-SocialData (from Microsoft Graph) or New-SocialSampleStore (a sample organisation), or give the -StorePath of an existing store.", fullPath);

        /// <summary>
        /// Opens the store at <paramref name="location"/>. A file is created (owner-only on Unix) when allowed and
        /// brought to the current schema; a server store must have been set up by Initialize-SocialStore.
        /// </summary>
        public static SocialStore Open(StoreLocation location, bool createIfMissing = true) =>
            location.IsServer ? OpenServer(location, initialize: false) : OpenFile(location.FilePath!, createIfMissing);

        /// <summary>
        /// Creates the store's schema, or brings it to this version, and on a server creates the three roles and
        /// grants them their rights (<see cref="StoreRoles"/>). Run once by the database's owner, and after an update.
        /// </summary>
        public static SocialStore Initialize(StoreLocation location) =>
            location.IsServer ? OpenServer(location, initialize: true) : OpenFile(location.FilePath!, createIfMissing: true);

        private static SocialStore OpenFile(string fullPath, bool createIfMissing)
        {
            var exists = File.Exists(fullPath);
            if (!exists && !createIfMissing)
            {
                throw NotFound(fullPath);
            }

            if (!exists)
            {
                var directory = System.IO.Path.GetDirectoryName(fullPath);
                if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
                {
                    Directory.CreateDirectory(directory);
                    UnixPermissions.RestrictToOwner(directory!, isDirectory: true);
                }

                // Create the empty file first so its mode is owner-only before any data lands in it;
                // SQLite gives the -wal and -shm files the same mode as the database file.
                using (File.Create(fullPath))
                {
                }

                UnixPermissions.RestrictToOwner(fullPath, isDirectory: false);
            }

            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = fullPath,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString());
            try
            {
                connection.Open();
                var store = new SocialStore(StoreLocation.File(fullPath), connection, SqliteBackend.Instance);
                store.Backend.RefuseForeignDatabase(store);
                store.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;");
                store.Migrate();
                return store;
            }
            catch (DbException e)
            {
                connection.Dispose();
                throw Failure(e, fullPath, "opening");
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        private static SocialStore OpenServer(StoreLocation location, bool initialize)
        {
            DbConnection? connection = null;
            try
            {
                connection = PostgresBackend.Connect(location);
                var store = new SocialStore(location, connection, PostgresBackend.Instance);
                store.Backend.RefuseForeignDatabase(store);
                if (initialize)
                {
                    store.Migrate();
                    store.Execute(StoreRoles.Grants);
                    // Readers may link pseudonyms across their workbooks (-LinkPseudonyms) but may not write the
                    // store's settings: the key exists before anyone reads.
                    store.GetOrCreatePseudonymKey();
                }
                else
                {
                    store.RequireCurrentSchema(forWriting: true);
                }

                return store;
            }
            catch (DbException e)
            {
                connection?.Dispose();
                throw Failure(e, location.Display, initialize ? "initialising" : "opening");
            }
            catch
            {
                connection?.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Opens an existing store for reading only: nothing is created or migrated, and it works on a read-only file
        /// or mount (where SQLite cannot create its -shm file, the file is read as immutable).
        /// </summary>
        public static SocialStore OpenReadOnly(StoreLocation location) => OpenReadOnly(location, allowOlderSchema: false);

        /// <summary>
        /// As <see cref="OpenReadOnly(StoreLocation)"/>; with <paramref name="allowOlderSchema"/> a store written by an older
        /// version is accepted too, for readers that only use what every version has (counts, coverage, metadata).
        /// </summary>
        public static SocialStore OpenReadOnly(StoreLocation location, bool allowOlderSchema)
        {
            if (location.IsServer)
            {
                DbConnection? connection = null;
                try
                {
                    connection = PostgresBackend.Connect(location);
                    var store = new SocialStore(location, connection, PostgresBackend.Instance);
                    store.Backend.RefuseForeignDatabase(store);
                    store.RequireCurrentSchema(forWriting: false, allowOlderSchema);
                    return store;
                }
                catch (DbException e)
                {
                    connection?.Dispose();
                    throw Failure(e, location.Display, "reading");
                }
                catch
                {
                    connection?.Dispose();
                    throw;
                }
            }

            var fullPath = location.FilePath!;
            if (!File.Exists(fullPath))
            {
                throw new SocialToolkitException("StoreNotFound", FailureKind.NotFound, $"No store at {fullPath}. Create one with Sync-SocialData, Import-Social* or New-SocialSampleStore, or give -StorePath.", fullPath);
            }

            try
            {
                return OpenFileReadOnly(fullPath, new SqliteConnectionStringBuilder { DataSource = fullPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString(), allowOlderSchema);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 14 || e.SqliteErrorCode == 8 || e.SqliteErrorCode == 10)
            {
                // A read-only mount: no -shm can be made next to the file. Nothing else writes there, so read it as immutable.
                var uri = new Uri(fullPath).AbsoluteUri + "?immutable=1";
                try
                {
                    return OpenFileReadOnly(fullPath, new SqliteConnectionStringBuilder { DataSource = uri, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString(), allowOlderSchema);
                }
                catch (SqliteException again)
                {
                    throw Failure(again, fullPath, "reading");
                }
            }
            catch (SqliteException e)
            {
                throw Failure(e, fullPath, "reading");
            }
        }

        private static SocialStore OpenFileReadOnly(string fullPath, string connectionString, bool allowOlderSchema)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                var store = new SocialStore(StoreLocation.File(fullPath), connection, SqliteBackend.Instance);
                store.Backend.RefuseForeignDatabase(store);
                store.RequireCurrentSchema(forWriting: false, allowOlderSchema);
                return store;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>Refuses a store that is empty, newer than this module or (unless allowed) older: nothing here upgrades it.</summary>
        private void RequireCurrentSchema(bool forWriting, bool allowOlderSchema = false)
        {
            var version = SchemaVersion;
            if (version == 0)
            {
                throw IsServer
                    ? new SocialToolkitException("StoreNotInitialized", FailureKind.NotFound, $"{Path} holds no store yet. The database's owner creates it once with Initialize-SocialStore -StoreConnection '{Path}', which also creates the roles to grant (about_SocialToolkit).", Path)
                    : new SocialToolkitException("StoreNotFound", FailureKind.NotFound, $"{Path} is empty: there is no store there yet. Create one with Sync-SocialData, Import-SocialStaff or New-SocialSampleStore.", Path);
            }

            if (version > Backend.Migrations.Length)
            {
                throw new SocialToolkitException("StoreTooNew", FailureKind.InvalidOperation, $"{Path} was written by a newer SocialToolkit (schema {version}; this version knows {Backend.Migrations.Length}). Update the module.", Path);
            }

            if (version < Backend.Migrations.Length && !allowOlderSchema)
            {
                throw new SocialToolkitException("StoreNeedsUpgrade", FailureKind.InvalidOperation, IsServer
                    ? $"{Path} was set up by an older SocialToolkit (schema {version} of {Backend.Migrations.Length}). The database's owner upgrades it with Initialize-SocialStore -StoreConnection '{Path}'."
                    : forWriting
                        ? $"{Path} was written by an older SocialToolkit (schema {version} of {Backend.Migrations.Length})."
                        : $"{Path} was written by an older SocialToolkit (schema {version} of {Backend.Migrations.Length}); a command that only reads does not upgrade it. Run a command that writes to it (a sync or an import) once, where the file is writable.", Path);
            }
        }

        /// <summary>The stable id of what the database said: a full disk, a read-only file, a refused role...</summary>
        public static SocialToolkitException Failure(DbException e, string path, string doing) => e switch
        {
            NpgsqlException postgres => PostgresBackend.Failure(postgres, path, doing),
            SqliteException sqlite => SqliteBackend.Failure(sqlite, path, doing),
            _ => new SocialToolkitException("StoreUnreadable", FailureKind.InvalidData, $"{path}: the database refused it while {doing} the store ({e.Message}).", path, e),
        };

        /// <summary>
        /// Runs a command's work on the store at <paramref name="path"/>, so that what the database says while reading
        /// it (a damaged page, a full disk, a lock, a refused role) reaches the user with the store's own error id
        /// rather than as an unexpected failure.
        /// </summary>
        public static T Guard<T>(string path, string doing, Func<T> work)
        {
            try
            {
                return work();
            }
            catch (DbException e)
            {
                throw Failure(e, path, doing);
            }
        }

        /// <summary>The schema version of this store.</summary>
        public int SchemaVersion => Backend.ReadSchemaVersion(this);

        private void Migrate()
        {
            if (IsServer)
            {
                Execute(PostgresSchema.Bootstrap);
            }

            var version = SchemaVersion;
            if (version > Backend.Migrations.Length)
            {
                throw new SocialToolkitException("StoreTooNew", FailureKind.InvalidOperation, $"{Path} was written by a newer SocialToolkit (schema {version}; this version knows {Backend.Migrations.Length}). Update the module.", Path);
            }

            for (var step = version; step < Backend.Migrations.Length; step++)
            {
                using var transaction = Connection.BeginTransaction();
                Backend.BeginMigration(this, transaction);
                if (IsServer && SchemaVersion > step)
                {
                    // Another session applied it while this one waited.
                    transaction.Commit();
                    continue;
                }

                Execute(Backend.Migrations[step], transaction);
                Backend.WriteSchemaVersion(this, transaction, step + 1);
                transaction.Commit();
            }

            if (version == 0)
            {
                SetMetadata("created_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            }
        }

        /// <summary>Holds the sync's lock on this store until disposed: a second sync stops instead of fetching the same days.</summary>
        public IDisposable LockForSync() => Backend.LockForSync(this);

        /// <summary>Settings for reading most of the activity table (reports).</summary>
        public void PrepareForScan() => Backend.PrepareForScan(this);

        /// <summary>An SQL expression: the days since 1970-01-01 of a yyyy-MM-dd column.</summary>
        internal string DayNumber(string column) => Backend.DayNumber(column);

        /// <summary>Inside a read snapshot, stores of at least this many people are read in two halves at once (two cores or more).</summary>
        public const int ParallelReadPeople = 20_000;

        /// <summary>
        /// Inside a read snapshot of a large store file, a second connection reading the very same state of the store, so
        /// that a report can read two halves of a table at once; null otherwise (a small store, one core, or a server
        /// store, whose snapshot belongs to one session and which reads large tables with its own parallel workers).
        /// </summary>
        public SocialStore? ParallelReader { get; private set; }

        /// <summary>
        /// From here until the returned object is disposed, every read (here and on <see cref="ParallelReader"/>) sees the
        /// store as it stood now, while syncs and imports go on writing; and no other report decides what to publish
        /// meanwhile (the release ledger's lock, taken first, so this snapshot holds every earlier report's entries).
        /// <see cref="InTransaction{T}"/> writes join the snapshot on a server and commit with it; on a file they end the
        /// snapshot's reads and commit on their own (the ledger's lock is still held), so a report records what it
        /// published after its last read.
        /// </summary>
        public IDisposable ReadSnapshot()
        {
            if (ledgerLock != null)
            {
                // Asked for inside another snapshot: the outer one ends it.
                return Release.Nothing;
            }

            ledgerLock = Backend.LockLedger(this);
            try
            {
                var inHalves = Environment.ProcessorCount >= 2 && PersonIdRange().Count >= ParallelReadPeople;
                using var heldCommits = inHalves ? Backend.HoldCommits(this) : null;
                snapshot = Backend.BeginSnapshot(this);
                if (heldCommits != null)
                {
                    ParallelReader = Open(Location, createIfMissing: false);
                    ParallelReader.PrepareForScan();
                    ParallelReader.snapshot = Backend.BeginSnapshot(ParallelReader);
                }
            }
            catch
            {
                EndSnapshot();
                throw;
            }

            return new Release(EndSnapshot);
        }

        /// <summary>Ends a snapshot's reads: commits what was written in it (a server's ledger entries) and closes the parallel reader.</summary>
        private void EndSnapshotReads()
        {
            var ending = snapshot;
            snapshot = null;
            try
            {
                ending?.Commit();
            }
            finally
            {
                ending?.Dispose();
                EndParallelReads();
            }
        }

        /// <summary>
        /// Closes the <see cref="ParallelReader"/> once a report has read what it reads in halves, so that its page cache
        /// and mapped pages (over 100 MB on a large store) are given back before the workbook is written; the snapshot goes on.
        /// </summary>
        public void EndParallelReads()
        {
            ParallelReader?.Dispose();
            ParallelReader = null;
        }

        private void EndSnapshot()
        {
            try
            {
                EndSnapshotReads();
            }
            finally
            {
                ledgerLock?.Dispose();
                ledgerLock = null;
            }
        }

        /// <summary>Runs <paramref name="work"/> in one transaction: all of it is stored, or none.</summary>
        public T InTransaction<T>(Func<DbTransaction, T> work)
        {
            try
            {
                if (snapshot != null && Backend.WritesJoinSnapshot)
                {
                    // Inside a read snapshot: the work commits with it.
                    return work(snapshot);
                }

                if (snapshot != null)
                {
                    EndSnapshotReads();
                }

                using var transaction = Connection.BeginTransaction();
                var result = work(transaction);
                transaction.Commit();
                return result;
            }
            catch (DbException e)
            {
                // Rolled back; say what happened with a stable id (a full disk, a read-only file, a refused role...).
                throw Failure(e, Path, "writing to");
            }
        }

        public string? GetMetadata(string key)
        {
            using var command = Command("SELECT value FROM metadata WHERE key = @key");
            command.Parameters.AddWithValue("@key", key);
            return command.ExecuteScalar() as string;
        }

        public void SetMetadata(string key, string value, DbTransaction? transaction = null)
        {
            using var command = Command("INSERT INTO metadata (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", transaction);
            command.Parameters.AddWithValue("@key", key);
            command.Parameters.AddWithValue("@value", value);
            command.ExecuteNonQuery();
        }

        /// <summary>Every metadata entry (ground truth of a sample store, remembered sync settings...).</summary>
        public IReadOnlyDictionary<string, string> ReadMetadata()
        {
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            using var command = Command("SELECT key, value FROM metadata");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                values[reader.GetString(0)] = reader.GetString(1);
            }

            return values;
        }

        /// <summary>What the store takes on disk, in bytes (a file with its write-ahead log; a server store's tables).</summary>
        public long SizeBytes() => Backend.SizeBytes(this);

        /// <summary>Checks the store with its backend's own check; returns "ok" when sound.</summary>
        public string IntegrityCheck() => Backend.IntegrityCheck(this);

        public DbCommand Command(string sql, DbTransaction? transaction = null)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction ?? snapshot;
            return command;
        }

        private object? Scalar(string sql)
        {
            using var command = Command(sql);
            return command.ExecuteScalar();
        }

        private void Execute(string sql, DbTransaction? transaction = null)
        {
            using var command = Command(sql, transaction);
            command.ExecuteNonQuery();
        }

        internal static string FormatDate(DateTime day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

        internal static DateTime ParseDate(string text) => DateTime.ParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None);

        internal static object DbDate(DateTime? day) => day.HasValue ? FormatDate(day.Value) : (object)DBNull.Value;

        internal static object DbText(string? text) => string.IsNullOrEmpty(text) ? DBNull.Value : (object)text!;

        public void Dispose()
        {
            snapshot?.Dispose();
            ParallelReader?.Dispose();
            ledgerLock?.Dispose();
            Connection.Dispose();
        }

        /// <summary>Until disposed, writes are made for filling a new store in one go (<see cref="StoreBackend.WriteInBulk"/>).</summary>
        internal IDisposable WriteInBulk() => Backend.WriteInBulk(this);

        /// <summary>From here on, what this connection removes is overwritten rather than left in free space.</summary>
        internal void EraseSecurely() => Backend.EraseSecurely(this);

        /// <summary>Empties the store's own write-ahead log into the store; false when another connection held part of it.</summary>
        internal bool Checkpoint() => Backend.Checkpoint(this);

        /// <summary>Owner-only permissions on Unix (the store holds personal data). No-op on Windows, where the
        /// per-user profile folder already restricts access.</summary>
        private static class UnixPermissions
        {
            [DllImport("libc", SetLastError = true, EntryPoint = "chmod")]
            private static extern int Chmod(string path, uint mode);

            public static void RestrictToOwner(string path, bool isDirectory)
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    return;
                }

                // 0700 for the folder, 0600 for the file.
                if (Chmod(path, isDirectory ? 0x1C0u : 0x180u) != 0)
                {
                    throw new SocialToolkitException("StorePermissions", FailureKind.WriteFailed, $"Could not make {path} private to its owner (errno {Marshal.GetLastWin32Error()}).", path);
                }
            }
        }
    }
}
