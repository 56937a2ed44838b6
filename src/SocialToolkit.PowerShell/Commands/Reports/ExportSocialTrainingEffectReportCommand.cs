using System;
using System.Management.Automation;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;
using SocialToolkit.PowerShell.Base;
using SocialToolkit.Reports;

namespace SocialToolkit.PowerShell.Commands.Reports
{
    /// <summary>
    /// <para type="synopsis">Writes the training-effect workbook: each completion cohort against people not trained, week by week, with a pre-trend check and cluster-robust 95% intervals.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "SocialTrainingEffectReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Cmdlets + "Export-SocialTrainingEffectReport.md")]
    [OutputType(typeof(TrainingEffectReportInfo))]
    public sealed class ExportSocialTrainingEffectReportCommand : ExportReportCommand
    {
        /// <summary>Days compared before and after each completion (rounded up to whole weeks).</summary>
        [Parameter]
        [ValidateRange(1, TrainingEffectReport.MaximumWindowDays)]
        public int WindowDays { get; set; } = TrainingEffectOptions.DefaultWindowDays;

        /// <summary>Counts only these courses (id or title); by default all. People who completed none of them are the comparison group.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CourseCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Course { get; set; }

        /// <summary>Event-study weeks: one number for weeks after completion (8 before), or two for before and after; default 8, 12.</summary>
        [Parameter]
        [ValidateCount(1, 2)]
        [ValidateRange(1, TrainingEffectOptions.MaximumEventWeeks)]
        public int[]? EventWeeks { get; set; }

        /// <summary>Without an assignment date, the before window ends this many days before completion (course work).</summary>
        [Parameter]
        [ValidateRange(0, TrainingEffectOptions.MaximumAnticipationDays)]
        public int AnticipationDays { get; set; } = TrainingEffectOptions.DefaultAnticipationDays;

        /// <summary>What the intervals resample: Department (default), Manager (teams) or None (people).</summary>
        [Parameter]
        public TrainingClusterBy ClusterBy { get; set; } = TrainingClusterBy.Department;

        /// <summary>Judge the effect on one network only (a LinkedIn course on LinkedIn); by default any network.</summary>
        [Parameter]
        [ValidateSet(SocialNetworks.VivaEngage, SocialNetworks.Teams, SocialNetworks.LinkedIn, SocialNetworks.X, SocialNetworks.Facebook, SocialNetworks.Instagram, SocialNetworks.Other, IgnoreCase = true)]
        public string? Network { get; set; }

        /// <summary>Below this many trained people a row gets no interval and no verdict.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MinimumTrained { get; set; } = TrainingEffectOptions.DefaultMinimumTrained;

        protected override void ProcessRecord() =>
            ExportReport("training-effect report", (path, store, reporter, token) => TrainingEffectReport.Export(
                Fill(new TrainingEffectReportRequest
                {
                    WindowDays = WindowDays,
                    Courses = Course ?? Array.Empty<string>(),
                    WeeksBefore = EventWeeks == null ? TrainingEffectOptions.DefaultWeeksBefore : EventWeeks.Length == 2 ? EventWeeks[0] : TrainingEffectOptions.DefaultWeeksBefore,
                    WeeksAfter = EventWeeks == null ? TrainingEffectOptions.DefaultWeeksAfter : EventWeeks[EventWeeks.Length - 1],
                    AnticipationDays = AnticipationDays,
                    ClusterBy = ClusterBy,
                    MinimumTrained = MinimumTrained,
                    Network = Network,
                }, path, store),
                reporter,
                token));
    }
}
