using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ClosedXML.Excel;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;
using SocialToolkit.Reports.Workbook;

namespace SocialToolkit.Reports
{
    public sealed class TrainingEffectReportRequest : ReportRequest
    {
        public int WindowDays { get; set; } = 28;

        public IReadOnlyList<string> Courses { get; set; } = Array.Empty<string>();

        public int BootstrapReplicates { get; set; } = 1000;
    }

    /// <summary>Store → training-effect workbook: Summary, By Course, By Cohort, By Department, People (opt-in), About.</summary>
    public static class TrainingEffectReport
    {
        public const int MaximumWindowDays = 365;
        private const string Activity = "Exporting the training-effect report";

        public static TrainingEffectReportInfo Export(TrainingEffectReportRequest request, IOperationReporter reporter, CancellationToken token)
        {
            ReportChecks.Options(request, reporter);
            if (request.WindowDays < 1 || request.WindowDays > MaximumWindowDays)
            {
                throw new SocialToolkitException("InvalidWindowDays", FailureKind.InvalidArgument, $"-WindowDays must be between 1 and {MaximumWindowDays} (got {request.WindowDays}).", "WindowDays");
            }

            using var file = ReportChecks.PrepareFile(request);
            using var store = ReportChecks.OpenStore(request.StorePath);
            reporter.Progress(Activity, "Reading the store", 0);
            var (people, coverage) = ReportChecks.ReadPeopleAndCoverage(store);

            var knownCourses = store.ReadCourses();
            var courses = ResolveCourses(request.Courses, knownCourses);
            var completions = store.ReadCompletions();
            if (completions.Count == 0)
            {
                throw new SocialToolkitException("NoCompletedTraining", FailureKind.InvalidData, $"The store {store.Path} holds no completed training with a completion date. Import training records with Import-SocialTrainingRecord or Sync-SocialData.", store.Path);
            }

            var undated = store.CountCompletionsWithoutDate();
            if (undated > 0)
            {
                reporter.Warning($"{undated.ToString(CultureInfo.InvariantCulture)} completed training record(s) have no completion date and are left out.");
            }

            var networks = coverage.Networks;
            var covered = coverage.CoveredByAll(networks).ToList();
            if (covered.Count == 0)
            {
                throw new SocialToolkitException("PeriodNotCovered", FailureKind.InvalidData, $"No day of the store is covered for every network ({string.Join(", ", networks)}), so no before/after window can be measured.", store.Path);
            }

            var options = new TrainingEffectOptions
            {
                WindowDays = request.WindowDays,
                Courses = courses,
                MinimumGroupSize = request.MinimumGroupSize,
                IncludeIndividuals = request.IncludeIndividuals,
                IncludeNames = request.IncludeNames,
                BootstrapReplicates = request.BootstrapReplicates,
            };
            var calculator = new TrainingEffectCalculator(options, covered);
            foreach (var person in people)
            {
                calculator.AddPerson(person);
            }

            foreach (var completion in completions)
            {
                calculator.AddCompletion(completion);
            }

            reporter.Progress(Activity, "Reading activity", 5);
            long rows = 0;
            foreach (var (personId, day, posts) in store.StreamContributionDays(covered[0], covered[covered.Count - 1]))
            {
                calculator.AddContribution(personId, day, posts);
                if ((++rows & 0xFFFF) == 0)
                {
                    token.ThrowIfCancellationRequested();
                    reporter.Progress(Activity, $"Reading activity: {ReportText.Count((int)rows)} active days", 10);
                }
            }

            reporter.Progress(Activity, $"Computing the effect and its interval ({request.BootstrapReplicates.ToString(CultureInfo.InvariantCulture)} bootstrap samples)", 30);
            using var pseudonyms = ReportChecks.Pseudonyms(request, store);
            var result = calculator.Build(pseudonyms == null ? (Func<ReportPerson, string>)(p => p.DisplayName) : p => pseudonyms.For(p.UserPrincipalName), token);
            if (result.ExcludedTrainedPeople > 0)
            {
                reporter.Warning($"{result.ExcludedTrainedPeople.ToString(CultureInfo.InvariantCulture)} of {result.PeopleWithCompletion.ToString(CultureInfo.InvariantCulture)} trained people are left out: the store does not cover {request.WindowDays.ToString(CultureInfo.InvariantCulture)} days on both sides of their completion (or they joined within the first window).");
            }

            reporter.Progress(Activity, "Writing the workbook", 60);
            using var workbook = new XLWorkbook();
            workbook.Properties.Title = "Training effect";
            workbook.Properties.Author = "SocialToolkit";
            var sheets = new List<string> { "Summary", "By Course", "By Cohort", "By Department" };
            var summary = workbook.Worksheets.Add("Summary");
            var summaryRows = SummaryRows(result, courses);
            TableSheet.Write(summary, "Summary", ParticipationReport.MeasureColumns, summaryRows);
            TableSheet.PrintLayout(summary, onePage: true);
            var chartData = summaryRows.Count + 3;
            if (result.Overall != null)
            {
                WriteChartData(summary, chartData, result.Overall);
            }
            WriteGroups(workbook, "By Course", "ByCourse", "Course", result.ByCourse, withTitle: true);
            WriteGroups(workbook, "By Cohort", "ByCohort", "Cohort", result.ByCohort, withTitle: false);
            WriteGroups(workbook, "By Department", "ByDepartment", "Department", result.ByDepartment, withTitle: false);
            StreamedTableSheet<TrainedPersonEffect>? peopleSheet = null;
            if (request.IncludeIndividuals)
            {
                peopleSheet = new StreamedTableSheet<TrainedPersonEffect>("People", PeopleColumns, result.People);
                peopleSheet.WritePlaceholder(workbook, "People");
                sheets.Add("People");
            }

            AboutSheet.Write(workbook, About(request, result, store, coverage, networks));
            sheets.Add("About");
            token.ThrowIfCancellationRequested();

            var written = WorkbookAssembler.Save(
                file,
                workbook,
                document =>
                {
                    AddCharts(WorkbookAssembler.Sheet(document, "Summary"), result, chartData);
                    peopleSheet?.Inspect(document);
                },
                peopleSheet == null ? null : (Action<string, System.IO.Stream>)((source, target) => peopleSheet.CopyWithRows(source, target, reporter, Activity, token)));
            reporter.Progress(Activity, "Done", 100);

            return new TrainingEffectReportInfo
            {
                SuppressedGroups = result.ByCourse.Concat(result.ByCohort).Concat(result.ByDepartment).Count(g => g.Figures == null),
                WindowDays = request.WindowDays,
                Courses = courses.Count == 0 ? knownCourses.Select(c => c.Id).ToList() : courses,
                TrainedPeople = result.TrainedPeople,
                ControlPeople = result.ControlPeople,
                Effect = result.Overall?.Effect,
                IntervalLow = result.Overall?.IntervalLow,
                IntervalHigh = result.Overall?.IntervalHigh,
            }.Describe(written, sheets, request);
        }

