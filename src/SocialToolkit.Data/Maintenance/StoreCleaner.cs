using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.Data.Sqlite;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Data.Maintenance
{
    /// <summary>What a retention run would remove.</summary>
    public sealed class RetentionPlan
    {
        /// <summary>The store the plan was made for, connection string included, so that applying it reaches the same store.</summary>
        public StoreLocation StorePath { get; set; } = null!;

        public DateTime Before { get; set; }

        public bool IncludeTraining { get; set; }

        public int Activity { get; set; }

        public int Coverage { get; set; }

        public int Training { get; set; }

        public string Description => $"Remove {Activity} activity row(s) and {Coverage} covered day(s)" +
            (IncludeTraining ? $" and {Training} training record(s)" : string.Empty) +
            $" before {Before.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
    }

    /// <summary>What erasing one person would remove.</summary>
    public sealed class ErasurePlan
    {
        /// <summary>The store the plan was made for, connection string included, so that applying it reaches the same store.</summary>
        public StoreLocation StorePath { get; set; } = null!;

        /// <summary>What the user asked for (a UPN or a mail address).</summary>
        public string Requested { get; set; } = string.Empty;

        /// <summary>The store's UPN of the person; null when nobody in the store has that UPN or mail.</summary>
        public string? UserPrincipalName { get; set; }

        public long? PersonId { get; set; }

        /// <summary>Texts whose every mention is erased: the UPN and mail of the person, or the requested text.</summary>
        public IReadOnlyList<string> Identifiers { get; set; } = Array.Empty<string>();

        public int Training { get; set; }

        public int Activity { get; set; }

        public int MetadataMentions { get; set; }

        public int LogMentions { get; set; }

        public int ManagerReferences { get; set; }

        /// <summary>The person's directory object id, put on the erasure list with the UPN and mail.</summary>
        public string? DirectoryId { get; set; }

        public bool Found => PersonId.HasValue;

        public bool HasAnything => Found || MetadataMentions + LogMentions + ManagerReferences > 0;

        public string Description => Found
            ? $"Erase {UserPrincipalName}: the person, {Training} training record(s), {Activity} activity row(s), {MetadataMentions} metadata mention(s), {LogMentions} log mention(s), {ManagerReferences} manager reference(s)"
            : $"Erase every mention of {Requested}: {MetadataMentions} metadata entry(ies), {LogMentions} log entry(ies), {ManagerReferences} manager reference(s)";
    }

    /// <summary>
    /// Remove-SocialStoreData: retention (old activity) and erasure (everything about a person). Every removal is
    /// one transaction with SQLite's secure delete on, and the write-ahead log is checkpointed and truncated
    /// afterwards, so removed rows do not linger in freed pages or in the log.
    /// </summary>
    public static class StoreCleaner
    {
        private const string Redacted = "[erased]";

        /// <summary>Metadata the store needs to stay usable: never redacted or removed by an erasure.</summary>
        private static readonly string[] ProtectedMetadata = { SocialStore.PseudonymKeyMetadata, SocialStore.ErasureKeyMetadata, "created_at" };

        public static RetentionPlan PlanRetention(StoreLocation storePath, DateTime before, bool includeTraining)
        {
            if (before.Date > DateTime.UtcNow.Date)
            {
                // A cut-off in the future would remove everything, including today's data.
                throw new SocialToolkitException("RetentionDateInFuture", FailureKind.InvalidArgument,
                    $"-OlderThan {before:yyyy-MM-dd} is in the future: it would remove every stored day. Give a past date or a number of days (365 removes what is older than a year).",
                    "OlderThan");
            }

            using var store = SocialStore.Open(storePath, createIfMissing: false);
            var day = SocialStore.FormatDate(before.Date);
            return new RetentionPlan
            {
                StorePath = store.Location,
                Before = before.Date,
                IncludeTraining = includeTraining,
                Activity = Count(store, "SELECT count(*) FROM activity WHERE day < @day", ("@day", day)),
                Coverage = Count(store, "SELECT count(*) FROM coverage WHERE day < @day", ("@day", day)),
                Training = includeTraining ? Count(store, TrainingBefore("count(*)"), ("@day", day)) : 0,
            };
        }

        public static void ApplyRetention(RetentionPlan plan, StoreRemovalSummary summary, IOperationReporter reporter, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
            reporter.Progress("Removing store data", plan.Description);
            using var store = OpenForRemoval(plan.StorePath);
            var day = SocialStore.FormatDate(plan.Before);
            store.InTransaction(transaction =>
            {
                var activity = Execute(store, transaction, "DELETE FROM activity WHERE day < @day", ("@day", day));
                var coverage = Execute(store, transaction, "DELETE FROM coverage WHERE day < @day", ("@day", day));
                var training = plan.IncludeTraining ? Execute(store, transaction, TrainingBefore(null), ("@day", day)) : 0;
                store.AppendLog("Remove-SocialStoreData", "Succeeded", $"before {day}: {activity} activity row(s), {coverage} covered day(s), {training} training record(s)", transaction);
                summary.ActivityRemoved += activity;
                summary.CoverageRemoved += coverage;
                summary.TrainingRemoved += training;
                return 0;
            });
            summary.Before = plan.Before;
            store.Checkpoint();
        }

        public static ErasurePlan PlanErasure(StoreLocation storePath, string upnOrMail)
        {
            using var store = SocialStore.Open(storePath, createIfMissing: false);
            var requested = upnOrMail.Trim();
            var plan = new ErasurePlan { StorePath = store.Location, Requested = requested };
            var directory = store.LoadPersonDirectory();
            plan.PersonId = directory.Find(requested);
            if (plan.PersonId.HasValue && !string.Equals(directory.UserPrincipalName(plan.PersonId.Value), requested, StringComparison.OrdinalIgnoreCase))
            {
                // Found by mail: an alias that several people share names none of them alone, and the directory would
                // pick one of them silently. The store's data, not the text, makes it ambiguous: the other people given
                // are still erased.
                var holders = Texts(store, "SELECT upn FROM person WHERE mail = @text ORDER BY upn", requested);
                if (holders.Count > 1)
                {
                    throw new SocialToolkitException("ErasureAmbiguous", FailureKind.InvalidData,
                        $"-UserPrincipalName '{requested}' is the mail address of {holders.Count} people ({string.Join(", ", holders)}): nothing was erased. Give the user principal name of the person to erase.",
                        "UserPrincipalName");
                }
            }

            // A text that names nobody is scrubbed from mentions only when it is an address: "a" is not an identifier.
            var identifiers = new List<string>();
            if (plan.PersonId.HasValue || requested.IndexOf('@') > 0)
            {
                identifiers.Add(requested);
            }

            if (plan.PersonId.HasValue)
            {
                string? mail = null;
                // Read and closed before the counts below: a PostgreSQL connection runs one query at a time.
                using (var command = store.Command("SELECT upn, mail, directory_id FROM person WHERE id = @id"))
                {
                    command.Parameters.AddWithValue("@id", plan.PersonId.Value);
                    using var reader = command.ExecuteReader();
                    reader.Read();
                    plan.UserPrincipalName = reader.GetString(0);
                    identifiers.Add(reader.GetString(0));
                    if (!reader.IsDBNull(1))
                    {
                        mail = reader.GetString(1);
                    }

                    if (!reader.IsDBNull(2))
                    {
                        plan.DirectoryId = reader.GetString(2);
                    }
                }

                // A mail another person also holds (a shared alias) is not this person's to erase: scrubbing it, or putting
                // it on the erasure list, would strike the other person too, refused by every later sync.
                if (mail != null && Count(store, "SELECT count(*) FROM person WHERE (upn = @text OR mail = @text) AND id <> @id", ("@text", mail), ("@id", plan.PersonId.Value)) == 0)
                {
                    identifiers.Add(mail);
                }

                plan.Training = Count(store, "SELECT count(*) FROM training WHERE person_id = @id", ("@id", plan.PersonId.Value));
                plan.Activity = Count(store, "SELECT count(*) FROM activity WHERE person_id = @id", ("@id", plan.PersonId.Value));
            }

            plan.Identifiers = identifiers.Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            plan.MetadataMentions = store.ReadMetadata().Count(entry => !IsProtected(entry.Key) && (Mentions(entry.Key, plan.Identifiers) || Mentions(entry.Value, plan.Identifiers)));
            plan.LogMentions = ReadLogDetails(store, null).Count(entry => Mentions(entry.Detail, plan.Identifiers));
            plan.ManagerReferences = CountManagerReferences(store, plan);
            return plan;
        }

        public static void ApplyErasure(ErasurePlan plan, StoreRemovalSummary summary, IOperationReporter reporter, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
            reporter.Progress("Removing store data", plan.Description);
            using var store = OpenForRemoval(plan.StorePath);
            store.InTransaction(transaction =>
            {
                var managed = ManagerReferences(plan);
                var managers = managed == null ? 0 : Execute(store, transaction, "UPDATE person SET manager_upn = NULL, manager_directory_id = NULL WHERE " + managed.Value.Where, managed.Value.Parameters);

                int training = 0, activity = 0, people = 0;
                if (plan.PersonId.HasValue)
                {
                    // Training and activity go with the person (ON DELETE CASCADE); counted first so the summary is exact.
                    training = Count(store, "SELECT count(*) FROM training WHERE person_id = @id", ("@id", plan.PersonId.Value), transaction);
                    activity = Count(store, "SELECT count(*) FROM activity WHERE person_id = @id", ("@id", plan.PersonId.Value), transaction);
                    people = Execute(store, transaction, "DELETE FROM person WHERE id = @id", ("@id", plan.PersonId.Value));
                    store.RecordErasedPersonId(plan.PersonId.Value, transaction);
                }

                var metadata = RedactMetadata(store, plan.Identifiers, transaction);
                var log = RedactLog(store, plan.Identifiers, transaction);
                foreach (var identifier in plan.Identifiers)
                {
                    // Other people's history names their former manager: keep the change, not the name.
                    Execute(store, transaction, "UPDATE person_history SET value = @redacted WHERE field = 'Manager' AND lower(value) = lower(@upn)", ("@redacted", Redacted), ("@upn", identifier));
                }

                // So that no later sync or import adds the person back: keyed hashes, not the identifiers.
                store.AddToErasureList(plan.Identifiers.Concat(plan.DirectoryId == null ? Array.Empty<string>() : new[] { plan.DirectoryId }), transaction);

                // The log line says what was erased, never whom: naming the person would undo the erasure.
                store.AppendLog("Remove-SocialStoreData", "Succeeded", $"erasure: {people} person, {training} training record(s), {activity} activity row(s), {metadata} metadata and {log} log mention(s)", transaction);
                summary.PeopleRemoved += people;
                summary.TrainingRemoved += training;
                summary.ActivityRemoved += activity;
                summary.MetadataRedacted += metadata;
                summary.LogEntriesRedacted += log;
                summary.ManagerReferencesCleared += managers;
                return 0;
            });
            if (plan.UserPrincipalName != null)
            {
                summary.ErasedPeople = summary.ErasedPeople.Concat(new[] { plan.UserPrincipalName }).ToArray();
            }

            store.Checkpoint();
        }

        /// <summary>Rewrites the file without free pages (VACUUM), so it shrinks and keeps no trace of removed rows.</summary>
        public static void Compact(StoreLocation storePath, StoreRemovalSummary summary, IOperationReporter reporter, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
            if (storePath.IsServer)
            {
                // VACUUM FULL takes the tables' owner, not a store role; and the server never hands out its files' bytes.
                throw new SocialToolkitException("CompactNeedsFile", FailureKind.InvalidArgument,
                    $"-Compact rewrites a store file; {storePath.Display} is a PostgreSQL store, whose server reclaims the space of removed rows itself (autovacuum; VACUUM FULL by the database's owner). What was removed stays removed.",
                    "Compact");
            }

            reporter.Progress("Removing store data", "Compacting the store");
            using var store = OpenForRemoval(storePath);
            try
            {
                using (var vacuum = store.Command("VACUUM"))
                {
                    vacuum.ExecuteNonQuery();
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 5 || e.SqliteErrorCode == 6)
            {
                throw StoreInUse(store.Path, e);
            }

            // The rewritten pages are in the write-ahead log until a checkpoint copies them into the file; a reader of
            // another program holding an older snapshot stops that copy, and the old pages stay on disk. Wait for it a
            // little, then say so rather than claim a compaction that did not happen.
            for (var attempt = 1; ; attempt++)
            {
                if (store.Checkpoint())
                {
                    break;
                }

                if (attempt >= CheckpointAttempts)
                {
                    throw StoreInUse(store.Path, null);
                }

                reporter.Progress("Removing store data", "Waiting for another program to stop reading the store");
                token.WaitHandle.WaitOne(CheckpointWait);
                token.ThrowIfCancellationRequested();
            }

            summary.Compacted = true;
        }

        /// <summary>Checkpoint attempts and the wait between them while another program reads the store.</summary>
        internal static int CheckpointAttempts { get; set; } = 20;

        internal static TimeSpan CheckpointWait { get; set; } = TimeSpan.FromMilliseconds(500);

        private static SocialToolkitException StoreInUse(string path, Exception? inner) =>
            new SocialToolkitException("StoreInUse", FailureKind.InvalidOperation,
                $"Another program is reading {path}, so the store could not be compacted: removed rows may still be on disk (in the file's free pages or its -wal file). What was removed stays removed; close the other program (a report, a database browser) and run Remove-SocialStoreData -Compact again.",
                path, inner)
            {
                RecommendedAction = "Close every other program that has the store open, then run the command again.",
            };

        /// <summary>What the store takes on disk, in bytes (a server store: its tables and indexes).</summary>
        public static long Size(StoreLocation storePath)
        {
            if (!storePath.IsServer)
            {
                // A file's size needs no connection (and no readable store): the same measure as SqliteBackend.SizeBytes.
                return StoreInspector.FileSize(storePath.FilePath!);
            }

            return SocialStore.Guard(storePath.Display, "reading", () =>
            {
                using var store = SocialStore.OpenReadOnly(storePath, allowOlderSchema: true);
                return store.SizeBytes();
            });
        }

        private static SocialStore OpenForRemoval(StoreLocation storePath)
        {
            var store = SocialStore.Open(storePath, createIfMissing: false);
            store.EraseSecurely();
            return store;
        }

        private static string TrainingBefore(string? count) =>
            (count == null ? "DELETE FROM training" : "SELECT " + count + " FROM training") +
            // A completed record without its completion date may have been completed after the day: kept.
            " WHERE completed_date < @day OR (completed_date IS NULL AND status <> 'Completed' AND assigned_date < @day)";

        private static List<string> Texts(SocialStore store, string sql, string text)
        {
            var texts = new List<string>();
            using var command = store.Command(sql);
            command.Parameters.AddWithValue("@text", text);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                texts.Add(reader.GetString(0));
            }

            return texts;
        }

        private static int CountManagerReferences(SocialStore store, ErasurePlan plan)
        {
            var managed = ManagerReferences(plan);
            return managed == null ? 0 : Count(store, "SELECT count(*) FROM person WHERE " + managed.Value.Where, null, managed.Value.Parameters);
        }

        /// <summary>
        /// The other people whose manager is the erased person: by any of their addresses, or by their directory id when
        /// the address on the row is an older one (a rename). Null when there is nothing to match.
        /// </summary>
        private static (string Where, (string Name, object Value)[] Parameters)? ManagerReferences(ErasurePlan plan)
        {
            var conditions = new List<string>();
            var parameters = new List<(string Name, object Value)>();
            for (var i = 0; i < plan.Identifiers.Count; i++)
            {
                conditions.Add($"manager_upn = @manager{i}_");
                parameters.Add(($"@manager{i}_", plan.Identifiers[i]));
            }

            if (plan.DirectoryId != null)
            {
                conditions.Add("manager_directory_id = @managerDirectoryId");
                parameters.Add(("@managerDirectoryId", plan.DirectoryId));
            }

            if (conditions.Count == 0)
            {
                return null;
            }

            var where = "(" + string.Join(" OR ", conditions) + ")";
            if (plan.PersonId.HasValue)
            {
                where += " AND id <> @id";
                parameters.Add(("@id", plan.PersonId.Value));
            }

            return (where, parameters.ToArray());
        }

        private static int RedactMetadata(SocialStore store, IReadOnlyList<string> identifiers, DbTransaction transaction)
        {
            var changed = 0;
            foreach (var entry in ReadMetadata(store, transaction))
            {
                if (IsProtected(entry.Key))
                {
                    continue;
                }

                if (Mentions(entry.Key, identifiers))
                {
                    // A key that names the person cannot be kept in any form.
                    Execute(store, transaction, "DELETE FROM metadata WHERE key = @key", ("@key", entry.Key));
                    changed++;
                }
                else if (Mentions(entry.Value, identifiers))
                {
                    Execute(store, transaction, "UPDATE metadata SET value = @value WHERE key = @key", ("@value", Redact(entry.Value, identifiers)), ("@key", entry.Key));
                    changed++;
                }
            }

            return changed;
        }

        private static int RedactLog(SocialStore store, IReadOnlyList<string> identifiers, DbTransaction transaction)
        {
            var changed = 0;
            foreach (var entry in ReadLogDetails(store, transaction))
            {
                if (Mentions(entry.Detail, identifiers))
                {
                    Execute(store, transaction, "UPDATE sync_log SET detail = @detail WHERE id = @id", ("@detail", Redact(entry.Detail!, identifiers)), ("@id", entry.Id));
                    changed++;
                }
            }

            return changed;
        }

        private static List<KeyValuePair<string, string>> ReadMetadata(SocialStore store, DbTransaction transaction)
        {
            var entries = new List<KeyValuePair<string, string>>();
            using var command = store.Command("SELECT key, value FROM metadata", transaction);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new KeyValuePair<string, string>(reader.GetString(0), reader.GetString(1)));
            }

            return entries;
        }

        private static List<(long Id, string? Detail)> ReadLogDetails(SocialStore store, DbTransaction? transaction)
        {
            var entries = new List<(long, string?)>();
            using var command = store.Command("SELECT id, detail FROM sync_log WHERE detail IS NOT NULL", transaction);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add((reader.GetInt64(0), reader.GetString(1)));
            }

            return entries;
        }

        /// <summary>
        /// True when <paramref name="text"/> holds one of the identifiers as a whole: not inside a longer word or
        /// address ("a" is not mentioned by "metadata", bob@contoso.test not by bob@contoso.test.fr).
        /// </summary>
        private static bool Mentions(string? text, IReadOnlyList<string> identifiers) =>
            text != null && identifiers.Any(i => Whole(i).IsMatch(text));

        private static string Redact(string text, IReadOnlyList<string> identifiers)
        {
            foreach (var identifier in identifiers.OrderByDescending(i => i.Length))
            {
                text = Whole(identifier).Replace(text, Redacted);
            }

            return text;
        }

        /// <summary>The identifier, bounded by anything that cannot be part of an address or a name.</summary>
        private static Regex Whole(string identifier) =>
            new Regex(@"(?<![\w.@+\-])" + Regex.Escape(identifier) + @"(?![\w@+\-]|\.\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static bool IsProtected(string key) => ProtectedMetadata.Contains(key, StringComparer.Ordinal);

        private static int Count(SocialStore store, string sql, (string Name, object Value) parameter, DbTransaction? transaction = null) =>
            Count(store, sql, transaction, parameter);

        private static int Count(SocialStore store, string sql, (string Name, object Value) first, (string Name, object Value) second) =>
            Count(store, sql, null, first, second);

        private static int Count(SocialStore store, string sql, DbTransaction? transaction, params (string Name, object Value)[] parameters)
        {
            using var command = store.Command(sql, transaction);
            foreach (var (name, value) in parameters)
            {
                if (sql.Contains(name))
                {
                    command.Parameters.AddWithValue(name, value);
                }
            }

            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        private static int Execute(SocialStore store, DbTransaction transaction, string sql, params (string Name, object Value)[] parameters)
        {
            using var command = store.Command(sql, transaction);
            foreach (var (name, value) in parameters)
            {
                if (sql.Contains(name))
                {
                    command.Parameters.AddWithValue(name, value);
                }
            }

            return command.ExecuteNonQuery();
        }
    }
}
