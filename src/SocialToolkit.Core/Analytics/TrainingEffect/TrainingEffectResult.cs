using System;
using System.Collections.Generic;
using SocialToolkit.Core.Analytics.Privacy;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>Outcome of the joint test that the pre-period event-study coefficients are zero.</summary>
    public enum PreTrendCheck
    {
        NotEnoughData,
        Passed,
        Failed,
    }

    /// <summary>How the intervals were obtained, chosen from the number of clusters.</summary>
    public enum IntervalMethod
    {
        /// <summary>No interval: fewer than two clusters, or no resampling asked for.</summary>
        None,

        /// <summary>Wild cluster bootstrap-t with Webb's six-point weights (fewer than 12 clusters).</summary>
        WildClusterWebb,

        /// <summary>Wild cluster bootstrap-t with Rademacher weights (12 to 29 clusters).</summary>
        WildClusterRademacher,

        /// <summary>Cluster bootstrap: whole clusters drawn with replacement (30 clusters or more).</summary>
        ClusterResampling,
    }

    /// <summary>An estimate with its interval; the interval is null when it is not shown (too few trained people or clusters).</summary>
    public sealed class EffectEstimate
    {
        public double Value { get; set; }

        public double? Low { get; set; }

        public double? High { get; set; }

        /// <summary>Cluster-robust standard error (0 when not computed).</summary>
        public double StandardError { get; set; }

        /// <summary>The bootstrap could not bound the interval; it is a t interval on the trained clusters instead.</summary>
        public bool FewClusters { get; set; }

        public bool ExcludesZero => Low.HasValue && High.HasValue && (Low.Value > 0 || High.Value < 0);
    }

    /// <summary>Means over a group of trained people and the comparison group on the same calendar weeks.</summary>
    public sealed class TrainingEffectFigures
    {
        public int TrainedPeople { get; set; }

        public int ControlPeople { get; set; }

        /// <summary>Trained people's active days per week in the before window.</summary>
        public double TrainedBefore { get; set; }

        public double TrainedAfter { get; set; }

        /// <summary>The comparison group's active days per week over the same calendar weeks, weighted like the trained people.</summary>
        public double ControlBefore { get; set; }

        public double ControlAfter { get; set; }

        /// <summary>Difference in differences, active days per week.</summary>
        public double Effect { get; set; }

        public double? IntervalLow { get; set; }

        public double? IntervalHigh { get; set; }

        public double StandardError { get; set; }

        /// <summary>See <see cref="EffectEstimate.FewClusters"/>.</summary>
        public bool FewClusters { get; set; }

        public double TrainedPostsBefore { get; set; }

        public double TrainedPostsAfter { get; set; }

        public double ControlPostsBefore { get; set; }

        public double ControlPostsAfter { get; set; }

        /// <summary>Difference in differences, posts per week (winsorised at the 99th percentile of person-weeks).</summary>
        public double PostsEffect { get; set; }

        public double? PostsIntervalLow { get; set; }

        public double? PostsIntervalHigh { get; set; }

        /// <summary>Why the interval is blank, if it is.</summary>
        public string Note { get; set; } = string.Empty;

        public bool Significant => IntervalLow.HasValue && IntervalHigh.HasValue && (IntervalLow.Value > 0 || IntervalHigh.Value < 0);
    }

    /// <summary>A row of a breakdown sheet; <see cref="Figures"/> is null when suppressed.</summary>
    public sealed class TrainingEffectGroup
    {
        public string Group { get; set; } = string.Empty;

        /// <summary>The course title (By Course only).</summary>
        public string? Title { get; set; }

        public TrainingEffectFigures? Figures { get; set; }

        public SuppressionReason Suppression { get; set; }

        public string Note { get; set; } = string.Empty;
    }

    /// <summary>One week of the event study, relative to the completion week (0).</summary>
    public sealed class EventStudyWeek
    {
        public int Week { get; set; }

        /// <summary>Null when too few trained people have this week.</summary>
        public double? Effect { get; set; }

        public double? Low { get; set; }

        public double? High { get; set; }

        /// <summary>Null when the week is hidden (its trained people are a figure too).</summary>
        public int? TrainedPeople { get; set; }

        public int? ControlPeople { get; set; }

        /// <summary>A pre-period week used by the pre-trend check.</summary>
        public bool PreTrendWeek { get; set; }

        /// <summary>A week between the end of the before window and completion (course work), left out of both windows.</summary>
        public bool Anticipation { get; set; }

        /// <summary>A week of the before window (the reference the others are compared with).</summary>
        public bool Reference { get; set; }
    }

    /// <summary>People not measured, by reason (never dropped silently).</summary>
    public sealed class LeftOutPeople
    {
        public LeftOutPeople(string reason, int trained, int control)
        {
            Reason = reason;
            Trained = trained;
            Control = control;
        }

        public string Reason { get; }

        public int Trained { get; }

        public int Control { get; }
    }

    /// <summary>One trained person's windows (only with -IncludeIndividuals).</summary>
    public sealed class TrainedPersonEffect
    {
        public string Person { get; set; } = string.Empty;

        public string Department { get; set; } = string.Empty;

        public string Course { get; set; } = string.Empty;

        /// <summary>Null when the person's cohort (month) is hidden on By Cohort.</summary>
        public DateTime? Completed { get; set; }

        public double ActiveDaysBefore { get; set; }

        public double ActiveDaysAfter { get; set; }

        public double PostsBefore { get; set; }

        public double PostsAfter { get; set; }

        /// <summary>The comparison group's change over the same calendar weeks.</summary>
        public double ControlChange { get; set; }

        public double DifferenceInDifferences { get; set; }
    }

    public sealed class TrainingEffectResult
    {
        public TrainingEffectOptions Options { get; set; } = new TrainingEffectOptions();

        public DateTime? CoveredFrom { get; set; }

        public DateTime? CoveredTo { get; set; }

        /// <summary>People with a completion of a counted course.</summary>
        public int PeopleWithCompletion { get; set; }

        /// <summary>Trained people measured in the headline.</summary>
        public int TrainedPeople { get; set; }

        /// <summary>Trained people left out (every reason together; see <see cref="LeftOut"/>).</summary>
        public int ExcludedTrainedPeople { get; set; }

        /// <summary>Distinct comparison people used for the headline.</summary>
        public int ControlPeople { get; set; }

        public IReadOnlyList<LeftOutPeople> LeftOut { get; set; } = Array.Empty<LeftOutPeople>();

        public DateTime? FirstCompletion { get; set; }

        public DateTime? LastCompletion { get; set; }

        /// <summary>The whole trained group; null when not measurable.</summary>
        public TrainingEffectFigures? Overall { get; set; }

        public string OverallNote { get; set; } = string.Empty;

        /// <summary>One sentence in plain language: is there an effect HR can rely on.</summary>
        public string Verdict { get; set; } = string.Empty;

        /// <summary>What limits the reading of the figures, in plain words.</summary>
        public IReadOnlyList<string> Caveats { get; set; } = Array.Empty<string>();

        public PreTrendCheck PreTrend { get; set; }

        /// <summary>Bootstrap p-value of the joint pre-trend test (null when not run).</summary>
        public double? PreTrendPValue { get; set; }

        /// <summary>The same comparison one window earlier, when no training had happened: should be near 0.</summary>
        public EffectEstimate? Placebo { get; set; }

        /// <summary>
        /// Sensitivity in the spirit of Rambachan and Roth: how many times the largest pre-period deviation a violation of
        /// parallel trends after completion must be to cancel the effect (null when the effect is not significant).
        /// </summary>
        public double? BreakdownMultiple { get; set; }

        /// <summary>Largest absolute pre-period coefficient among the tested weeks.</summary>
        public double? LargestPreTrendDeviation { get; set; }

        /// <summary>The effect as a share of the trained people's own before level.</summary>
        public double? RelativeEffect { get; set; }

        /// <summary>Ratio (Poisson-type) estimate: proportional change against the comparison group's proportional change, minus one.</summary>
        public EffectEstimate? RatioEffect { get; set; }

        /// <summary>Share of trained people inactive in the before window who were active after, minus the same share among comparison people.</summary>
        public EffectEstimate? InactiveBecameActive { get; set; }

        public double? TrainedInactiveBecameActiveShare { get; set; }

        public double? ControlInactiveBecameActiveShare { get; set; }

        public IReadOnlyList<EventStudyWeek> EventStudy { get; set; } = Array.Empty<EventStudyWeek>();

        public int Clusters { get; set; }

        public int ClustersWithTrained { get; set; }

        public IntervalMethod IntervalMethod { get; set; }

        /// <summary>Breakdown rows whose intervals were adjusted together.</summary>
        public int BreakdownRowsCompared { get; set; }

        public IReadOnlyList<TrainingEffectGroup> ByCourse { get; set; } = Array.Empty<TrainingEffectGroup>();

        public IReadOnlyList<TrainingEffectGroup> ByCohort { get; set; } = Array.Empty<TrainingEffectGroup>();

        public IReadOnlyList<TrainingEffectGroup> ByDepartment { get; set; } = Array.Empty<TrainingEffectGroup>();

        /// <summary>The headline's trained people, with active days counted on each network in turn.</summary>
        public IReadOnlyList<TrainingEffectGroup> ByNetwork { get; set; } = Array.Empty<TrainingEffectGroup>();

        public IReadOnlyList<TrainedPersonEffect> People { get; set; } = Array.Empty<TrainedPersonEffect>();

        /// <summary>Why the headline (and with it every figure) is hidden; None when it is shown or there is nothing to show.</summary>
        public SuppressionReason HeadlineSuppression { get; set; }

        /// <summary>What the workbook publishes, by frame: record it in the store's ledger once the workbook is written.</summary>
        public IReadOnlyList<DisclosureDecision> Releases { get; set; } = Array.Empty<DisclosureDecision>();

        /// <summary>Records what was published; call it once the workbook is in place (a failed write published nothing).</summary>
        public void RecordReleases(IReleaseLedger? ledger)
        {
            foreach (var release in Releases)
            {
                release.Record(ledger);
            }
        }
    }
}