        private static List<string> ResolveCourses(IReadOnlyList<string> requested, IReadOnlyList<(string Id, string Title)> known)
        {
            var resolved = new List<string>();
            foreach (var name in requested)
            {
                var match = known.FirstOrDefault(c => string.Equals(c.Id, name, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Title, name, StringComparison.OrdinalIgnoreCase));
                if (match.Id == null)
                {
                    var list = known.Count == 0 ? "none" : string.Join(", ", known.Take(20).Select(c => c.Id));
                    throw new SocialToolkitException("UnknownCourse", FailureKind.NotFound, $"-Course '{name}' is not in the store. Known courses: {list}.", name);
                }

                if (!resolved.Contains(match.Id, StringComparer.OrdinalIgnoreCase))
                {
                    resolved.Add(match.Id);
                }
            }

            return resolved;
        }

        private static List<Measure> SummaryRows(TrainingEffectResult result, IReadOnlyList<string> courses)
        {
            var o = result.Overall;
            var rows = new List<Measure>
            {
                new Measure("Trained people", result.TrainedPeople, CellKind.Integer),
                new Measure("Control people", result.ControlPeople, CellKind.Integer),
                new Measure("Window (days)", result.Options.WindowDays, CellKind.Integer),
                new Measure("Trained: active days per week before", o?.TrainedBefore, CellKind.Decimal),
                new Measure("Trained: active days per week after", o?.TrainedAfter, CellKind.Decimal),
                new Measure("Never trained: active days per week before", o?.ControlBefore, CellKind.Decimal),
                new Measure("Never trained: active days per week after", o?.ControlAfter, CellKind.Decimal),
                new Measure("Difference in differences (active days per week)", o?.Effect, CellKind.Decimal),
                new Measure("95% interval low", o?.IntervalLow, CellKind.Decimal),
                new Measure("95% interval high", o?.IntervalHigh, CellKind.Decimal),
                new Measure("Difference in differences (posts per week)", o?.PostsEffect, CellKind.Decimal),
                new Measure("Posts: 95% interval low", o?.PostsIntervalLow, CellKind.Decimal),
                new Measure("Posts: 95% interval high", o?.PostsIntervalHigh, CellKind.Decimal),
                new Measure("Trained people left out (window not covered)", result.ExcludedTrainedPeople, CellKind.Integer),
                new Measure("First completion", result.FirstCompletion, CellKind.Date),
                new Measure("Last completion", result.LastCompletion, CellKind.Date),
                new Measure("Courses", courses.Count == 0 ? "All" : string.Join(", ", courses), CellKind.Text),
                new Measure("Minimum group size", result.Options.MinimumGroupSize, CellKind.Integer),
                new Measure("Bootstrap samples", result.Options.BootstrapReplicates, CellKind.Integer),
            };
            if (o == null)
            {
                rows.Add(new Measure("Note", result.OverallNote, CellKind.Text));
            }

            return rows;
        }

