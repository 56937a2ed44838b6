using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Labels;
using SocialToolkit.Reports.Workbook;

namespace SocialToolkit.Reports
{
    /// <summary>The training-only parts of the workbook: the Event Study sheet and chart, and the Summary's wording.</summary>
    internal static class TrainingEffectSheets
    {
        private static IReadOnlyList<TableColumn<EventStudyWeek>> EventStudyColumns(ReportLabels l) => new[]
        {
            new TableColumn<EventStudyWeek>(l["te.col.Week"], CellKind.Integer, w => w.Week),
            new TableColumn<EventStudyWeek>(l["te.col.Effect"], CellKind.Decimal, w => w.Effect),
            new TableColumn<EventStudyWeek>(l["te.col.Low"], CellKind.Decimal, w => w.Low),
            new TableColumn<EventStudyWeek>(l["te.col.High"], CellKind.Decimal, w => w.High),
            new TableColumn<EventStudyWeek>(l["te.col.Trained"], CellKind.Integer, w => w.TrainedPeople),
            new TableColumn<EventStudyWeek>(l["te.col.Control"], CellKind.Integer, w => w.ControlPeople),
            new TableColumn<EventStudyWeek>(l["te.col.BeforeCompletion"], CellKind.Decimal, w => w.Week < 0 ? w.Effect : null),
            new TableColumn<EventStudyWeek>(l["te.col.AfterCompletion"], CellKind.Decimal, w => w.Week >= 0 ? w.Effect : null),
            new TableColumn<EventStudyWeek>(l["te.col.Period"], CellKind.Text, w => Period(w, l)),
        };

        public static void WriteEventStudy(XLWorkbook workbook, IReadOnlyList<EventStudyWeek> weeks, ReportLabels l)
        {
            var sheet = workbook.Worksheets.Add(l["te.sheet.eventStudy"]);
            TableSheet.Write(sheet, "EventStudy", EventStudyColumns(l), weeks);
            TableSheet.PrintLayout(sheet, onePage: true);
        }

        /// <summary>
        /// Effect per week with its 95% band as whiskers; weeks before completion (grey) drawn apart from weeks after (blue);
        /// the vertical axis drawn at the completion week and the horizontal one at 0.
        /// </summary>
        public static void AddEventStudyChart(WorksheetPart sheet, TrainingEffectResult result, ReportLabels l)
        {
            var weeks = result.EventStudy;
            if (!weeks.Any(w => w.Effect.HasValue))
            {
                return;
            }

            var last = weeks.Count + 1;
            var eventStudySheet = l["te.sheet.eventStudy"];
            var completion = weeks.Select((w, i) => (w.Week, i)).FirstOrDefault(x => x.Week == 0).i + 1;
            ChartSeries Series(string name, int column, bool after, string colour)
            {
                bool In(EventStudyWeek w) => after ? w.Week >= 0 : w.Week < 0;
                return new ChartSeries(name, TableSheet.Reference(eventStudySheet, column, 2, last), weeks.Select(w => In(w) ? w.Effect : null).ToList(), colour)
                {
                    ErrorBelow = weeks.Select(w => In(w) && w.Low.HasValue ? w.Effect - w.Low : null).ToList(),
                    ErrorAbove = weeks.Select(w => In(w) && w.High.HasValue ? w.High - w.Effect : null).ToList(),
                };
            }

            var (minimum, maximum) = AxisBounds(weeks.Select(w => w.Low ?? w.Effect).Concat(weeks.Select(w => w.High ?? w.Effect)));
            ChartWriter.Add(sheet, new ChartSpec
            {
                Kind = ChartKind.Line,
                Title = l["te.chart.eventStudy"],
                CategoriesReference = TableSheet.Reference(eventStudySheet, 1, 2, last),
                Categories = weeks.Select(w => w.Week.ToString(CultureInfo.InvariantCulture)).ToList(),
                Series = new[]
                {
                    Series(l["te.col.BeforeCompletion"], 7, after: false, "A5A5A5"),
                    Series(l["te.col.AfterCompletion"], 8, after: true, "1F4E79"),
                    new ChartSeries(l["te.col.Low"], TableSheet.Reference(eventStudySheet, 3, 2, last), weeks.Select(w => w.Low).ToList(), "9DC3E6") { Thin = true },
                    new ChartSeries(l["te.col.High"], TableSheet.Reference(eventStudySheet, 4, 2, last), weeks.Select(w => w.High).ToList(), "9DC3E6") { Thin = true },
                },
                ValueFormat = "0.00",
                AxisMinimum = minimum,
                AxisMaximum = maximum,
                ValueAxisAtCategory = completion,
                Anchor = (10, 1, 22, 26),
            });
        }

