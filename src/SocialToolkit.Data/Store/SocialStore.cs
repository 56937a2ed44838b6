using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Data.Store
{
    /// <summary>
    /// The store: one SQLite file holding people, training records, daily activity per network and what was
    /// synced when. Every write is one transaction per unit of work (a file, a report day), so a process killed
    /// halfway leaves either all of that unit or none of it.
    /// </summary>
    public sealed partial class SocialStore : IDisposable
    {
        internal const string DateFormat = "yyyy-MM-dd";

        private SocialStore(string path, SqliteConnection connection)
        {
            Path = path;
            Connection = connection;
        }

        public string Path { get; }

        /// <summary>The open connection, for engine classes that add their own queries (reports, imports).</summary>
        public SqliteConnection Connection { get; }

        /// <summary>The schema version this build writes.</summary>
        public static int CurrentSchemaVersion => StoreSchema.Migrations.Length;

        /// <summary>
        /// The failure for a store that is not there, shared by the engines and the cmdlets' path checks. Only the
        /// commands it names create a store; the imports add to an existing one.
        /// </summary>
        public static SocialToolkitException NotFound(string fullPath) =>
            new SocialToolkitException("StoreNotFound", FailureKind.NotFound, $"No store at {fullPath}. Create it with Sync-SocialData (from Microsoft Graph) or New-SocialSampleStore (a sample organisation), or give the -StorePath of an existing store.", fullPath);

        /// <summary>Opens the store at <paramref name="path"/>, creating it (owner-only on Unix) when allowed.</summary>
        public static SocialStore Open(string path, bool createIfMissing = true)
        {
            var fullPath = System.IO.Path.GetFullPath(path);
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
                RefuseForeignDatabase(connection, fullPath);
                Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;");
                var store = new SocialStore(fullPath, connection);
                store.Migrate();
                return store;
            }
            catch (SqliteException e)
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

        /// <summary>
        /// Opens an existing store for reading only: nothing is created or migrated, and it works on a read-only file
        /// or mount (where SQLite cannot create its -shm file, the file is read as immutable).
        /// </summary>
        public static SocialStore OpenReadOnly(string path) => OpenReadOnly(path, allowOlderSchema: false);

        /// <summary>
        /// As <see cref="OpenReadOnly(string)"/>; with <paramref name="allowOlderSchema"/> a store written by an older
        /// version is accepted too, for readers that only use what every version has (counts, coverage, metadata).
        /// </summary>
        public static SocialStore OpenReadOnly(string path, bool allowOlderSchema)
        {
            var fullPath = System.IO.Path.GetFullPath(path);
            if (!File.Exists(fullPath))
            {
                throw new SocialToolkitException("StoreNotFound", FailureKind.NotFound, $"No store at {fullPath}. Create one with Sync-SocialData, Import-Social* or New-SocialSampleStore, or give -StorePath.", fullPath);
            }

            try
            {
                return OpenReadOnly(fullPath, new SqliteConnectionStringBuilder { DataSource = fullPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString(), allowOlderSchema);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 14 || e.SqliteErrorCode == 8 || e.SqliteErrorCode == 10)
            {
                // A read-only mount: no -shm can be made next to the file. Nothing else writes there, so read it as immutable.
                var uri = new Uri(fullPath).AbsoluteUri + "?immutable=1";
                try
                {
                    return OpenReadOnly(fullPath, new SqliteConnectionStringBuilder { DataSource = uri, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString(), allowOlderSchema);
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

        private static SocialStore OpenReadOnly(string fullPath, string connectionString, bool allowOlderSchema)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                RefuseForeignDatabase(connection, fullPath);
                var store = new SocialStore(fullPath, connection);
                var version = store.SchemaVersion;
                if (version == 0)
                {
                    throw new SocialToolkitException("StoreNotFound", FailureKind.NotFound, $"{fullPath} is empty: there is no store there yet. Create one with Sync-SocialData, Import-SocialStaff or New-SocialSampleStore.", fullPath);
                }

                if (version > StoreSchema.Migrations.Length)
                {
                    throw new SocialToolkitException("StoreTooNew", FailureKind.InvalidOperation, $"{fullPath} was written by a newer SocialToolkit (schema {version}; this version knows {StoreSchema.Migrations.Length}). Update the module.", fullPath);
                }

                if (version < StoreSchema.Migrations.Length && !allowOlderSchema)
                {
                    throw new SocialToolkitException("StoreNeedsUpgrade", FailureKind.InvalidOperation, $"{fullPath} was written by an older SocialToolkit (schema {version} of {StoreSchema.Migrations.Length}); a command that only reads does not upgrade it. Run a command that writes to it (a sync or an import) once, where the file is writable.", fullPath);
                }

                return store;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>A SQLite file of another program: its tables are left alone rather than joined by ours.</summary>
        private static void RefuseForeignDatabase(SqliteConnection connection, string fullPath)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'), (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'coverage')";
            using var reader = command.ExecuteReader();
            reader.Read();
            var version = reader.GetInt64(0);
            var tables = reader.GetInt64(1);
            var ours = reader.GetInt64(2) > 0;
            if ((version == 0 && tables > 0) || (version > 0 && !ours))
            {
                throw new SocialToolkitException("NotAStore", FailureKind.InvalidData, $"{fullPath} is a SQLite database of another program, not a SocialToolkit store; it was not changed. Give -StorePath the path of a SocialToolkit store, or a new file.", fullPath);
            }
        }

        /// <summary>The stable id of what SQLite said: a full disk, a read-only file, a corrupted page...</summary>
        public static SocialToolkitException Failure(SqliteException e, string path, string doing)
        {
            var (id, kind, text) = (e.SqliteErrorCode & 0xFF) switch
            {
                13 => ("StoreDiskFull", FailureKind.WriteFailed, "the disk is full"),
                8 => ("StoreReadOnly", FailureKind.PermissionDenied, "the file or its folder is read-only"),
                5 => ("StoreBusy", FailureKind.InvalidOperation, "another program holds the store"),
                6 => ("StoreBusy", FailureKind.InvalidOperation, "another program holds the store"),
                11 => ("StoreCorrupted", FailureKind.InvalidData, "the file is damaged"),
                26 => ("StoreUnreadable", FailureKind.InvalidData, "the file is not a SQLite database"),
                14 => ("StoreCannotOpen", FailureKind.PermissionDenied, "the file cannot be opened (permissions or a missing folder)"),
                10 => ("StoreIOError", FailureKind.WriteFailed, "the disk reported an input/output error"),
                _ => ("StoreUnreadable", FailureKind.InvalidData, "SQLite refused it"),
            };
            return new SocialToolkitException(id, kind, $"{path}: {text} while {doing} the store ({e.Message}).", path, e);
        }

        /// <summary>
        /// Runs a command's work on the store at <paramref name="path"/>, so that what SQLite says while reading it
        /// (a damaged page, a full disk, a lock) reaches the user with the store's own error id rather than as an
        /// unexpected failure.
        /// </summary>
        public static T Guard<T>(string path, string doing, Func<T> work)
        {
            try
            {
                return work();
            }
            catch (SqliteException e)
            {
                throw Failure(e, path, doing);
            }
        }

        /// <summary>The schema version of this store file.</summary>
        public int SchemaVersion => Convert.ToInt32(Scalar("PRAGMA user_version"), CultureInfo.InvariantCulture);

        private void Migrate()
        {
            var version = SchemaVersion;
            if (version > StoreSchema.Migrations.Length)
            {
                throw new SocialToolkitException("StoreTooNew", FailureKind.InvalidOperation, $"{Path} was written by a newer SocialToolkit (schema {version}; this version knows {StoreSchema.Migrations.Length}). Update the module.", Path);
            }

            for (var step = version; step < StoreSchema.Migrations.Length; step++)
            {
                using var transaction = Connection.BeginTransaction();
                Execute(Connection, StoreSchema.Migrations[step], transaction);
                Execute(Connection, "PRAGMA user_version = " + (step + 1).ToString(CultureInfo.InvariantCulture), transaction);
                transaction.Commit();
            }

            if (version == 0)
            {
                SetMetadata("created_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            }
        }

        /// <summary>Runs <paramref name="work"/> in one transaction: all of it is stored, or none.</summary>
        public T InTransaction<T>(Func<SqliteTransaction, T> work)
        {
            try
            {
                using var transaction = Connection.BeginTransaction();
                var result = work(transaction);
                transaction.Commit();
                return result;
            }
            catch (SqliteException e)
            {
                // Rolled back; say what happened with a stable id (a full disk, a read-only file...).
                throw Failure(e, Path, "writing to");
            }
        }

        public string? GetMetadata(string key)
        {
            using var command = Command("SELECT value FROM metadata WHERE key = $key");
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() as string;
        }

        public void SetMetadata(string key, string value, SqliteTransaction? transaction = null)
        {
            using var command = Command("INSERT INTO metadata (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", transaction);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
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

        /// <summary>Checks the file with SQLite's own integrity check; returns "ok" when sound.</summary>
        public string IntegrityCheck() => Convert.ToString(Scalar("PRAGMA integrity_check"), CultureInfo.InvariantCulture) ?? string.Empty;

        public SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            return command;
        }

        private object? Scalar(string sql)
        {
            using var command = Command(sql);
            return command.ExecuteScalar();
        }

        private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }

        internal static string FormatDate(DateTime day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

        internal static DateTime ParseDate(string text) => DateTime.ParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None);

        internal static object DbDate(DateTime? day) => day.HasValue ? FormatDate(day.Value) : (object)DBNull.Value;

        internal static object DbText(string? text) => string.IsNullOrEmpty(text) ? DBNull.Value : (object)text!;

        public void Dispose()
        {
            Connection.Dispose();
        }

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
