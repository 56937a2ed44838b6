using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Data.Maintenance
{
    /// <summary>Get-SocialStoreInfo: what a store holds, without changing it.</summary>
    public static class StoreInspector
    {
        /// <summary>
        /// Metadata keys that may hold secrets (the pseudonym key of the reports, tokens) are never shown: their name
        /// contains one of these words.
        /// </summary>
        private static readonly string[] SecretWords = { "key", "secret", "token", "password", "salt", "hmac", "pseudonym", "credential" };

        public static StoreInfo Read(StoreLocation storePath, IOperationReporter reporter, CancellationToken token) =>
            SocialStore.Guard(storePath.Display, "reading", () => ReadStore(storePath, reporter, token));

        /// <summary>Describes the store; the caller turns a database failure into its own message (<see cref="SocialStore.Guard"/>).</summary>
        internal static StoreInfo ReadStore(StoreLocation storePath, IOperationReporter reporter, CancellationToken token)
        {
            reporter.Progress("Reading the store", storePath.Display);
            using var store = SocialStore.OpenReadOnly(storePath, allowOlderSchema: true);
            token.ThrowIfCancellationRequested();
            var info = new StoreInfo
            {
                Path = store.Path,
                Backend = store.BackendName,
                SizeBytes = store.SizeBytes(),
                SchemaVersion = store.SchemaVersion,
            };

            using (var people = store.Command("SELECT count(*), count(CASE WHEN enabled = 1 THEN 1 END) FROM person"))
            using (var reader = people.ExecuteReader())
            {
                reader.Read();
                info.People = reader.GetInt32(0);
                info.EnabledPeople = reader.GetInt32(1);
                info.DisabledPeople = info.People - info.EnabledPeople;
            }

            info.Networks = ReadNetworks(store);
            token.ThrowIfCancellationRequested();
            info.Courses = ReadCourses(store);
            info.TrainingRecords = info.Courses.Sum(c => c.Records);

            var recent = store.ReadLog(5);
            info.RecentOperations = recent.Select(ToOperation).ToArray();
            var lastSync = store.ReadLog(1, "Sync").FirstOrDefault();
            info.LastSync = lastSync == null ? null : ToOperation(lastSync);

            var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in store.ReadMetadata())
            {
                if (!SecretWords.Any(word => entry.Key.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    metadata[entry.Key] = entry.Value;
                }
            }

            info.Metadata = metadata;
            // Failed days and the erasure list came with schema step 3; an older store read as it is has neither.
            if (info.SchemaVersion >= 3)
            {
                info.FailedDays = store.ReadDayFailures().Select(f => new FailedDay { Network = f.Network, Day = f.Day, ErrorId = f.ErrorId, Reason = f.Reason, Attempts = f.Attempts }).ToArray();
                using var erased = store.Command("SELECT count(*) FROM erased_identity");
                info.ErasedIdentities = Convert.ToInt32(erased.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            if (metadata.TryGetValue("created_at", out var created) && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var createdAt))
            {
                info.CreatedAt = createdAt;
            }

            return info;
        }

        /// <summary>The store file plus its write-ahead log: what the store takes on disk.</summary>
        internal static long FileSize(string path)
        {
            long size = 0;
            foreach (var file in new[] { path, path + "-wal" })
            {
                if (File.Exists(file))
                {
                    size += new FileInfo(file).Length;
                }
            }

            return size;
        }

        /// <summary>Missing runs of days between <paramref name="days"/>' first and last (sorted, distinct).</summary>
        public static IReadOnlyList<DayRange> Gaps(IReadOnlyList<DateTime> days)
        {
            var gaps = new List<DayRange>();
            for (var i = 1; i < days.Count; i++)
            {
                var expected = days[i - 1].AddDays(1);
                if (days[i] > expected)
                {
                    gaps.Add(new DayRange(expected, days[i].AddDays(-1)));
                }
            }

            return gaps;
        }

        private static IReadOnlyList<NetworkCoverage> ReadNetworks(SocialStore store)
        {
            var rowsPerNetwork = new Dictionary<string, long>(StringComparer.Ordinal);
            using (var command = store.Command("SELECT network, count(*) FROM activity GROUP BY network"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    rowsPerNetwork[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            var networks = new List<NetworkCoverage>();
            foreach (var group in store.ReadCoverage().GroupBy(c => c.Network, StringComparer.Ordinal))
            {
                var days = group.Select(c => c.Day.Date).Distinct().OrderBy(d => d).ToList();
                networks.Add(new NetworkCoverage
                {
                    Network = group.Key,
                    DaysCovered = days.Count,
                    FirstDay = days[0],
                    LastDay = days[days.Count - 1],
                    Gaps = Gaps(days),
                    ActivityRows = rowsPerNetwork.TryGetValue(group.Key, out var rows) ? rows : 0,
                    Sources = group.Select(c => c.Source).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToArray(),
                });
            }

            return networks;
        }

        private static IReadOnlyList<CourseSummary> ReadCourses(SocialStore store)
        {
            var courses = new List<CourseSummary>();
            using var command = store.Command(@"SELECT course_id, max(course_title), count(*),
    count(CASE WHEN status = 'Completed' THEN 1 END), count(CASE WHEN status = 'InProgress' THEN 1 END), count(CASE WHEN status = 'NotStarted' THEN 1 END), min(completed_date), max(completed_date)
FROM training GROUP BY course_id ORDER BY course_id");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                courses.Add(new CourseSummary
                {
                    CourseId = reader.GetString(0),
                    CourseTitle = reader.GetString(1),
                    Records = reader.GetInt32(2),
                    Completed = reader.GetInt32(3),
                    InProgress = reader.GetInt32(4),
                    NotStarted = reader.GetInt32(5),
                    FirstCompleted = reader.IsDBNull(6) ? (DateTime?)null : SocialStore.ParseDate(reader.GetString(6)),
                    LastCompleted = reader.IsDBNull(7) ? (DateTime?)null : SocialStore.ParseDate(reader.GetString(7)),
                });
            }

            return courses;
        }

        private static StoreOperation ToOperation(SyncLogEntry entry) => new StoreOperation
        {
            Operation = entry.Operation,
            StartedAt = entry.StartedAt,
            FinishedAt = entry.FinishedAt,
            Outcome = entry.Outcome,
            Detail = entry.Detail,
        };
    }
}
