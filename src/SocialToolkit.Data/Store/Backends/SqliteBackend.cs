using System;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Data.Store.Backends
{
    /// <summary>The store as one SQLite file: the default, for one admin on one machine.</summary>
    internal sealed class SqliteBackend : StoreBackend
    {
        public static readonly SqliteBackend Instance = new SqliteBackend();

        public override string Kind => "SQLite";

        public override string[] Migrations => StoreSchema.Migrations;

        public override bool MigratesOnOpen => true;

        public override int ReadSchemaVersion(SocialStore store) => Convert.ToInt32(Scalar(store, "PRAGMA user_version"), CultureInfo.InvariantCulture);

        public override void RefuseForeignDatabase(SocialStore store)
        {
            using var command = store.Command("SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'), (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'coverage')");
            using var reader = command.ExecuteReader();
            reader.Read();
            var version = reader.GetInt64(0);
            var tables = reader.GetInt64(1);
            var ours = reader.GetInt64(2) > 0;
            if ((version == 0 && tables > 0) || (version > 0 && !ours))
            {
                throw new SocialToolkitException("NotAStore", FailureKind.InvalidData, $"{store.Path} is a SQLite database of another program, not a SocialToolkit store; it was not changed. Give -StorePath the path of a SocialToolkit store, or a new file.", store.Path);
            }
        }

        // SQLite lets one writer in at a time: the migration's transaction is already alone.
        public override void BeginMigration(SocialStore store, DbTransaction transaction)
        {
        }

        public override void WriteSchemaVersion(SocialStore store, DbTransaction transaction, int version)
        {
            using var command = store.Command("PRAGMA user_version = " + version.ToString(CultureInfo.InvariantCulture), transaction);
            command.ExecuteNonQuery();
        }

        // julianday - 2440587.5 = days since 1970-01-01.
        public override string DayNumber(string column) => "CAST(julianday(" + column + ") - 2440587.5 AS INTEGER)";

        public override string DaysSince(string column, string first) => "CAST(julianday(" + column + ") - julianday(" + first + ") AS INTEGER)";

        // SQLite gives a new row the largest id plus one, so erasing the person with the largest id would hand their id to
        // the next newcomer: ids start after the largest ever erased too (SocialStore.PersonIdHighWaterMetadata).
        public override string NewPersonId =>
            "(SELECT max(coalesce(max(id), 0), coalesce((SELECT CAST(value AS BIGINT) FROM metadata WHERE key = '" + SocialStore.PersonIdHighWaterMetadata + "'), 0)) + 1 FROM person)";

        // The activity table read in key order through its primary key's index, named: "NOT INDEXED" is not honoured on a
        // WITHOUT ROWID table (SQLite 3.40 to 3.53 kept fetching rows through the day index).
        public override string FullScanHint => " INDEXED BY sqlite_autoindex_activity_1";

        public override IDisposable LockLedger(SocialStore store) =>
            StoreLockFile.Wait(store.Path, ".report-lock", () => new SocialToolkitException("StoreBusy", FailureKind.InvalidOperation,
                $"Another report has been writing from {store.Path} for over {StoreLockFile.Patience.TotalMinutes:0} minutes; this one stopped instead of waiting longer. Run it again when the other has finished.",
                store.Path));

        public override DbTransaction BeginSnapshot(SocialStore store)
        {
            // In write-ahead-log mode a read transaction keeps the state it first read until it ends, whatever other
            // connections commit meanwhile; a deferred transaction takes that state at its first read, made here.
            var transaction = ((SqliteConnection)store.Connection).BeginTransaction(deferred: true);
            try
            {
                using var first = store.Command("SELECT count(*) FROM metadata", transaction);
                first.ExecuteScalar();
                return transaction;
            }
            catch
            {
                transaction.Dispose();
                throw;
            }
        }

        public override IDisposable? HoldCommits(SocialStore store)
        {
            // A connection of its own takes the write lock (BEGIN IMMEDIATE) for the moment the readers start: writers
            // wait those milliseconds as they wait for each other, and no commit can land between two readers' starts.
            var gate = new SqliteConnection(store.Connection.ConnectionString);
            try
            {
                gate.Open();
                var writeLock = gate.BeginTransaction(deferred: false);
                return new Release(() =>
                {
                    writeLock.Dispose();
                    gate.Dispose();
                });
            }
            catch
            {
                gate.Dispose();
                throw;
            }
        }

        // A read transaction that began before another connection's commit cannot write any more (SQLITE_BUSY_SNAPSHOT):
        // its reads end, and the write is a transaction of its own.
        public override bool WritesJoinSnapshot => false;

        public override IDisposable LockForSync(SocialStore store) => StoreLockFile.TryTake(store.Path, ".sync-lock") ?? throw SyncAlreadyRunning(store);

        public override void PrepareForScan(SocialStore store)
        {
            // Reports scan most of the activity table: memory-mapped reads and a larger page cache halve the scan time.
            using var pragma = store.Command("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;");
            pragma.ExecuteNonQuery();
        }

        // The file plus its write-ahead log.
        public override long SizeBytes(SocialStore store) => Maintenance.StoreInspector.FileSize(store.Location.FilePath!);

        public override string IntegrityCheck(SocialStore store) => Convert.ToString(Scalar(store, "PRAGMA integrity_check"), CultureInfo.InvariantCulture) ?? string.Empty;

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

        private static object? Scalar(SocialStore store, string sql)
        {
            using var command = store.Command(sql);
            return command.ExecuteScalar();
        }

        // No wait for the disk at each commit: only for a file nobody relies on until the writing ends (a private temporary
        // copy, moved into place afterwards). The setting every open gives the store comes back however the writing ends.
        public override IDisposable WriteInBulk(SocialStore store)
        {
            Execute(store, "PRAGMA synchronous = OFF");
            return new Release(() => Execute(store, "PRAGMA synchronous = NORMAL"));
        }

        // Freed pages are overwritten with zeros, so removed rows cannot be read back from the file.
        public override void EraseSecurely(SocialStore store) => Execute(store, "PRAGMA secure_delete = ON");

        // Moves the write-ahead log into the file and empties it: old page images would still hold removed rows.
        public override bool Checkpoint(SocialStore store)
        {
            using var checkpoint = store.Command("PRAGMA wal_checkpoint(TRUNCATE)");
            using var reader = checkpoint.ExecuteReader();
            if (!reader.Read())
            {
                return true;
            }

            // busy, pages in the log, pages copied: complete when not busy and every page was copied.
            var busy = reader.GetInt64(0);
            var logged = reader.GetInt64(1);
            var copied = reader.GetInt64(2);
            return busy == 0 && (logged <= 0 || logged == copied);
        }

        private static void Execute(SocialStore store, string sql)
        {
            using var command = store.Command(sql);
            command.ExecuteNonQuery();
        }
    }
}