        private static void WriteGroups(XLWorkbook workbook, string sheetName, string tableName, string header, IReadOnlyList<TrainingEffectGroup> groups, bool withTitle)
        {
            var columns = new List<TableColumn<TrainingEffectGroup>> { new TableColumn<TrainingEffectGroup>(header, CellKind.Text, g => g.Group) };
            if (withTitle)
            {
                columns.Add(new TableColumn<TrainingEffectGroup>("Title", CellKind.Text, g => g.Title));
            }

            columns.AddRange(new[]
            {
                new TableColumn<TrainingEffectGroup>("Trained people", CellKind.Integer, g => g.Figures?.TrainedPeople),
                new TableColumn<TrainingEffectGroup>("Active days per week before", CellKind.Decimal, g => g.Figures?.TrainedBefore),
                new TableColumn<TrainingEffectGroup>("Active days per week after", CellKind.Decimal, g => g.Figures?.TrainedAfter),
                new TableColumn<TrainingEffectGroup>("Never trained before", CellKind.Decimal, g => g.Figures?.ControlBefore),
                new TableColumn<TrainingEffectGroup>("Never trained after", CellKind.Decimal, g => g.Figures?.ControlAfter),
                new TableColumn<TrainingEffectGroup>("Difference in differences", CellKind.Decimal, g => g.Figures?.Effect),
                new TableColumn<TrainingEffectGroup>("95% interval low", CellKind.Decimal, g => g.Figures?.IntervalLow),
                new TableColumn<TrainingEffectGroup>("95% interval high", CellKind.Decimal, g => g.Figures?.IntervalHigh),
                new TableColumn<TrainingEffectGroup>("Posts per week: difference in differences", CellKind.Decimal, g => g.Figures?.PostsEffect),
                new TableColumn<TrainingEffectGroup>("Note", CellKind.Text, g => g.Note.Length == 0 ? null : g.Note),
            });
            var sheet = workbook.Worksheets.Add(sheetName);
            TableSheet.Write(sheet, tableName, columns, groups);
            TableSheet.PrintLayout(sheet, onePage: false);
        }

