using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Core.Model
{
    /// <summary>What happened to one report day during a sync.</summary>
    public sealed class SyncDayResult
    {
        public string Network { get; set; } = string.Empty;

        public DateTime Day { get; set; }

        /// <summary>Stored, NotYetAvailable, OutsideWindow, Unmatched or Failed.</summary>
        public string Outcome { get; set; } = string.Empty;

        /// <summary>Rows of the report (one per licensed user, active or not).</summary>
        public int ReportRows { get; set; }

        /// <summary>Rows kept in the store (people with some activity that day).</summary>
        public int RowsStored { get; set; }

        /// <summary>Rows whose user principal name matched nobody in the store.</summary>
        public int UnmatchedRows { get; set; }

        /// <summary>The error id when the day failed; the failure itself is in the summary's Failures.</summary>
        public string? ErrorId { get; set; }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} {1:yyyy-MM-dd} {2}", Network, Day, Outcome);
    }

    /// <summary>Something a sync left out, and why.</summary>
    public sealed class SyncSkip
    {
        public SyncSkip(string what, string reason, int count = 1)
        {
            What = what;
            Reason = reason;
            Count = count;
        }

        /// <summary>What was left out: "Training", "VivaEngage 2026-11-02", "Report rows"...</summary>
        public string What { get; }

        public string Reason { get; }

        public int Count { get; }

        public override string ToString() => What + ": " + Reason;
    }

    /// <summary>
    /// A step or a report day that failed while the rest of the sync went on. The cmdlet writes each as a
    /// non-terminating error with <see cref="ErrorId"/>, the category of <see cref="Kind"/> and <see cref="Target"/>.
    /// </summary>
    public sealed class SyncFailure
    {
        public SyncFailure(string what, SocialToolkitException failure)
        {
            What = what;
            Exception = failure;
        }

        /// <summary>"Staff", "Training", "VivaEngage 2026-11-02"...</summary>
        public string What { get; }

        public string ErrorId => Exception.ErrorId;

        public FailureKind Kind => Exception.Kind;

        public string Message => Exception.Message;

        /// <summary>What the failure concerns: the report (request without tokens), the day, the step.</summary>
        public object? Target => Exception.Target;

        /// <summary>The failure itself, for the error record.</summary>
        public SocialToolkitException Exception { get; }

        public override string ToString() => What + ": " + ErrorId + ": " + Message;
    }

    /// <summary>The outcome of Sync-SocialData: what the store gained, and what was skipped and why.</summary>
    public sealed class SyncSummary
    {
        public string StorePath { get; set; } = string.Empty;

        public DateTimeOffset StartedAt { get; set; }

        public DateTimeOffset FinishedAt { get; set; }

        public int PeopleAdded { get; set; }

        public int PeopleUpdated { get; set; }

        /// <summary>VivaLearning or SharePointList; null when no training source is configured or training was skipped.</summary>
        public string? TrainingSource { get; set; }

        public int TrainingRecordsStored { get; set; }

        /// <summary>Training records whose person is not in the store.</summary>
        public int TrainingRecordsSkipped { get; set; }

        /// <summary>Every report day the sync looked at, oldest first.</summary>
        public IList<SyncDayResult> Days { get; } = new List<SyncDayResult>();

        /// <summary>Everything left out, with the reason.</summary>
        public IList<SyncSkip> Skipped { get; } = new List<SyncSkip>();

        /// <summary>Steps and days that failed; the next sync tries the days again.</summary>
        public IList<SyncFailure> Failures { get; } = new List<SyncFailure>();

        /// <summary>The plan as announced before the sync started: requests and expected duration.</summary>
        public string? PlanDescription { get; set; }

        /// <summary>People the directory listed who are on the erasure list and were not added back.</summary>
        public int PeopleRefusedErased { get; set; }

        /// <summary>Guests, resource accounts... left out of the staff (use -IncludeGuests to keep guests).</summary>
        public int PeopleNotStaff { get; set; }

        /// <summary>"Delta" when only the changes since the last sync were read, "Full" otherwise; null when staff was not synced.</summary>
        public string? StaffReadMode { get; set; }

        /// <summary>Days stored per network.</summary>
        public IReadOnlyDictionary<string, int> DaysAdded =>
            Days.Where(d => d.Outcome == SyncDayOutcomes.Stored).GroupBy(d => d.Network, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        public int VivaEngageDaysAdded => Days.Count(d => d.Outcome == SyncDayOutcomes.Stored && d.Network == SocialNetworks.VivaEngage);

        public int TeamsDaysAdded => Days.Count(d => d.Outcome == SyncDayOutcomes.Stored && d.Network == SocialNetworks.Teams);

        public int RowsStored => Days.Sum(d => d.RowsStored);

        public int UnmatchedRows => Days.Sum(d => d.UnmatchedRows);

        public TimeSpan Duration => FinishedAt - StartedAt;
    }

    /// <summary>Values of <see cref="SyncDayResult.Outcome"/>.</summary>
    public static class SyncDayOutcomes
    {
        public const string Stored = "Stored";

        /// <summary>The report had no rows yet: usage data lands 24 to 72 hours late. A later sync fetches it.</summary>
        public const string NotYetAvailable = "NotYetAvailable";

        /// <summary>Graph refused the date as outside the days it keeps.</summary>
        public const string OutsideWindow = "OutsideWindow";

        /// <summary>The day could not be read (see the summary's Failures); it stays uncovered and the next sync tries it again.</summary>
        public const string Failed = "Failed";

        /// <summary>The report's rows match nobody in the store: the day is not covered (sync or import the staff first).</summary>
        public const string Unmatched = "Unmatched";
    }
}
