using System;
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

        /// <summary>
        /// Effect per week with its 95% band as whiskers; weeks before completion (grey) drawn apart from weeks after (blue);
        /// the vertical axis drawn at the completion week and the horizontal one at 0.
        /// </summary>
        public static void AddEventStudyChart(WorksheetPart sheet, TrainingEffectResult result)
        {
            var weeks = result.EventStudy;
            if (!weeks.Any(w => w.Effect.HasValue))
            {
                return;
            }

            var last = weeks.Count + 1;
            var completion = weeks.Select((w, i) => (w.Week, i)).FirstOrDefault(x => x.Week == 0).i + 1;
            ChartSeries Series(string name, int column, bool after, string colour)
            {
                bool In(EventStudyWeek w) => after ? w.Week >= 0 : w.Week < 0;
                return new ChartSeries(name, TableSheet.Reference(EventStudySheet, column, 2, last), weeks.Select(w => In(w) ? w.Effect : null).ToList(), colour)
                {
                    ErrorBelow = weeks.Select(w => In(w) && w.Low.HasValue ? w.Effect - w.Low : null).ToList(),
                    ErrorAbove = weeks.Select(w => In(w) && w.High.HasValue ? w.High - w.Effect : null).ToList(),
                };
            }

            var (minimum, maximum) = AxisBounds(weeks.Select(w => w.Low ?? w.Effect).Concat(weeks.Select(w => w.High ?? w.Effect)));
            ChartWriter.Add(sheet, new ChartSpec
            {
                Kind = ChartKind.Line,
                Title = "Effect by week relative to completion (active days per week, 95% band; week 0 = completion week)",
                CategoriesReference = TableSheet.Reference(EventStudySheet, 1, 2, last),
                Categories = weeks.Select(w => w.Week.ToString(CultureInfo.InvariantCulture)).ToList(),
                Series = new[]
                {
                    Series("Before completion", 7, after: false, "A5A5A5"),
                    Series("After completion", 8, after: true, "1F4E79"),
                    new ChartSeries("95% low", TableSheet.Reference(EventStudySheet, 3, 2, last), weeks.Select(w => w.Low).ToList(), "9DC3E6") { Thin = true },
                    new ChartSeries("95% high", TableSheet.Reference(EventStudySheet, 4, 2, last), weeks.Select(w => w.High).ToList(), "9DC3E6") { Thin = true },
                },
                ValueFormat = "0.00",
                AxisMinimum = minimum,
                AxisMaximum = maximum,
                ValueAxisAtCategory = completion,
                Anchor = (10, 1, 22, 26),
            });
        }

        /// <summary>The effect of each course with its adjusted interval as error bars, on an axis that shows 0 and below.</summary>
        public static void AddCourseChart(WorksheetPart summary, IReadOnlyList<TrainingEffectGroup> courses, (int Column, int Row, int ToColumn, int ToRow) anchor)
        {
            if (!courses.Any(c => c.Figures != null))
            {
                return;
            }

            var (minimum, maximum) = AxisBounds(courses.Select(c => c.Figures?.IntervalLow ?? c.Figures?.Effect).Concat(courses.Select(c => c.Figures?.IntervalHigh ?? c.Figures?.Effect)));
            ChartWriter.Add(summary, new ChartSpec
            {
                Kind = ChartKind.ClusteredColumn,
                Title = "Effect by course (active days per week, adjusted 95% interval)",
                CategoriesReference = TableSheet.Reference("By Course", 1, 2, courses.Count + 1),
                Categories = courses.Select(c => c.Group).ToList(),
                Series = new[]
                {
                    new ChartSeries("Effect", TableSheet.Reference("By Course", 3, 2, courses.Count + 1), courses.Select(c => c.Figures?.Effect).ToList(), "ED7D31")
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