        private static readonly IReadOnlyList<TableColumn<TrainedPersonEffect>> PeopleColumns = new[]
        {
            new TableColumn<TrainedPersonEffect>("Person", CellKind.Text, p => p.Person),
            new TableColumn<TrainedPersonEffect>("Department", CellKind.Text, p => p.Department),
            new TableColumn<TrainedPersonEffect>("Course", CellKind.Text, p => p.Course),
            new TableColumn<TrainedPersonEffect>("Completed", CellKind.Date, p => p.Completed),
            new TableColumn<TrainedPersonEffect>("Active days per week before", CellKind.Decimal, p => p.ActiveDaysBefore),
            new TableColumn<TrainedPersonEffect>("Active days per week after", CellKind.Decimal, p => p.ActiveDaysAfter),
            new TableColumn<TrainedPersonEffect>("Posts per week before", CellKind.Decimal, p => p.PostsBefore),
            new TableColumn<TrainedPersonEffect>("Posts per week after", CellKind.Decimal, p => p.PostsAfter),
            new TableColumn<TrainedPersonEffect>("Never trained change", CellKind.Decimal, p => p.ControlChange),
            new TableColumn<TrainedPersonEffect>("Difference in differences", CellKind.Decimal, p => p.DifferenceInDifferences),
        };

        /// <summary>
        /// The before/after figures laid out as the chart reads them, under the Summary table (not every reader draws
        /// literal category labels, so the chart takes them from cells).
        /// </summary>
        private static void WriteChartData(IXLWorksheet summary, int row, TrainingEffectFigures o)
        {
            summary.Cell(row, 1).SetValue<string>("Chart data: active days per week");
            summary.Cell(row, 1).Style.Font.Italic = true;
            summary.Cell(row, 1).Style.Font.FontColor = XLColor.Gray;
            summary.Cell(row + 1, 2).SetValue<string>("Trained");
            summary.Cell(row + 1, 3).SetValue<string>("Never trained");
            summary.Cell(row + 2, 1).SetValue<string>("Before");
            summary.Cell(row + 3, 1).SetValue<string>("After");
            TableSheet.SetCell(summary.Cell(row + 2, 2), o.TrainedBefore, CellKind.Decimal);
            TableSheet.SetCell(summary.Cell(row + 3, 2), o.TrainedAfter, CellKind.Decimal);
            TableSheet.SetCell(summary.Cell(row + 2, 3), o.ControlBefore, CellKind.Decimal);
            TableSheet.SetCell(summary.Cell(row + 3, 3), o.ControlAfter, CellKind.Decimal);
            summary.Range(row + 1, 1, row + 3, 3).Style.Font.FontColor = XLColor.Gray;
            summary.Column(3).Width = Math.Max(summary.Column(3).Width, 15);
        }

