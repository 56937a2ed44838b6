using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.Data.Sqlite;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Data.Maintenance
{
    /// <summary>What a retention run would remove.</summary>
    public sealed class RetentionPlan
    {
        public string StorePath { get; set; } = string.Empty;

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
        public string StorePath { get; set; } = string.Empty;

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

        public static RetentionPlan PlanRetention(string storePath, DateTime before, bool includeTraining)
        {
            using var store = SocialStore.Open(storePath, createIfMissing: false);
            var day = SocialStore.FormatDate(before.Date);
            return new RetentionPlan
            {
                StorePath = store.Path,
                Before = before.Date,
                IncludeTraining = includeTraining,
                Activity = Count(store, "SELECT count(*) FROM activity WHERE day < $day", ("$day", day)),
                Coverage = Count(store, "SELECT count(*) FROM coverage WHERE day < $day", ("$day", day)),
                Training = includeTraining ? Count(store, TrainingBefore("count(*)"), ("$day", day)) : 0,
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
                var activity = Execute(store, transaction, "DELETE FROM activity WHERE day < $day", ("$day", day));
                var coverage = Execute(store, transaction, "DELETE FROM coverage WHERE day < $day", ("$day", day));
                var training = plan.IncludeTraining ? Execute(store, transaction, TrainingBefore(null), ("$day", day)) : 0;
                store.AppendLog("Remove-SocialStoreData", "Succeeded", $"before {day}: {activity} activity row(s), {coverage} covered day(s), {training} training record(s)", transaction);
                summary.ActivityRemoved += activity;
                summary.CoverageRemoved += coverage;
                summary.TrainingRemoved += training;
                return 0;
            });
            summary.Before = plan.Before;
            Checkpoint(store);
        }

        public static ErasurePlan PlanErasure(string storePath, string upnOrMail)
        {
            using var store = SocialStore.Open(storePath, createIfMissing: false);
            var requested = upnOrMail.Trim();
            var plan = new ErasurePlan { StorePath = store.Path, Requested = requested };
            var directory = store.LoadPersonDirectory();
            plan.PersonId = directory.Find(requested);
            var identifiers = new List<string> { requested };
            if (plan.PersonId.HasValue)
            {
                using var command = store.Command("SELECT upn, mail FROM person WHERE id = $id");
                command.Parameters.AddWithValue("$id", plan.PersonId.Value);
                using var reader = command.ExecuteReader();
                reader.Read();
                plan.UserPrincipalName = reader.GetString(0);
                identifiers.Add(reader.GetString(0));
                if (!reader.IsDBNull(1))
                {
                    identifiers.Add(reader.GetString(1));
                }

                plan.Training = Count(store, "SELECT count(*) FROM training WHERE person_id = $id", ("$id", plan.PersonId.Value));
                plan.Activity = Count(store, "SELECT count(*) FROM activity WHERE person_id = $id", ("$id", plan.PersonId.Value));
            }

            plan.Identifiers = identifiers.Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            plan.MetadataMentions = store.ReadMetadata().Count(entry => Mentions(entry.Key, plan.Identifiers) || Mentions(entry.Value, plan.Identifiers));
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
                var managers = 0;
                foreach (var identifier in plan.Identifiers)
                {
                    managers += Execute(store, transaction, "UPDATE person SET manager_upn = NULL, manager_directory_id = NULL WHERE manager_upn = $upn" + (plan.PersonId.HasValue ? " AND id <> $id" : string.Empty),
                        ("$upn", identifier), ("$id", plan.PersonId ?? 0));
                }

                int training = 0, activity = 0, people = 0;
                if (plan.PersonId.HasValue)
                {
                    // Training and activity go with the person (ON DELETE CASCADE); counted first so the summary is exact.
                    training = Count(store, "SELECT count(*) FROM training WHERE person_id = $id", ("$id", plan.PersonId.Value), transaction);
                    activity = Count(store, "SELECT count(*) FROM activity WHERE person_id = $id", ("$id", plan.PersonId.Value), transaction);
                    people = Execute(store, transaction, "DELETE FROM person WHERE id = $id", ("$id", plan.PersonId.Value));
                }

                var metadata = RedactMetadata(store, plan.Identifiers, transaction);
                var log = RedactLog(store, plan.Identifiers, transaction);

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

            Checkpoint(store);
        }

        /// <summary>Rewrites the file without free pages (VACUUM), so it shrinks and keeps no trace of removed rows.</summary>
        public static void Compact(string storePath, StoreRemovalSummary summary, IOperationReporter reporter, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
            reporter.Progress("Removing store data", "Compacting the store");
            using var store = OpenForRemoval(storePath);
            using (var vacuum = store.Command("VACUUM"))
            {
                vacuum.ExecuteNonQuery();
            }

            Checkpoint(store);
            summary.Compacted = true;
        }

        public static long Size(string storePath) => StoreInspector.FileSize(System.IO.Path.GetFullPath(storePath));

        private static SocialStore OpenForRemoval(string storePath)
        {
            var store = SocialStore.Open(storePath, createIfMissing: false);
            using var secure = store.Command("PRAGMA secure_delete = ON");
            secure.ExecuteNonQuery();
            return store;
        }

        /// <summary>Moves the write-ahead log into the file and empties it: old page images would still hold removed rows.</summary>
        private static void Checkpoint(SocialStore store)
        {
            using var checkpoint = store.Command("PRAGMA wal_checkpoint(TRUNCATE)");
            checkpoint.ExecuteNonQuery();
        }

        private static string TrainingBefore(string? count) =>
            (count == null ? "DELETE FROM training" : "SELECT " + count + " FROM training") +
            " WHERE coalesce(completed_date, assigned_date) IS NOT NULL AND coalesce(completed_date, assigned_date) < $day";

        private static int CountManagerReferences(SocialStore store, ErasurePlan plan)
        {
            var total = 0;
            foreach (var identifier in plan.Identifiers)
            {
                total += Count(store, "SELECT count(*) FROM person WHERE manager_upn = $upn" + (plan.PersonId.HasValue ? " AND id <> $id" : string.Empty), ("$upn", identifier), ("$id", plan.PersonId ?? 0));
            }

            return total;
        }

        private static int RedactMetadata(SocialStore store, IReadOnlyList<string> identifiers, SqliteTransaction transaction)
        {
            var changed = 0;
            foreach (var entry in ReadMetadata(store, transaction))
            {
                if (Mentions(entry.Key, identifiers))
                {
                    // A key that names the person cannot be kept in any form.
                    Execute(store, transaction, "DELETE FROM metadata WHERE key = $key", ("$key", entry.Key));
                    changed++;
                }
                else if (Mentions(entry.Value, identifiers))
                {
                    Execute(store, transaction, "UPDATE metadata SET value = $value WHERE key = $key", ("$value", Redact(entry.Value, identifiers)), ("$key", entry.Key));
                    changed++;
                }
            }

            return changed;
        }

        private static int RedactLog(SocialStore store, IReadOnlyList<string> identifiers, SqliteTransaction transaction)
        {
            var changed = 0;
            foreach (var entry in ReadLogDetails(store, transaction))
            {
                if (Mentions(entry.Detail, identifiers))
                {
                    Execute(store, transaction, "UPDATE sync_log SET detail = $detail WHERE id = $id", ("$detail", Redact(entry.Detail!, identifiers)), ("$id", entry.Id));
                    changed++;
                }
            }

            return changed;
        }

        private static List<KeyValuePair<string, string>> ReadMetadata(SocialStore store, SqliteTransaction transaction)
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

        private static List<(long Id, string? Detail)> ReadLogDetails(SocialStore store, SqliteTransaction? transaction)
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

        private static bool Mentions(string? text, IReadOnlyList<string> identifiers) =>
            text != null && identifiers.Any(i => text.IndexOf(i, StringComparison.OrdinalIgnoreCase) >= 0);

        private static string Redact(string text, IReadOnlyList<string> identifiers)
        {
            foreach (var identifier in identifiers.OrderByDescending(i => i.Length))
            {
                text = Regex.Replace(text, Regex.Escape(identifier), Redacted, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            }

            return text;
        }

        private static int Count(SocialStore store, string sql, (string Name, object Value) parameter, SqliteTransaction? transaction = null) =>
            Count(store, sql, transaction, parameter);

        private static int Count(SocialStore store, string sql, (string Name, object Value) first, (string Name, object Value) second) =>
            Count(store, sql, null, first, second);

        private static int Count(SocialStore store, string sql, SqliteTransaction? transaction, params (string Name, object Value)[] parameters)
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

        private static int Execute(SocialStore store, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
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
