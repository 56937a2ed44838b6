using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using SocialToolkit.Core.Model;
using SocialToolkit.Data.Store.Backends;

namespace SocialToolkit.Data.Store
{
    /// <summary>One stored day of one network: which source filled it, with how many rows, when.</summary>
    public sealed class CoveredDay
    {
        public string Network { get; set; } = string.Empty;

        public DateTime Day { get; set; }

        public string Source { get; set; } = string.Empty;

        public int RowCount { get; set; }
    }

    /// <summary>A report day that could not be read: its error and how many syncs tried it.</summary>
    public sealed class DayFailure
    {
        public string Network { get; set; } = string.Empty;

        public DateTime Day { get; set; }

        public string ErrorId { get; set; } = string.Empty;

        public string Reason { get; set; } = string.Empty;

        public int Attempts { get; set; }
    }

    public sealed partial class SocialStore
    {
        /// <summary>
        /// Replaces everything stored for one network on one day with <paramref name="rows"/> (each with the store id
        /// of its person) and marks the day as covered. Call inside a transaction: the day is then stored whole or
        /// not at all, and storing it again gives the same result (idempotent re-runs).
        /// Rows with no activity at all are not kept: coverage says the day is known, absence means zero.
        /// </summary>
        public int ReplaceActivityDay(string network, DateTime day, IEnumerable<(long PersonId, ActivityDay Activity)> rows, string source, DbTransaction transaction)
        {
            using (var delete = Command("DELETE FROM activity WHERE network = @network AND day = @day", transaction))
            {
                delete.Parameters.AddWithValue("@network", network);
                delete.Parameters.AddWithValue("@day", FormatDate(day));
                delete.ExecuteNonQuery();
            }

            // The day's rows are gone: on a server they stream in with COPY, the way PostgreSQL loads many rows fast.
            var stored = IsServer ? PostgresBackend.CopyActivity(this, rows, network, source) : WriteActivity(rows, network, source, transaction);
            using var cover = Command(@"INSERT INTO coverage (network, day, source, row_count, stored_at) VALUES (@network, @day, @source, @rows, @at)
ON CONFLICT (network, day) DO UPDATE SET source = excluded.source, row_count = excluded.row_count, stored_at = excluded.stored_at", transaction);
            cover.Parameters.AddWithValue("@network", network);
            cover.Parameters.AddWithValue("@day", FormatDate(day));
            cover.Parameters.AddWithValue("@source", source);
            cover.Parameters.AddWithValue("@rows", stored);
            cover.Parameters.AddWithValue("@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            cover.ExecuteNonQuery();
            using (var cleared = Command("DELETE FROM day_failure WHERE network = @network AND day = @day", transaction))
            {
                cleared.Parameters.AddWithValue("@network", network);
                cleared.Parameters.AddWithValue("@day", FormatDate(day));
                cleared.ExecuteNonQuery();
            }

            return stored;
        }

        /// <summary>Records that a report day could not be read, and why; the day stays uncovered so the next sync tries it again.</summary>
        public void RecordDayFailure(string network, DateTime day, string errorId, string reason)
        {
            using var command = Command(@"INSERT INTO day_failure (network, day, error_id, reason, attempts, failed_at) VALUES (@network, @day, @id, @reason, 1, @at)
ON CONFLICT (network, day) DO UPDATE SET error_id = excluded.error_id, reason = excluded.reason, attempts = day_failure.attempts + 1, failed_at = excluded.failed_at");
            command.Parameters.AddWithValue("@network", network);
            command.Parameters.AddWithValue("@day", FormatDate(day));
            command.Parameters.AddWithValue("@id", errorId);
            command.Parameters.AddWithValue("@reason", reason);
            command.Parameters.AddWithValue("@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }

        /// <summary>Report days that failed and are not stored yet, oldest first.</summary>
        public IReadOnlyList<DayFailure> ReadDayFailures()
        {
            var failures = new List<DayFailure>();
            using var command = Command("SELECT network, day, error_id, reason, attempts FROM day_failure ORDER BY day, network");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                failures.Add(new DayFailure
                {
                    Network = reader.GetString(0),
                    Day = ParseDate(reader.GetString(1)),
                    ErrorId = reader.GetString(2),
                    Reason = reader.GetString(3),
                    Attempts = reader.GetInt32(4),
                });
            }

            return failures;
        }

        /// <summary>
        /// Adds or replaces activity rows (person, network, day) without touching other rows of those days, and
        /// marks each day as covered by <paramref name="source"/> unless a Graph report already covers it.
        /// Used by file imports, inside the caller's transaction.
        /// </summary>
        public int UpsertActivity(IEnumerable<(long PersonId, ActivityDay Activity)> rows, string source, DbTransaction transaction)
        {
            var days = new HashSet<(string Network, string Day)>();
            var stored = WriteActivity(Track(rows, days), null, source, transaction);
            using var cover = Command(@"INSERT INTO coverage (network, day, source, row_count, stored_at)
VALUES (@network, @day, @source, (SELECT count(*) FROM activity WHERE network = @network AND day = @day), @at)
ON CONFLICT (network, day) DO UPDATE SET row_count = excluded.row_count, stored_at = excluded.stored_at", transaction);
            var network = cover.Parameters.Add("@network", DbType.String);
            var day = cover.Parameters.Add("@day", DbType.String);
            cover.Parameters.AddWithValue("@source", source);
            cover.Parameters.AddWithValue("@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            foreach (var covered in days)
            {
                network.Value = covered.Network;
                day.Value = covered.Day;
                cover.ExecuteNonQuery();
            }

            return stored;
        }

        private static IEnumerable<(long PersonId, ActivityDay Activity)> Track(IEnumerable<(long PersonId, ActivityDay Activity)> rows, HashSet<(string, string)> days)
        {
            foreach (var row in rows)
            {
                days.Add((row.Activity.Network, FormatDate(row.Activity.Day)));
                yield return row;
            }
        }

        private int WriteActivity(IEnumerable<(long PersonId, ActivityDay Activity)> rows, string? network, string source, DbTransaction transaction)
        {
            using var insert = Command(@"INSERT INTO activity (person_id, network, day, posts, replies, reactions, reads, shares, source)
VALUES (@person, @network, @day, @posts, @replies, @reactions, @reads, @shares, @source)
ON CONFLICT (person_id, network, day) DO UPDATE SET posts = excluded.posts, replies = excluded.replies, reactions = excluded.reactions,
    reads = excluded.reads, shares = excluded.shares, source = excluded.source", transaction);
            var p = insert.Parameters;
            var person = p.Add("@person", DbType.Int64);
            var networkParameter = p.Add("@network", DbType.String);
            var day = p.Add("@day", DbType.String);
            var posts = p.Add("@posts", DbType.Int64);
            var replies = p.Add("@replies", DbType.Int64);
            var reactions = p.Add("@reactions", DbType.Int64);
            var reads = p.Add("@reads", DbType.Int64);
            var shares = p.Add("@shares", DbType.Int64);
            p.AddWithValue("@source", source);
            insert.Prepare();

            var stored = 0;
            foreach (var (personId, activity) in rows)
            {
                if (!activity.IsEngagement)
                {
                    continue;
                }

                person.Value = personId;
                networkParameter.Value = network ?? activity.Network;
                day.Value = FormatDate(activity.Day);
                posts.Value = activity.Posts;
                replies.Value = activity.Replies;
                reactions.Value = activity.Reactions;
                reads.Value = activity.Reads;
                shares.Value = activity.Shares;
                insert.ExecuteNonQuery();
                stored++;
            }

            return stored;
        }

        /// <summary>Days the store covers, per network, oldest first.</summary>
        public IReadOnlyList<CoveredDay> ReadCoverage(string? network = null)
        {
            var days = new List<CoveredDay>();
            using var command = Command("SELECT network, day, source, row_count FROM coverage " + (network == null ? string.Empty : "WHERE network = @network ") + "ORDER BY network, day");
            if (network != null)
            {
                command.Parameters.AddWithValue("@network", network);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                days.Add(new CoveredDay { Network = reader.GetString(0), Day = ParseDate(reader.GetString(1)), Source = reader.GetString(2), RowCount = reader.GetInt32(3) });
            }

            return days;
        }

        /// <summary>Streams stored activity between two days (inclusive), optionally for one network.</summary>
        public IEnumerable<ActivityDay> ReadActivity(DateTime from, DateTime to, string? network = null)
        {
            using var command = Command(@"SELECT p.upn, a.day, a.network, a.posts, a.replies, a.reactions, a.reads, a.shares, a.source
FROM activity a JOIN person p ON p.id = a.person_id
WHERE a.day BETWEEN @from AND @to" + (network == null ? string.Empty : " AND a.network = @network") + " ORDER BY a.day, a.network, p.upn");
            command.Parameters.AddWithValue("@from", FormatDate(from));
            command.Parameters.AddWithValue("@to", FormatDate(to));
            if (network != null)
            {
                command.Parameters.AddWithValue("@network", network);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return new ActivityDay
                {
                    UserPrincipalName = reader.GetString(0),
                    Day = ParseDate(reader.GetString(1)),
                    Network = reader.GetString(2),
                    Posts = reader.GetInt32(3),
                    Replies = reader.GetInt32(4),
                    Reactions = reader.GetInt32(5),
                    Reads = reader.GetInt32(6),
                    Shares = reader.GetInt32(7),
                    Source = reader.GetString(8),
                };
            }
        }
    }
}