        private static void AddCharts(DocumentFormat.OpenXml.Packaging.WorksheetPart summary, TrainingEffectResult result, int chartData)
        {
            var o = result.Overall;
            if (o != null)
            {
                ChartWriter.Add(summary, new ChartSpec
                {
                    Kind = ChartKind.ClusteredColumn,
                    Title = $"Training effect {ReportText.Signed(o.Effect)} active days per week (95% interval {ReportText.Signed(o.IntervalLow)} to {ReportText.Signed(o.IntervalHigh)})",
                    CategoriesReference = TableSheet.Reference("Summary", 1, chartData + 2, chartData + 3),
                    Categories = new[] { "Before", "After" },
                    Series = new[]
                    {
                        new ChartSeries("Trained", TableSheet.Reference("Summary", 2, chartData + 2, chartData + 3), new double?[] { o.TrainedBefore, o.TrainedAfter }, "1F4E79"),
                        new ChartSeries("Never trained", TableSheet.Reference("Summary", 3, chartData + 2, chartData + 3), new double?[] { o.ControlBefore, o.ControlAfter }, "A5A5A5"),
                    },
                    ValueFormat = "0.00",
                    DataLabels = true,
                    Anchor = (4, 0, 12, 20),
                });
            }

            var courses = result.ByCourse;
            if (courses.Any(c => c.Figures != null))
            {
                ChartWriter.Add(summary, new ChartSpec
                {
                    Kind = ChartKind.ClusteredColumn,
                    Title = "Difference in differences by course (active days per week)",
                    CategoriesReference = TableSheet.Reference("By Course", 1, 2, courses.Count + 1),
                    Categories = courses.Select(c => c.Group).ToList(),
                    Series = new[] { new ChartSeries("Difference in differences", TableSheet.Reference("By Course", 8, 2, courses.Count + 1), courses.Select(c => c.Figures?.Effect).ToList(), "ED7D31") },
                    ValueFormat = "0.00",
                    DataLabels = true,
                    Anchor = (4, 21, 12, 40),
                });
            }
        }

        private static List<AboutSheet.Line> About(TrainingEffectReportRequest request, TrainingEffectResult result, SocialStore store, StoreCoverage coverage, IReadOnlyList<string> networks)
        {
            var w = request.WindowDays.ToString(CultureInfo.InvariantCulture);
            var lines = new List<AboutSheet.Line>
            {
                new AboutSheet.Line("Report", "Effect of training on participation in social networks"),
                new AboutSheet.Line("Data analysed", result.CoveredFrom.HasValue ? $"{StoreCoverage.Date(result.CoveredFrom.Value)} to {StoreCoverage.Date(result.CoveredTo!.Value)} (days covered for every network: {string.Join(", ", networks)})" : "none"),
            };
            if (result.CoveredFrom.HasValue)
            {
                lines.AddRange(AboutSheet.StoreLines(store, coverage, networks, result.CoveredFrom.Value, result.CoveredTo!.Value));
            }

            lines.AddRange(new[]
            {
                new AboutSheet.Line("Metric", "Active days per week: days with at least one post or reply on any network, per 7 days. Posts per week likewise."),
                new AboutSheet.Line("Windows", $"For a completion on day c: before = c−{w} … c−1, after = c+1 … c+{w} (the completion day itself is left out). A trained person counts only when the store covers every day of both windows on every network and they were employed before the first window; a person with several completions counts at their first."),
                new AboutSheet.Line("Control", "Never trained: enabled people with no completed course, employed since the start of the data, measured over the same calendar windows as each trained person."),
                new AboutSheet.Line("Effect", "Difference in differences: (trained after − trained before) − (never trained after − never trained before), averaged over trained people. It removes what changed for everyone at the same time (seasons, campaigns) and the trained people's own starting level."),
                new AboutSheet.Line("Interval", $"95% percentile bootstrap interval: {request.BootstrapReplicates.ToString(CultureInfo.InvariantCulture)} resamples of trained and never-trained people with a fixed seed ({TrainingEffectOptions.DefaultSeed.ToString(CultureInfo.InvariantCulture)}), so the same store gives the same interval. An interval that excludes 0 means the change is unlikely to be chance."),
                new AboutSheet.Line("Cohorts", "Cohort = month of a person's first completion."),
                new AboutSheet.Line("Caution", "People choose or are chosen for training; the control removes common trends and fixed differences, not every difference between the groups."),
                new AboutSheet.Line("Privacy", ReportText.Privacy(request.MinimumGroupSize, request.IncludeIndividuals, request.IncludeNames, request.LinkPseudonyms)),
            });
            return lines;
        }
    }
}
