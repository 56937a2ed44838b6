using System;
using System.Collections.Generic;

namespace SocialToolkit.Core.Store
{
    /// <summary>A run of consecutive days, both ends included.</summary>
    public sealed class DayRange
    {
        public DayRange(DateTime from, DateTime to)
        {
            From = from.Date;
            To = to.Date;
        }

        public DateTime From { get; }

        public DateTime To { get; }

        public int Days => (int)(To - From).TotalDays + 1;

        public override string ToString() => From == To
            ? From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".." + To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Which days of one network the store holds.</summary>
    public sealed class NetworkCoverage
    {
        public string Network { get; set; } = string.Empty;

        /// <summary>Days stored (a stored day with no row for a person means that person did nothing).</summary>
        public int DaysCovered { get; set; }

        public DateTime FirstDay { get; set; }

        public DateTime LastDay { get; set; }

        /// <summary>Days missing between the first and the last covered day.</summary>
        public IReadOnlyList<DayRange> Gaps { get; set; } = Array.Empty<DayRange>();

        /// <summary>Activity rows stored (person-days with some activity).</summary>
        public long ActivityRows { get; set; }

        /// <summary>Where the days came from (GraphReport, File, Sample...).</summary>
        public IReadOnlyList<string> Sources { get; set; } = Array.Empty<string>();

        public override string ToString() => $"{Network}: {DaysCovered} days";
    }

    /// <summary>Training records of one course.</summary>
    public sealed class CourseSummary
    {
        public string CourseId { get; set; } = string.Empty;

        public string CourseTitle { get; set; } = string.Empty;

        public int Records { get; set; }

        public int Completed { get; set; }

        public int InProgress { get; set; }

        public int NotStarted { get; set; }

        public DateTime? FirstCompleted { get; set; }

        public DateTime? LastCompleted { get; set; }

        public override string ToString() => CourseTitle;
    }

    /// <summary>One operation recorded in the store's log.</summary>
    public sealed class StoreOperation
    {
        public string Operation { get; set; } = string.Empty;

        public DateTimeOffset StartedAt { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        /// <summary>Running, Succeeded, Failed or Cancelled. "Running" on an old entry means the process died.</summary>
        public string Outcome { get; set; } = string.Empty;

        public string? Detail { get; set; }

        public override string ToString() => $"{Operation} {Outcome} {StartedAt:u}";
    }

    /// <summary>What a store holds: Get-SocialStoreInfo.</summary>
    public sealed class StoreInfo
    {
        public string Path { get; set; } = string.Empty;

        /// <summary>SQLite (a file) or PostgreSQL (a shared server store).</summary>
        public string Backend { get; set; } = "SQLite";

        /// <summary>Bytes on disk, the write-ahead log included.</summary>
        public long SizeBytes { get; set; }

        public int SchemaVersion { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        public int People { get; set; }

        public int EnabledPeople { get; set; }

        public int DisabledPeople { get; set; }

        public IReadOnlyList<NetworkCoverage> Networks { get; set; } = Array.Empty<NetworkCoverage>();

        public int TrainingRecords { get; set; }

        public IReadOnlyList<CourseSummary> Courses { get; set; } = Array.Empty<CourseSummary>();

        /// <summary>The most recent Sync-SocialData run, if any.</summary>
        public StoreOperation? LastSync { get; set; }

        /// <summary>The latest operations of any kind (syncs, imports, removals), newest first.</summary>
        public IReadOnlyList<StoreOperation> RecentOperations { get; set; } = Array.Empty<StoreOperation>();

        /// <summary>Report days a sync could not read, with the reason; the next sync tries them again.</summary>
        public IReadOnlyList<FailedDay> FailedDays { get; set; } = Array.Empty<FailedDay>();

        /// <summary>People on the erasure list (never added back by a sync or an import).</summary>
        public int ErasedIdentities { get; set; }

        /// <summary>Store metadata (such as a sample store's ground truth); keys that hold secrets are never shown.</summary>
        public IReadOnlyDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();

        public override string ToString() => Path;
    }

    /// <summary>A report day a sync could not read: why, and how many syncs tried it.</summary>
    public sealed class FailedDay
    {
        public string Network { get; set; } = string.Empty;

        public DateTime Day { get; set; }

        public string ErrorId { get; set; } = string.Empty;

        public string Reason { get; set; } = string.Empty;

        public int Attempts { get; set; }

        public override string ToString() => $"{Network} {Day:yyyy-MM-dd}: {ErrorId} ({Attempts} attempt(s))";
    }

    /// <summary>What Remove-SocialStoreData removed.</summary>
    public sealed class StoreRemovalSummary
    {
        public string StorePath { get; set; } = string.Empty;

        /// <summary>Activity and coverage before this day were removed (null when -OlderThan was not used).</summary>
        public DateTime? Before { get; set; }

        /// <summary>People erased, by user principal name.</summary>
        public IReadOnlyList<string> ErasedPeople { get; set; } = Array.Empty<string>();

        public int PeopleRemoved { get; set; }

        public int TrainingRemoved { get; set; }

        public int ActivityRemoved { get; set; }

        public int CoverageRemoved { get; set; }

        /// <summary>Metadata entries removed or redacted because they mentioned an erased person.</summary>
        public int MetadataRedacted { get; set; }

        /// <summary>Log entries redacted because they mentioned an erased person.</summary>
        public int LogEntriesRedacted { get; set; }

        /// <summary>Other people whose manager was an erased person (the reference was cleared).</summary>
        public int ManagerReferencesCleared { get; set; }

        public bool Compacted { get; set; }

        public long SizeBeforeBytes { get; set; }

        public long SizeAfterBytes { get; set; }
    }
}
