using System;
using System.Data.Common;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Data.Store.Backends
{
    /// <summary>
    /// What differs between the two places a store can live. Everything else (every statement the store, the imports
    /// and the reports run) is one SQL text for both: <c>@name</c> parameters, <c>ON CONFLICT</c>, <c>RETURNING</c>.
    /// </summary>
    internal abstract class StoreBackend
    {
        /// <summary>"SQLite" or "PostgreSQL", for Get-SocialStoreInfo and messages.</summary>
        public abstract string Kind { get; }

        /// <summary>The numbered schema steps in this backend's DDL; step n here is step n of the other backend.</summary>
        public abstract string[] Migrations { get; }

        /// <summary>Whether opening a store may create or upgrade its schema (a file: yes; a shared server: only Initialize-SocialStore).</summary>
        public abstract bool MigratesOnOpen { get; }

        /// <summary>The store's schema version; 0 for an empty file or database.</summary>
        public abstract int ReadSchemaVersion(SocialStore store);

        /// <summary>Refuses a database that holds another program's tables.</summary>
        public abstract void RefuseForeignDatabase(SocialStore store);

        /// <summary>Takes whatever makes one migration run alone (two Initialize-SocialStore at once).</summary>
        public abstract void BeginMigration(SocialStore store, DbTransaction transaction);

        public abstract void WriteSchemaVersion(SocialStore store, DbTransaction transaction, int version);

        /// <summary>An SQL expression giving the days since 1970-01-01 of a yyyy-MM-dd text column (no string per row).</summary>
        public abstract string DayNumber(string column);

        /// <summary>An SQL expression giving the days from the yyyy-MM-dd text <paramref name="first"/> to the column <paramref name="column"/>.</summary>
        public abstract string DaysSince(string column, string first);

        /// <summary>
        /// The value of a new person's id in an INSERT: never an id a person had before, since the release ledger keeps
        /// published populations as person ids and a reused id would make a newcomer a member of groups they were never in.
        /// </summary>
        public abstract string NewPersonId { get; }

        /// <summary>The hint that makes a long-period scan read the table in key order instead of through the day index.</summary>
        public abstract string FullScanHint { get; }

        /// <summary>
        /// Held while a report reads and records what it publishes, so reports decide one after the other; taken before
        /// the report's snapshot, so that each sees the release-ledger entries of every earlier report. Waits for the
        /// report before it.
        /// </summary>
        public abstract IDisposable LockLedger(SocialStore store);

        /// <summary>The transaction a report's reads go through: every read in it sees the store as it stood when it began.</summary>
        public abstract DbTransaction BeginSnapshot(SocialStore store);

        /// <summary>
        /// Keeps every other connection from committing until disposed, so that two connections starting their snapshots
        /// meanwhile read the same state of the store; null when this backend cannot share a snapshot between connections.
        /// </summary>
        public abstract IDisposable? HoldCommits(SocialStore store);

        /// <summary>Whether a write can join a read snapshot's transaction and commit with it.</summary>
        public abstract bool WritesJoinSnapshot { get; }

        /// <summary>Held for the whole of a sync, so a second sync stops instead of fetching the same days again.</summary>
        public abstract IDisposable LockForSync(SocialStore store);

        /// <summary>What a second sync on one store says.</summary>
        protected static SocialToolkitException SyncAlreadyRunning(SocialStore store) =>
            new SocialToolkitException("SyncAlreadyRunning", FailureKind.InvalidOperation,
                $"Another Sync-SocialData is running on {store.Path}; this one stopped instead of fetching the same days again. Run it again when the other has finished.",
                store.Path);

        /// <summary>Settings for a report's large scans (SQLite: memory-mapped reads; PostgreSQL: nothing to do).</summary>
        public abstract void PrepareForScan(SocialStore store);

        /// <summary>What the store takes on disk, in bytes.</summary>
        public abstract long SizeBytes(SocialStore store);

        /// <summary>The backend's own consistency check; "ok" when sound.</summary>
        public abstract string IntegrityCheck(SocialStore store);

        /// <summary>
        /// Settings for filling a new store in one go (a sample organisation), in force until the returned object is disposed,
        /// failure included.
        /// </summary>
        public abstract IDisposable WriteInBulk(SocialStore store);

        /// <summary>From here on, what this connection removes is overwritten, not left readable in free space.</summary>
        public abstract void EraseSecurely(SocialStore store);

        /// <summary>
        /// Moves what the store's own write-ahead log holds into the store and empties the log, so no copy of removed rows
        /// stays behind in it; false when another connection kept part of the log from being copied.
        /// </summary>
        public abstract bool Checkpoint(SocialStore store);
    }
}
