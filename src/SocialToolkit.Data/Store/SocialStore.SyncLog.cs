using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;

namespace SocialToolkit.Data.Store
{
    /// <summary>One line of the sync log: what ran, when, and how it ended.</summary>
    public sealed class SyncLogEntry
    {
        public long Id { get; set; }

        public DateTimeOffset StartedAt { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        public string Operation { get; set; } = string.Empty;

        /// <summary>Running, Succeeded, Failed or Cancelled. "Running" on an old entry means the process died.</summary>
        public string Outcome { get; set; } = string.Empty;

        public string? Detail { get; set; }
    }

    public sealed partial class SocialStore
    {
        /// <summary>Records the start of an operation; returns its log id for <see cref="FinishLog"/>.</summary>
        public long StartLog(string operation)
        {
            using var command = Command("INSERT INTO sync_log (started_at, operation, outcome) VALUES (@at, @operation, 'Running') RETURNING id");
            command.Parameters.AddWithValue("@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("@operation", operation);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        public void FinishLog(long id, string outcome, string? detail)
        {
            using var command = Command("UPDATE sync_log SET finished_at = @at, outcome = @outcome, detail = @detail WHERE id = @id");
            command.Parameters.AddWithValue("@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("@outcome", outcome);
            command.Parameters.AddWithValue("@detail", DbText(detail));
            command.Parameters.AddWithValue("@id", id);
            command.ExecuteNonQuery();
        }

        /// <summary>
        /// Records a finished operation inside the caller's transaction, so the entry exists exactly when the
        /// operation's data does (imports and removals).
        /// </summary>
        public void AppendLog(string operation, string outcome, string? detail, DbTransaction transaction)
        {
            var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            using var command = Command("INSERT INTO sync_log (started_at, finished_at, operation, outcome, detail) VALUES (@at, @at, @operation, @outcome, @detail)", transaction);
            command.Parameters.AddWithValue("@at", now);
            command.Parameters.AddWithValue("@operation", operation);
            command.Parameters.AddWithValue("@outcome", outcome);
            command.Parameters.AddWithValue("@detail", DbText(detail));
            command.ExecuteNonQuery();
        }

        /// <summary>The most recent log entries, newest first.</summary>
        public IReadOnlyList<SyncLogEntry> ReadLog(int count = 20) => ReadLog(count, null);

        /// <summary>The most recent entries of operations whose name starts with <paramref name="operationPrefix"/>, newest first.</summary>
        public IReadOnlyList<SyncLogEntry> ReadLog(int count, string? operationPrefix)
        {
            var entries = new List<SyncLogEntry>();
            using var command = Command("SELECT id, started_at, finished_at, operation, outcome, detail FROM sync_log " +
                (operationPrefix == null ? string.Empty : "WHERE substr(operation, 1, length(@prefix)) = @prefix ") + "ORDER BY id DESC LIMIT @count");
            command.Parameters.AddWithValue("@count", count);
            if (operationPrefix != null)
            {
                command.Parameters.AddWithValue("@prefix", operationPrefix);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new SyncLogEntry
                {
                    Id = reader.GetInt64(0),
                    StartedAt = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                    FinishedAt = reader.IsDBNull(2) ? (DateTimeOffset?)null : DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                    Operation = reader.GetString(3),
                    Outcome = reader.GetString(4),
                    Detail = reader.IsDBNull(5) ? null : reader.GetString(5),
                });
            }

            return entries;
        }
    }
}