        /// <summary>The effect of each course with its adjusted interval as error bars, on an axis that shows 0 and below.</summary>
        public static void AddCourseChart(WorksheetPart summary, IReadOnlyList<TrainingEffectGroup> courses, (int Column, int Row, int ToColumn, int ToRow) anchor, ReportLabels l)
        {
            if (!courses.Any(c => c.Figures != null))
            {
                return;
            }

            var byCourse = l["te.sheet.byCourse"];
            var (minimum, maximum) = AxisBounds(courses.Select(c => c.Figures?.IntervalLow ?? c.Figures?.Effect).Concat(courses.Select(c => c.Figures?.IntervalHigh ?? c.Figures?.Effect)));
            ChartWriter.Add(summary, new ChartSpec
            {
                Kind = ChartKind.ClusteredColumn,
                Title = l["te.chart.byCourse"],
                CategoriesReference = TableSheet.Reference(byCourse, 1, 2, courses.Count + 1),
                Categories = courses.Select(c => c.Group).ToList(),
                Series = new[]
                {
                    new ChartSeries(l["te.chart.effectSeries"], TableSheet.Reference(byCourse, 3, 2, courses.Count + 1), courses.Select(c => c.Figures?.Effect).ToList(), "ED7D31")
                    {
                        ErrorBelow = courses.Select(c => c.Figures?.IntervalLow.HasValue == true ? c.Figures.Effect - c.Figures.IntervalLow : null).ToList(),
                        ErrorAbove = courses.Select(c => c.Figures?.IntervalHigh.HasValue == true ? c.Figures.IntervalHigh - c.Figures.Effect : null).ToList(),
                    },
                },
                ValueFormat = "0.00",
                DataLabels = true,
                AxisMinimum = minimum,
                AxisMaximum = maximum,
                Anchor = anchor,
            });
        }

        /// <summary>Bounds that hold every value, 0, and some room below 0 (so a negative effect is never cut off).</summary>
        private static (double Minimum, double Maximum) AxisBounds(IEnumerable<double?> values)
        {
            var known = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
            var low = Math.Min(0, known.Count == 0 ? 0 : known.Min());
            var high = Math.Max(0, known.Count == 0 ? 1 : known.Max());
            var step = NiceStep((high - low) / 6);
            return (Math.Min(-step, Math.Floor(low / step) * step), Math.Ceiling(high / step) * step + (high % step == 0 ? step : 0));
        }

        private static double NiceStep(double raw)
        {
            if (raw <= 0)
            {
                return 0.1;
            }

            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            var fraction = raw / magnitude;
            return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
        }

        /// <summary>
        /// The verdict and caveats are sentences: wrapped in a readable Value column rather than running under the charts, each
        /// row tall enough for its lines (viewers do not all fit rows to wrapped text).
        /// </summary>
        public static void WrapSentences(IXLWorksheet summary, IReadOnlyList<string?> texts)
        {
            const int width = 70;
            summary.Column(2).Width = width;
            for (var i = 0; i < texts.Count; i++)
            {
                var text = texts[i];
                if (text == null || text.Length <= width)
                {
                    continue;
                }

                var cell = summary.Cell(i + 2, 2);
                cell.Style.Alignment.WrapText = true;
                cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                summary.Row(i + 2).Height = 15 * Math.Ceiling(text.Length / (width * 1.1));
            }
        }

        public static string PreTrendText(PreTrendCheck check, ReportLabels l) => l["te.preTrend." + check];

        public static string MethodText(IntervalMethod method, ReportLabels l) => l["te.method." + method];

        public static string ClustersText(TrainingEffectResult result, ReportLabels l) =>
            l["te.clusters", result.Clusters, TrainingEffectVerdict.ClusterWord(l, result.Options.ClusterBy, result.Clusters), result.ClustersWithTrained];

        private static string Period(EventStudyWeek week, ReportLabels l) => l[
            week.Week >= 0 ? (week.Week == 0 ? "te.period.completion" : "te.period.after")
            : week.Anticipation ? "te.period.courseWork"
            : week.Reference ? "te.period.before" : "te.period.earlier"];
    }
}
