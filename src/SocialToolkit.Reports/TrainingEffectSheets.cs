using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Reports.Workbook;

namespace SocialToolkit.Reports
{
    /// <summary>The training-only parts of the workbook: the Event Study sheet and chart, and the Summary's wording.</summary>
    internal static class TrainingEffectSheets
    {
        public const string EventStudySheet = "Event Study";

        private static readonly IReadOnlyList<TableColumn<EventStudyWeek>> EventStudyColumns = new[]
        {
            new TableColumn<EventStudyWeek>("Week", CellKind.Integer, w => w.Week),
            new TableColumn<EventStudyWeek>("Effect", CellKind.Decimal, w => w.Effect),
            new TableColumn<EventStudyWeek>("95% low", CellKind.Decimal, w => w.Low),
            new TableColumn<EventStudyWeek>("95% high", CellKind.Decimal, w => w.High),
            new TableColumn<EventStudyWeek>("Trained people", CellKind.Integer, w => w.TrainedPeople),
            new TableColumn<EventStudyWeek>("Control people", CellKind.Integer, w => w.ControlPeople),
            new TableColumn<EventStudyWeek>("Before completion", CellKind.Decimal, w => w.Week < 0 ? w.Effect : null),
            new TableColumn<EventStudyWeek>("After completion", CellKind.Decimal, w => w.Week >= 0 ? w.Effect : null),
            new TableColumn<EventStudyWeek>("Period", CellKind.Text, Period),
        };

        public static void WriteEventStudy(XLWorkbook workbook, IReadOnlyList<EventStudyWeek> weeks)
        {
            var sheet = workbook.Worksheets.Add(EventStudySheet);
            TableSheet.Write(sheet, "EventStudy", EventStudyColumns, weeks);
            TableSheet.PrintLayout(sheet, onePage: true);
        }

        /// <summary>Effect per week with its band; weeks before completion drawn apart from weeks after.</summary>
        public static void AddEventStudyChart(WorksheetPart sheet, TrainingEffectResult result)
        {
            var weeks = result.EventStudy;
            if (!weeks.Any(w => w.Effect.HasValue))
            {
                return;
            }

            var last = weeks.Count + 1;
            ChartWriter.Add(sheet, new ChartSpec
            {
                Kind = ChartKind.Line,
                Title = "Effect by week relative to completion (active days per week; week 0 = completion week)",
                CategoriesReference = TableSheet.Reference(EventStudySheet, 1, 2, last),
                Categories = weeks.Select(w => w.Week.ToString(CultureInfo.InvariantCulture)).ToList(),
                Series = new[]
                {
                    new ChartSeries("Before completion", TableSheet.Reference(EventStudySheet, 7, 2, last), weeks.Select(w => w.Week < 0 ? w.Effect : null).ToList(), "A5A5A5"),
                    new ChartSeries("After completion", TableSheet.Reference(EventStudySheet, 8, 2, last), weeks.Select(w => w.Week >= 0 ? w.Effect : null).ToList(), "1F4E79"),
                    new ChartSeries("95% low", TableSheet.Reference(EventStudySheet, 3, 2, last), weeks.Select(w => w.Low).ToList(), "9DC3E6"),
                    new ChartSeries("95% high", TableSheet.Reference(EventStudySheet, 4, 2, last), weeks.Select(w => w.High).ToList(), "9DC3E6"),
                },
                ValueFormat = "0.00",
                Anchor = (10, 1, 22, 24),
            });
        }

        public static string PreTrendText(PreTrendCheck check) => check switch
        {
            PreTrendCheck.Passed => "passed",
            PreTrendCheck.Failed => "failed",
            _ => "not enough data",
        };

        public static string MethodText(IntervalMethod method) => method switch
        {
            IntervalMethod.WildClusterWebb => "wild cluster bootstrap-t, Webb weights (fewer than 12 clusters)",
            IntervalMethod.WildClusterRademacher => "wild cluster bootstrap-t, Rademacher weights (12 to 29 clusters)",
            IntervalMethod.ClusterResampling => "cluster bootstrap (whole clusters drawn with replacement)",
            _ => "none (fewer than two clusters)",
        };

        public static string ClustersText(TrainingEffectResult result)
        {
            var by = result.Options.ClusterBy;
            return $"{result.Clusters.ToString(CultureInfo.InvariantCulture)} {TrainingEffectVerdict.ClusterWord(by, result.Clusters)} ({result.ClustersWithTrained.ToString(CultureInfo.InvariantCulture)} with trained people)";
        }

        private static string? Period(EventStudyWeek week) =>
            week.Week >= 0 ? (week.Week == 0 ? "completion week" : "after")
            : week.Anticipation ? "course work (neither window)"
            : week.Reference ? "before window" : "earlier";
    }
}
