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
                Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;");
                var store = new SocialStore(fullPath, connection);
                store.Migrate();
                return store;
            }
            catch (SqliteException e)
            {
                connection.Dispose();
                throw new SocialToolkitException("StoreUnreadable", FailureKind.InvalidData, $"{fullPath} is not a SocialToolkit store or cannot be opened: {e.Message}", fullPath, e);
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
            using var transaction = Connection.BeginTransaction();
            var result = work(transaction);
            transaction.Commit();
            return result;
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
