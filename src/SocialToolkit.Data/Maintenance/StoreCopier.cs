using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.Data.Sqlite;
using Npgsql;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Data.Maintenance
{
    /// <summary>What a copy would do, worked out before anything is written (shown by -WhatIf and -Confirm).</summary>
    public sealed class StoreCopyPlan
    {
        internal StoreCopyPlan(StoreLocation from, StoreLocation to, bool force, string fromBackend, string toBackend, bool createsTarget, IReadOnlyDictionary<string, long> sourceRows, IReadOnlyDictionary<string, long> targetRows)
        {
            From = from;
            To = to;
            Force = force;
            FromBackend = fromBackend;
            ToBackend = toBackend;
            CreatesTarget = createsTarget;
            SourceRows = sourceRows;
            TargetRows = targetRows;
        }

        public StoreLocation From { get; }

        public StoreLocation To { get; }

        public bool Force { get; }

        public string FromBackend { get; }

        public string ToBackend { get; }

        /// <summary>True when the target has no store yet: the copy creates the file, or sets up the database.</summary>
        public bool CreatesTarget { get; }

        /// <summary>Rows per table in the source when the plan was made.</summary>
        public IReadOnlyDictionary<string, long> SourceRows { get; }

        /// <summary>Rows per table the target holds now; the copy replaces them all.</summary>
        public IReadOnlyDictionary<string, long> TargetRows { get; }

        /// <summary>"60 person row(s), 5,412 activity row(s), ...": what the target holds now.</summary>
        public string TargetContents => StoreCopier.Describe(TargetRows);

        /// <summary>True when the copy removes data from the target (only allowed with -Force).</summary>
        public bool ReplacesData => StoreCopier.HoldsData(TargetRows);

        public string Description
        {
            get
            {
                var text = new StringBuilder();
                text.Append("Copy the store ").Append(From.Display).Append(" (").Append(StoreCopier.Describe(SourceRows)).Append(") to ").Append(To.Display);
                if (CreatesTarget)
                {
                    text.Append(To.IsServer ? ", setting up the store in that database" : ", creating the file");
                }
                else if (TargetRows.Values.Any(rows => rows > 0))
                {
                    text.Append(", replacing what it holds (").Append(TargetContents).Append(')');
                }

                return text.ToString();
            }
        }
    }

    /// <summary>
    /// Copy-SocialStore: copies a whole store between any two places it can live (a file, a PostgreSQL database), every
    /// table with its primary keys as they are, so every reference still holds and the erasure list still recognises the
    /// people it lists (its key travels with the metadata). Each table is copied in one transaction on the target, then
    /// read back and compared with the source (row count and a checksum computed here, the same way on both sides) before
    /// that transaction commits: a table is either copied whole and verified, or not there at all.
    /// </summary>
    public static partial class StoreCopier
    {
        private const string Activity = "Copying the store";

        /// <summary>Rows between two looks at the cancellation token and two progress reports.</summary>
        private const int RowsPerStep = 20_000;

        /// <summary>
        /// Every table of the store, in the order copied: what another table refers to comes first. The erasure list comes
        /// right after the metadata that holds its key, so a copy stopped early still refuses the people erased in the source.
        /// </summary>
        internal static readonly IReadOnlyList<StoreTableSpec> Tables = new[]
        {
            new StoreTableSpec("metadata", new[] { "key" }, identity: null, holdsData: false),
            new StoreTableSpec("erased_identity", new[] { "identity_hash" }, identity: null, holdsData: true),
            new StoreTableSpec("person", new[] { "id" }, identity: "id", holdsData: true),
            new StoreTableSpec("person_history", new[] { "person_id", "field", "seen_from" }, identity: null, holdsData: true),
            new StoreTableSpec("training", new[] { "id" }, identity: "id", holdsData: true),
            new StoreTableSpec("activity", new[] { "person_id", "network", "day" }, identity: null, holdsData: true),
            new StoreTableSpec("coverage", new[] { "network", "day" }, identity: null, holdsData: true),
            new StoreTableSpec("day_failure", new[] { "network", "day" }, identity: null, holdsData: false),
            new StoreTableSpec("sync_log", new[] { "id" }, identity: "id", holdsData: false),
            new StoreTableSpec("release_population", new[] { "id" }, identity: "id", holdsData: true),
            new StoreTableSpec("release", new[] { "id" }, identity: "id", holdsData: true),
        };

        /// <summary>
        /// Looks at both places without changing either: the source must be a store at this version's schema, the target
        /// empty (or -Force given), and they must be two different stores.
        /// </summary>
        public static StoreCopyPlan Plan(StoreLocation from, StoreLocation to, bool force)
        {
            if (SameStore(from, to))
            {
                throw new SocialToolkitException("StoreCopySameStore", FailureKind.InvalidArgument, $"-From and -To both name {to.Display}: a store cannot be copied onto itself. Give another file or database as -To.", "To");
            }

            IReadOnlyDictionary<string, long> sourceRows;
            string fromBackend;
            using (var source = OpenSource(from))
            {
                fromBackend = source.BackendName;
                RequireKnownTables(source);
                sourceRows = SocialStore.Guard(source.Path, "reading", () => CountRows(source, null));
            }

            var (toBackend, createsTarget, targetRows) = InspectTarget(to);
            if (!force && HoldsData(targetRows))
            {
                throw NotEmpty(to, targetRows);
            }

            return new StoreCopyPlan(from, to, force, fromBackend, toBackend, createsTarget, sourceRows, targetRows);
        }

        /// <summary>Plans and copies in one call (scripts and tests that do not ask anyone first).</summary>
        public static StoreCopySummary Copy(StoreLocation from, StoreLocation to, bool force, IOperationReporter reporter, CancellationToken token) =>
            Copy(Plan(from, to, force), reporter, token);

        /// <summary>Carries out an approved plan. The target's emptiness is checked again, in the transaction that clears it.</summary>
        public static StoreCopySummary Copy(StoreCopyPlan plan, IOperationReporter reporter, CancellationToken token) =>
            Copy(plan, reporter, token, afterTableWritten: null);

        /// <summary>As <see cref="Copy(StoreCopyPlan, IOperationReporter, CancellationToken)"/>; <paramref name="afterTableWritten"/> runs inside each table's transaction before it is verified (tests tamper there).</summary>
        internal static StoreCopySummary Copy(StoreCopyPlan plan, IOperationReporter reporter, CancellationToken token, Action<SocialStore, string, DbTransaction>? afterTableWritten)
        {
            token.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            reporter.Progress(Activity, "Opening " + plan.From.Display, 0);
            using var source = OpenSource(plan.From);
            RequireKnownTables(source);
            if (plan.To.IsServer && !plan.From.IsServer)
            {
                reporter.Verbose($"Copying the file {plan.From.Display} into the shared store {plan.To.Display}.");
            }
            else if (!plan.To.IsServer && plan.From.IsServer)
            {
                reporter.Warning($"{plan.To.Display} will hold a copy of the personal data of {plan.From.Display}. Erasures and retention on the server do not reach that file: keep it only as long as needed, where only its owner can read it.");
            }

            // One consistent state of the source for every table, while syncs may go on writing to it.
            using var sourceRead = BeginSourceRead(source);
            var sourceRows = SocialStore.Guard(source.Path, "reading", () => CountRows(source, sourceRead));

            reporter.Progress(Activity, "Opening " + plan.To.Display, 0);
            var (target, created) = OpenTarget(plan.To);
            using (target)
            {
                IDisposable syncLock;
                try
                {
                    syncLock = target.LockForSync();
                }
                catch (SocialToolkitException busy) when (busy.ErrorId == "SyncAlreadyRunning")
                {
                    throw new SocialToolkitException("StoreCopyTargetBusy", FailureKind.InvalidOperation, $"A Sync-SocialData is writing to {target.Path}; nothing was copied. Copy when it has finished.", target.Path, busy);
                }

                using (syncLock)
                {
                    var replaced = Clear(target, plan.Force);
                    var copied = new List<StoreTableCopy>();
                    var totalRows = Math.Max(1, sourceRows.Values.Sum());
                    long rowsBefore = 0;
                    foreach (var table in Tables)
                    {
                        try
                        {
                            token.ThrowIfCancellationRequested();
                            var progress = new CopyProgress(reporter, table.Name, sourceRows[table.Name], rowsBefore, totalRows);
                            var result = CopyTable(source, sourceRead, target, table, progress, token, afterTableWritten);
                            result.ReplacedRows = !created && replaced.TryGetValue(table.Name, out var removed) ? removed : 0;
                            copied.Add(result);
                            rowsBefore += sourceRows[table.Name];
                            reporter.Verbose($"{table.Name}: {result.Rows} row(s) copied and verified (SHA-256 {result.Checksum.Substring(0, 16)}…) in {result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
                        }
                        catch (OperationCanceledException)
                        {
                            reporter.Warning(Interrupted(target, copied, table, "The copy was stopped"));
                            throw;
                        }
                        catch (SocialToolkitException failure)
                        {
                            throw new SocialToolkitException(failure.ErrorId, failure.Kind, plan.From.Redact(plan.To.Redact(failure.Message)) + " " + Interrupted(target, copied, table, "The copy stopped"), failure.Target, failure);
                        }
                    }

                    var notes = new List<string>();
                    if (target.IsServer && SocialStore.Guard(target.Path, "writing to", () => string.IsNullOrEmpty(target.GetMetadata(SocialStore.PseudonymKeyMetadata))))
                    {
                        // Readers may not write the store's settings, so the key their -LinkPseudonyms needs exists before anyone reads.
                        SocialStore.Guard(target.Path, "writing to", target.GetOrCreatePseudonymKey);
                        notes.Add("The source had no pseudonym key: the target got a new one, which its readers need to link pseudonyms across workbooks.");
                    }

                    reporter.Progress(Activity, "Done", 100);
                    return new StoreCopySummary
                    {
                        From = plan.From.Display,
                        To = plan.To.Display,
                        FromBackend = source.BackendName,
                        ToBackend = target.BackendName,
                        Tables = copied,
                        Verified = true,
                        CreatedTarget = created,
                        // What a store the copy has just created held (its creation date, a server's pseudonym key) was never anyone's data.
                        Replaced = created ? new Dictionary<string, long>() : replaced.Where(r => r.Value > 0).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal),
                        Notes = notes,
                        Duration = clock.Elapsed,
                    };
                }
            }
        }

        /// <summary>Row count and checksum of every table of a store, in copy order: two stores with equal lists hold the same rows.</summary>
        public static IReadOnlyList<StoreTableCopy> Checksums(SocialStore store) =>
            SocialStore.Guard(store.Path, "reading", () =>
            {
                RequireKnownTables(store);
                return Tables.Select(table =>
                {
                    var (rows, checksum) = Checksum(store, null, table, Columns(store, table.Name, null).Select(c => c.Name).ToArray());
                    return new StoreTableCopy { Table = table.Name, Rows = rows, Checksum = checksum };
                }).ToList();
            });

        /// <summary>Compares every table of two stores; the first table that differs is a StoreCopyMismatch naming it.</summary>
        public static void Verify(SocialStore source, SocialStore target)
        {
            var expected = Checksums(source);
            var actual = Checksums(target);
            foreach (var (want, have) in expected.Zip(actual, (want, have) => (want, have)))
            {
                RequireSame(want.Table, want.Rows, want.Checksum, have.Rows, have.Checksum, source.Path, target.Path);
            }
        }

        internal static bool HoldsData(IReadOnlyDictionary<string, long> rows) =>
            Tables.Any(t => t.HoldsData && rows.TryGetValue(t.Name, out var count) && count > 0);

        /// <summary>"60 people, 5,412 activity rows, ..." for messages: the tables with rows, by their number.</summary>
        internal static string Describe(IReadOnlyDictionary<string, long> rows)
        {
            var parts = Tables.Where(t => rows.TryGetValue(t.Name, out var count) && count > 0)
                .Select(t => $"{rows[t.Name].ToString("N0", CultureInfo.InvariantCulture)} {t.Name} row(s)")
                .ToList();
            return parts.Count == 0 ? "no rows" : string.Join(", ", parts);
        }

        private static SocialStore OpenSource(StoreLocation from)
        {
            try
            {
                return SocialStore.OpenReadOnly(from);
            }
            catch (SocialToolkitException older) when (older.ErrorId == "StoreNeedsUpgrade")
            {
                throw new SocialToolkitException(older.ErrorId, older.Kind, "Copy-SocialStore copies a store at this version's schema and never changes its source. " + older.Message, from.Display, older);
            }
        }

        /// <summary>The target as it stands: its backend, whether the copy creates it, and the rows it holds per table.</summary>
        private static (string Backend, bool Creates, IReadOnlyDictionary<string, long> Rows) InspectTarget(StoreLocation to)
        {
            var none = Tables.ToDictionary(t => t.Name, _ => 0L, StringComparer.Ordinal);
            if (!to.IsServer && (!File.Exists(to.FilePath) || new FileInfo(to.FilePath).Length == 0))
            {
                return ("SQLite", true, none);
            }

            SocialStore target;
            try
            {
                // An older file is brought to the current schema when the copy opens it for writing.
                target = SocialStore.OpenReadOnly(to, allowOlderSchema: !to.IsServer);
            }
            catch (SocialToolkitException empty) when (empty.ErrorId == "StoreNotInitialized")
            {
                return ("PostgreSQL", true, none);
            }

            using (target)
            {
                return (target.BackendName, false, SocialStore.Guard(target.Path, "reading", () => CountRows(target, null)));
            }
        }

        private static (SocialStore Store, bool Created) OpenTarget(StoreLocation to)
        {
            if (!to.IsServer)
            {
                var created = !File.Exists(to.FilePath) || new FileInfo(to.FilePath).Length == 0;
                return (SocialStore.Open(to, createIfMissing: true), created);
            }

            try
            {
                return (SocialStore.Open(to, createIfMissing: false), false);
            }
            catch (SocialToolkitException empty) when (empty.ErrorId == "StoreNotInitialized")
            {
                // A database with no store yet: set it up as Initialize-SocialStore would, which only the database's owner
                // (or a role allowed to create in it) can do.
                try
                {
                    return (SocialStore.Initialize(to), true);
                }
                catch (SocialToolkitException refused) when (refused.Kind == FailureKind.PermissionDenied)
                {
                    throw new SocialToolkitException("StoreNotInitialized", FailureKind.PermissionDenied,
                        $"{to.Display} holds no store yet, and this sign-in may not create one there. The database's owner sets it up once with Initialize-SocialStore -StoreConnection '{to.Display}', or runs Copy-SocialStore, which sets it up too.", to.Display, refused);
                }
            }
        }

        /// <summary>
        /// Empties the target in one transaction, children before parents, and returns what each table held. Without -Force
        /// a target holding data is refused here too: something may have written to it since the plan was made.
        /// </summary>
        private static IReadOnlyDictionary<string, long> Clear(SocialStore target, bool force)
        {
            return SocialStore.Guard(target.Path, "clearing", () =>
            {
                // Replaced rows are personal data: in a file, their pages are zeroed rather than left free, as an erasure leaves them.
                target.EraseSecurely();

                using var transaction = target.Connection.BeginTransaction();
                var rows = CountRows(target, transaction);
                if (!force && HoldsData(rows))
                {
                    throw NotEmpty(target.Location, rows);
                }

                foreach (var table in Tables.Reverse())
                {
                    if (rows[table.Name] > 0)
                    {
                        using var delete = target.Command($"DELETE FROM {Quote(table.Name)}", transaction);
                        delete.ExecuteNonQuery();
                    }
                }

                transaction.Commit();
                return rows;
            });
        }

        private static StoreTableCopy CopyTable(SocialStore source, DbTransaction sourceRead, SocialStore target, StoreTableSpec table, CopyProgress progress, CancellationToken token, Action<SocialStore, string, DbTransaction>? afterTableWritten)
        {
            var clock = Stopwatch.StartNew();
            var columns = SocialStore.Guard(source.Path, "reading", () => Columns(source, table.Name, sourceRead));
            var targetColumns = SocialStore.Guard(target.Path, "reading", () => Columns(target, table.Name, null));
            var names = columns.Select(c => c.Name).ToArray();
            var missing = names.Except(targetColumns.Select(c => c.Name), StringComparer.Ordinal)
                .Concat(targetColumns.Select(c => c.Name).Except(names, StringComparer.Ordinal))
                .ToList();
            if (missing.Count > 0)
            {
                throw new SocialToolkitException("StoreCopySchemaMismatch", FailureKind.InvalidData,
                    $"The table '{table.Name}' has different columns in {source.Path} and {target.Path} ({string.Join(", ", missing)}), though both are at schema {SocialStore.CurrentSchemaVersion}; nothing of it was copied.", target.Path);
            }

            return SocialStore.Guard(target.Path, $"copying the {table.Name} table into", () =>
            {
                using var transaction = target.Connection.BeginTransaction();
                var hash = new RowHasher();
                long copied;
                using (var read = source.Command(Select(table, names), sourceRead))
                using (var reader = SocialStore.Guard(source.Path, "reading", () => read.ExecuteReader()))
                using (var writer = RowWriter.For(target, transaction, table.Name, targetColumns.Where(c => names.Contains(c.Name, StringComparer.Ordinal)).OrderBy(c => Array.IndexOf(names, c.Name)).ToArray()))
                {
                    // A failure while reading is the source's (a lost connection), while writing the target's.
                    bool ReadRow(object[] row)
                    {
                        try
                        {
                            if (!reader.Read())
                            {
                                return false;
                            }

                            reader.GetValues(row);
                            return true;
                        }
                        catch (DbException e)
                        {
                            throw SocialStore.Failure(e, source.Path, "reading");
                        }
                    }

                    var values = new object[names.Length];
                    copied = 0;
                    while (ReadRow(values))
                    {
                        hash.Add(values);
                        writer.Write(values);
                        if (++copied % RowsPerStep == 0)
                        {
                            token.ThrowIfCancellationRequested();
                            progress.Report(copied);
                        }
                    }

                    writer.Complete();
                }

                if (table.Identity != null && target.IsServer)
                {
                    // Rows came with their ids: the identity's sequence must start after the largest, or the next insert collides;
                    // for people, after the largest ever erased too, which the release ledger may still name.
                    using var reset = target.Command($"SELECT setval(pg_get_serial_sequence('socialtoolkit.{table.Name}', '{table.Identity}'), GREATEST(COALESCE(max({Quote(table.Identity)}), 0), @floor) + 1, false) FROM {Quote(table.Name)}", transaction);
                    reset.Parameters.AddWithValue("@floor", table.Name == "person" ? source.ErasedPersonIdHighWater(sourceRead) : 0L);
                    reset.ExecuteNonQuery();
                }

                afterTableWritten?.Invoke(target, table.Name, transaction);
                token.ThrowIfCancellationRequested();
                progress.Verifying();
                var (rows, checksum) = Checksum(target, transaction, table, names);
                RequireSame(table.Name, copied, hash.Finish(), rows, checksum, source.Path, target.Path);
                transaction.Commit();

                if (target.IsServer)
                {
                    // Fresh statistics, so the first reports on the copy do not plan as if the table were empty.
                    using var analyze = target.Command($"ANALYZE {Quote(table.Name)}");
                    analyze.ExecuteNonQuery();
                }

                return new StoreTableCopy { Table = table.Name, Rows = copied, Checksum = checksum, Duration = clock.Elapsed };
            });
        }

        private static void RequireSame(string table, long expectedRows, string expectedChecksum, long rows, string checksum, string source, string target)
        {
            if (expectedRows != rows)
            {
                throw new SocialToolkitException("StoreCopyMismatch", FailureKind.InvalidData,
                    $"The table '{table}' does not match after the copy: {source} has {expectedRows} row(s), {target} {rows}. The table was not copied.", target);
            }

            if (!string.Equals(expectedChecksum, checksum, StringComparison.Ordinal))
            {
                throw new SocialToolkitException("StoreCopyMismatch", FailureKind.InvalidData,
                    $"The table '{table}' does not match after the copy: both have {rows} row(s), but their contents differ (SHA-256 {expectedChecksum.Substring(0, 16)}… in {source}, {checksum.Substring(0, 16)}… in {target}). The table was not copied.", target);
            }
        }

        private static (long Rows, string Checksum) Checksum(SocialStore store, DbTransaction? transaction, StoreTableSpec table, string[] columns)
        {
            var hash = new RowHasher();
            long rows = 0;
            using var command = store.Command(Select(table, columns), transaction);
            using var reader = command.ExecuteReader();
            var values = new object[columns.Length];
            while (reader.Read())
            {
                reader.GetValues(values);
                hash.Add(values);
                rows++;
            }

            return (rows, hash.Finish());
        }

        // Both backends order text keys byte by byte (SQLite's BINARY, PostgreSQL's "C" collation in the store's schema),
        // so the rows come in the same order on both sides.
        private static string Select(StoreTableSpec table, string[] columns) =>
            $"SELECT {string.Join(", ", columns.Select(Quote))} FROM {Quote(table.Name)} ORDER BY {string.Join(", ", table.Key.Select(Quote))}";

        private static string Quote(string name) => "\"" + name + "\"";

        private static Dictionary<string, long> CountRows(SocialStore store, DbTransaction? transaction)
        {
            var present = TableNames(store, transaction);
            var rows = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in Tables)
            {
                if (!present.Contains(table.Name))
                {
                    // An older file's schema lacks the later tables; they hold nothing.
                    rows[table.Name] = 0;
                    continue;
                }

                using var count = store.Command($"SELECT count(*) FROM {Quote(table.Name)}", transaction);
                rows[table.Name] = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            return rows;
        }

        /// <summary>A table this class does not know would be left behind without a word: refuse instead.</summary>
        private static void RequireKnownTables(SocialStore store)
        {
            var unknown = SocialStore.Guard(store.Path, "reading", () => TableNames(store, null)).Except(Tables.Select(t => t.Name), StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                throw new SocialToolkitException("StoreCopySchemaMismatch", FailureKind.InvalidData,
                    $"{store.Path} has table(s) this version of Copy-SocialStore does not copy ({string.Join(", ", unknown)}); nothing was copied. Update the module.", store.Path);
            }
        }

        private static HashSet<string> TableNames(SocialStore store, DbTransaction? transaction)
        {
            var sql = store.IsServer
                ? "SELECT tablename FROM pg_tables WHERE schemaname = 'socialtoolkit' AND tablename <> 'schema_version'"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            var names = new HashSet<string>(StringComparer.Ordinal);
            using var command = store.Command(sql, transaction);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }

        /// <summary>The table's columns in the store's order, with PostgreSQL's type name (empty on SQLite, which needs none).</summary>
        private static IReadOnlyList<StoreColumn> Columns(SocialStore store, string table, DbTransaction? transaction)
        {
            var sql = store.IsServer
                ? "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'socialtoolkit' AND table_name = @table ORDER BY ordinal_position"
                : "SELECT name, '' FROM pragma_table_info(@table) ORDER BY cid";
            var columns = new List<StoreColumn>();
            using var command = store.Command(sql, transaction);
            command.Parameters.AddWithValue("@table", table);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(new StoreColumn(reader.GetString(0), reader.GetString(1)));
            }

            return columns;
        }

        private static DbTransaction BeginSourceRead(SocialStore source)
        {
            return SocialStore.Guard(source.Path, "reading", () =>
            {
                if (source.Connection is SqliteConnection file)
                {
                    // Deferred: a read transaction on a file that may be read-only; the snapshot starts at the first read.
                    return (DbTransaction)file.BeginTransaction(deferred: true);
                }

                var transaction = source.Connection.BeginTransaction(IsolationLevel.RepeatableRead);
                using var readOnly = source.Command("SET TRANSACTION READ ONLY", transaction);
                readOnly.ExecuteNonQuery();
                return transaction;
            });
        }

        private static bool SameStore(StoreLocation from, StoreLocation to)
        {
            if (from.IsServer != to.IsServer)
            {
                return false;
            }

            if (!from.IsServer)
            {
                var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                return string.Equals(from.FilePath, to.FilePath, comparison);
            }

            // The same database reached as two different users is still one store.
            var a = new NpgsqlConnectionStringBuilder(from.GetConnectionString());
            var b = new NpgsqlConnectionStringBuilder(to.GetConnectionString());
            return string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port && string.Equals(a.Database, b.Database, StringComparison.Ordinal);
        }

        private static SocialToolkitException NotEmpty(StoreLocation to, IReadOnlyDictionary<string, long> rows) =>
            new SocialToolkitException("StoreCopyTargetNotEmpty", FailureKind.AlreadyExists,
                $"{to.Display} already holds a store with data ({Describe(rows)}); nothing was changed. Give -Force to replace everything it holds with the copy, or copy into a new file or an empty database.", to.Display);

        /// <summary>What the target holds after a copy that stopped at <paramref name="table"/>.</summary>
        private static string Interrupted(SocialStore target, IReadOnlyList<StoreTableCopy> copied, StoreTableSpec table, string what)
        {
            var whole = copied.Count == 0 ? "no table" : string.Join(", ", copied.Select(c => c.Table));
            var rest = Tables.SkipWhile(t => t.Name != table.Name).Select(t => t.Name);
            return $"{what} at the table '{table.Name}', whose rows were rolled back: {target.Path} holds these tables whole and verified: {whole}; these are empty: {string.Join(", ", rest)}. " +
                "It is not a usable store until a copy finishes: run Copy-SocialStore again with -Force.";
        }

        /// <summary>Progress of one table, as a share of every row of the store.</summary>
        private sealed class CopyProgress
        {
            private readonly IOperationReporter reporter;
            private readonly string table;
            private readonly long tableRows;
            private readonly long rowsBefore;
            private readonly long totalRows;

            public CopyProgress(IOperationReporter reporter, string table, long tableRows, long rowsBefore, long totalRows)
            {
                this.reporter = reporter;
                this.table = table;
                this.tableRows = tableRows;
                this.rowsBefore = rowsBefore;
                this.totalRows = totalRows;
                Report(0);
            }

            public void Report(long rows) =>
                reporter.Progress(Activity, $"{table}: {rows.ToString("N0", CultureInfo.InvariantCulture)} of {tableRows.ToString("N0", CultureInfo.InvariantCulture)} row(s)", Percent(rowsBefore + rows));

            public void Verifying() =>
                reporter.Progress(Activity, $"{table}: verifying {tableRows.ToString("N0", CultureInfo.InvariantCulture)} row(s)", Percent(rowsBefore + tableRows));

            private int Percent(long done) => (int)Math.Min(99, 100 * done / totalRows);
        }
    }
}
