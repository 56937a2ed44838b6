using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;

namespace SocialToolkit.Data.Store.Backends
{
    /// <summary>
    /// The store in a PostgreSQL database that a whole organisation shares: one sync on a server, HR's reports from
    /// their laptops, with who may write, read or erase enforced by the database's roles (<see cref="StoreRoles"/>).
    /// </summary>
    internal sealed class PostgresBackend : StoreBackend
    {
        public static readonly PostgresBackend Instance = new PostgresBackend();

        // Advisory lock keys: one for migrations, one for syncs, one for the release ledger ("SocialTk" + a step).
        private const long MigrationLockKey = 0x536F6369616C546B;
        private const long SyncLockKey = MigrationLockKey + 1;
        private const long LedgerLockKey = MigrationLockKey + 2;

        public override string Kind => "PostgreSQL";

        public override string[] Migrations => PostgresSchema.Migrations;

        // Many people reach a shared store with roles that may not change its tables: only Initialize-SocialStore,
        // run by the database's owner, creates or upgrades the schema.
        public override bool MigratesOnOpen => false;

        /// <summary>Opens a connection to the store's database, its tables first on the search path.</summary>
        public static NpgsqlConnection Connect(StoreLocation location)
        {
            var builder = new NpgsqlConnectionStringBuilder(location.GetConnectionString())
            {
                SearchPath = PostgresSchema.Name,
            };
            if (string.IsNullOrEmpty(builder.ApplicationName))
            {
                builder.ApplicationName = "SocialToolkit";
            }

            var connection = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                connection.Open();
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public override int ReadSchemaVersion(SocialStore store)
        {
            using var exists = store.Command("SELECT to_regclass('socialtoolkit.schema_version') IS NOT NULL");
            if (!(bool)exists.ExecuteScalar()!)
            {
                return 0;
            }

            using var version = store.Command("SELECT version FROM socialtoolkit.schema_version");
            return Convert.ToInt32(version.ExecuteScalar() ?? 0, CultureInfo.InvariantCulture);
        }

        public override void RefuseForeignDatabase(SocialStore store)
        {
            using var command = store.Command(@"SELECT
    (SELECT count(*) FROM pg_tables WHERE schemaname = 'socialtoolkit' AND tablename <> 'schema_version'),
    (SELECT count(*) FROM pg_tables WHERE schemaname = 'socialtoolkit' AND tablename = 'coverage'),
    to_regclass('socialtoolkit.schema_version') IS NOT NULL");
            using var reader = command.ExecuteReader();
            reader.Read();
            var tables = reader.GetInt64(0);
            var ours = reader.GetInt64(1) > 0 || reader.GetBoolean(2);
            if (tables > 0 && !ours)
            {
                throw new SocialToolkitException("NotAStore", FailureKind.InvalidData, $"{store.Path} has a 'socialtoolkit' schema of another program; it was not changed. Give -StoreConnection a database for SocialToolkit.", store.Path);
            }
        }

        public override void BeginMigration(SocialStore store, DbTransaction transaction)
        {
            // Two Initialize-SocialStore at once: the second waits, then finds the step done.
            using var command = store.Command("SELECT pg_advisory_xact_lock(@key)", transaction);
            command.Parameters.AddWithValue("@key", MigrationLockKey);
            command.ExecuteNonQuery();
        }

        public override void WriteSchemaVersion(SocialStore store, DbTransaction transaction, int version)
        {
            using var command = store.Command("UPDATE socialtoolkit.schema_version SET version = @version", transaction);
            command.Parameters.AddWithValue("@version", version);
            command.ExecuteNonQuery();
        }

        public override string DayNumber(string column) => "(" + column + "::date - DATE '1970-01-01')";

        public override string DaysSince(string column, string first) => "(" + column + "::date - CAST(" + first + " AS date))";

        // An identity's sequence never hands out a number twice.
        public override string NewPersonId => "DEFAULT";

        // The planner chooses between the day index and a sequential scan by itself.
        public override string FullScanHint => string.Empty;

        // The snapshot is taken at the transaction's first statement; the ledger lock is taken before it.
        public override DbTransaction BeginSnapshot(SocialStore store) => store.Connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);

        // A snapshot belongs to one session; the server reads a large table with its own parallel workers.
        public override IDisposable? HoldCommits(SocialStore store) => null;

        public override bool WritesJoinSnapshot => true;

        public override IDisposable LockForSync(SocialStore store)
        {
            using (var command = store.Command("SELECT pg_try_advisory_lock(@key)"))
            {
                command.Parameters.AddWithValue("@key", SyncLockKey);
                if (!(bool)command.ExecuteScalar()!)
                {
                    throw SyncAlreadyRunning(store);
                }
            }

            return new AdvisoryLock(store, SyncLockKey);
        }

        public override IDisposable LockLedger(SocialStore store)
        {
            using var command = store.Command("SELECT pg_advisory_lock(@key)");
            command.Parameters.AddWithValue("@key", LedgerLockKey);
            command.ExecuteNonQuery();
            return new AdvisoryLock(store, LedgerLockKey);
        }

        /// <summary>
        /// Adds one network's rows to a day whose rows were just deleted, with PostgreSQL's binary COPY (one stream
        /// instead of a statement per row), in the caller's transaction. As the SQLite upsert does, the last row of a
        /// person and day wins and rows without activity are not kept.
        /// </summary>
        public static int CopyActivity(SocialStore store, IEnumerable<(long PersonId, ActivityDay Activity)> rows, string network, string source)
        {
            var latest = new Dictionary<(long, DateTime), ActivityDay>();
            foreach (var (personId, activity) in rows)
            {
                if (activity.IsEngagement)
                {
                    latest[(personId, activity.Day)] = activity;
                }
            }

            using var import = ((NpgsqlConnection)store.Connection).BeginBinaryImport(
                "COPY activity (person_id, network, day, posts, replies, reactions, reads, shares, source) FROM STDIN (FORMAT BINARY)");
            foreach (var row in latest)
            {
                var activity = row.Value;
                import.StartRow();
                import.Write(row.Key.Item1, NpgsqlDbType.Bigint);
                import.Write(network, NpgsqlDbType.Text);
                import.Write(SocialStore.FormatDate(activity.Day), NpgsqlDbType.Text);
                import.Write(activity.Posts, NpgsqlDbType.Integer);
                import.Write(activity.Replies, NpgsqlDbType.Integer);
                import.Write(activity.Reactions, NpgsqlDbType.Integer);
                import.Write(activity.Reads, NpgsqlDbType.Integer);
                import.Write(activity.Shares, NpgsqlDbType.Integer);
                import.Write(source, NpgsqlDbType.Text);
            }

            import.Complete();
            return latest.Count;
        }

        public override void PrepareForScan(SocialStore store)
        {
        }

        // The store's tables with their indexes and TOAST data.
        public override long SizeBytes(SocialStore store)
        {
            using var command = store.Command("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'socialtoolkit' AND c.relkind = 'r'");
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        // PostgreSQL checks its pages itself (checksums, WAL); what the store can check is that its schema is whole.
        public override string IntegrityCheck(SocialStore store)
        {
            using var command = store.Command("SELECT count(*) FROM pg_tables WHERE schemaname = 'socialtoolkit'");
            var tables = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            return tables >= 11 ? "ok" : $"the socialtoolkit schema has {tables} tables, fewer than the store's 11";
        }

        /// <summary>The stable id of what PostgreSQL (or the way to it) said: a refused role, a wrong password, no server...</summary>
        public static SocialToolkitException Failure(NpgsqlException e, string location, string doing)
        {
            if (e is PostgresException postgres)
            {
                var (id, kind, text, advice) = postgres.SqlState switch
                {
                    "42501" => ("StoreAccessDenied", FailureKind.PermissionDenied, "the database refused this sign-in",
                        " Its roles do not allow this command: reports and Get-SocialStoreInfo need socialtoolkit_reader; syncs and imports need socialtoolkit_writer; erasure and retention (Remove-SocialStoreData) need socialtoolkit_privacy. Ask the store's administrator to grant the role you need (about_SocialToolkit)."),
                    "28P01" => ("StoreSignInRefused", FailureKind.PermissionDenied, "the server refused the user name or password", " Check -Credential, or the user and password of -StoreConnection."),
                    "28000" => ("StoreSignInRefused", FailureKind.PermissionDenied, "the server does not let this user in from here (pg_hba.conf)", " Ask the server's administrator."),
                    "3D000" => ("StoreNotFound", FailureKind.NotFound, "the database does not exist", " The server's administrator creates it (CREATE DATABASE), then its owner runs Initialize-SocialStore."),
                    "53100" => ("StoreDiskFull", FailureKind.WriteFailed, "the server's disk is full", string.Empty),
                    "25006" => ("StoreReadOnly", FailureKind.PermissionDenied, "the server is read-only (a standby)", " Connect to the primary server."),
                    "40001" => ("StoreBusy", FailureKind.InvalidOperation, "another session changed the same rows", " Run the command again."),
                    "40P01" => ("StoreBusy", FailureKind.InvalidOperation, "another session held the rows it needed", " Run the command again."),
                    "55P03" => ("StoreBusy", FailureKind.InvalidOperation, "another session holds the store", " Run the command again."),
                    "XX001" => ("StoreCorrupted", FailureKind.InvalidData, "the server reported damaged data", string.Empty),
                    "XX002" => ("StoreCorrupted", FailureKind.InvalidData, "the server reported a damaged index", string.Empty),
                    _ when postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        => ("StoreUnreachable", FailureKind.ConnectionFailed, "the connection to the server was lost", " Run the command again."),
                    _ => ("StoreUnreadable", FailureKind.InvalidData, "PostgreSQL refused it", string.Empty),
                };
                return new SocialToolkitException(id, kind, $"{location}: {text} while {doing} the store ({postgres.SqlState}: {postgres.MessageText}).{advice}", location, e);
            }

            return new SocialToolkitException("StoreUnreachable", FailureKind.ConnectionFailed,
                $"{location}: the PostgreSQL server could not be reached while {doing} the store ({e.Message}). Check the host, the port, the network and the server's TLS settings.", location, e);
        }

        // Nothing to relax: the rows go straight into the shared database, not into a private copy moved into place at the
        // end, so each commit stays as durable as any other write to it.
        public override IDisposable WriteInBulk(SocialStore store) => Release.Nothing;

        // No session can have the server zero freed space: its files are its own, never handed out, and its vacuum reclaims
        // what was removed.
        public override void EraseSecurely(SocialStore store)
        {
        }

        // The server's own write-ahead log is no file of the store's.
        public override bool Checkpoint(SocialStore store) => true;

        private sealed class AdvisoryLock : IDisposable
        {
            private readonly SocialStore store;
            private readonly long key;

            public AdvisoryLock(SocialStore store, long key)
            {
                this.store = store;
                this.key = key;
            }

            public void Dispose()
            {
                // Closing the connection releases it too; unlocking first frees it as soon as the sync ends.
                using var command = store.Command("SELECT pg_advisory_unlock(@key)");
                command.Parameters.AddWithValue("@key", key);
                command.ExecuteScalar();
            }
        }
    }
}
