using System;
using System.Collections.Generic;
using SocialToolkit.Core.Labels;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>What the training-effect intervals resample: whole departments, whole teams (a manager's reports) or people.</summary>
    public enum TrainingClusterBy
    {
        Department,
        Manager,
        None,
    }

    /// <summary>
    /// Every setting of the training-effect estimate. The cmdlet builds one; the engine reads it and nothing else, so
    /// each default lives here once.
    /// </summary>
    public sealed class TrainingEffectOptions
    {
        public const long DefaultSeed = 20240611;
        public const int DefaultWindowDays = 28;
        public const int DefaultAnticipationDays = 14;
        public const int DefaultMinimumTrained = 20;
        public const int DefaultBootstrapReplicates = 999;
        public const int DefaultWeeksBefore = 8;
        public const int DefaultWeeksAfter = 12;
        public const int MaximumEventWeeks = 52;

        /// <summary>The release-ledger family of every training-effect figure (see <see cref="Privacy.ReleaseFrame"/>).</summary>
        public const string ReleaseFamily = "training-effect";

        /// <summary>The language of the verdict, caveats and notes the engine writes (English by default).</summary>
        public ReportLabels Labels { get; set; } = ReportLabels.English;

        /// <summary>An assignment older than this before completion is not taken as the start of the course work.</summary>
        public const int MaximumAnticipationDays = 56;

        /// <summary>
        /// The networks the store covers for this report (the privacy frame's networks); empty: the networks that have
        /// activity. With <see cref="Network"/>, that network alone.
        /// </summary>
        public IReadOnlyList<string> CoveredNetworks { get; set; } = Array.Empty<string>();

        /// <summary>Days compared before and after completion (rounded up to whole weeks).</summary>
        public int WindowDays { get; set; } = DefaultWindowDays;

        /// <summary>Without an assignment date, the before window ends this many days before completion (course work, homework).</summary>
        public int AnticipationDays { get; set; } = DefaultAnticipationDays;

        /// <summary>Event-study weeks shown before completion (the pre-trend check uses those from −WeeksBefore to −2).</summary>
        public int WeeksBefore { get; set; } = DefaultWeeksBefore;

        /// <summary>Event-study weeks shown after completion.</summary>
        public int WeeksAfter { get; set; } = DefaultWeeksAfter;

        /// <summary>Course ids counted; empty means all. People who completed none of them form the comparison group.</summary>
        public IReadOnlyList<string> Courses { get; set; } = Array.Empty<string>();

        public TrainingClusterBy ClusterBy { get; set; } = TrainingClusterBy.Department;

        /// <summary>Judge the effect on one network only (a LinkedIn course on LinkedIn); null: any network.</summary>
        public string? Network { get; set; }

        /// <summary>Below this many trained people a row gets no interval and no verdict.</summary>
        public int MinimumTrained { get; set; } = DefaultMinimumTrained;

        public int MinimumGroupSize { get; set; } = 5;

        public bool IncludeIndividuals { get; set; }

        public bool IncludeNames { get; set; }

        public int BootstrapReplicates { get; set; } = DefaultBootstrapReplicates;

        /// <summary>Fixed so the same store always gives the same interval.</summary>
        public long Seed { get; set; } = DefaultSeed;

        /// <summary>Whole weeks in each window.</summary>
        public int WindowWeeks => Math.Max(1, (WindowDays + 6) / 7);
    }

    /// <summary>A completed course, as the calculator needs it.</summary>
    public sealed class TrainingCompletion
    {
        public long PersonId { get; set; }

        public string CourseId { get; set; } = string.Empty;

        public string CourseTitle { get; set; } = string.Empty;

        public DateTime Completed { get; set; }

        /// <summary>When the course was assigned, if the source says: the course work may change behaviour from then on.</summary>
        public DateTime? Assigned { get; set; }
    }
}
