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
        public int WindowDays { get; set; } = TrainingEffectOptions.DefaultWindowDays;

        public IReadOnlyList<string> Courses { get; set; } = Array.Empty<string>();

        public int BootstrapReplicates { get; set; } = TrainingEffectOptions.DefaultBootstrapReplicates;

        /// <summary>Event-study weeks before and after completion (-EventWeeks before, after).</summary>
        public int WeeksBefore { get; set; } = TrainingEffectOptions.DefaultWeeksBefore;

        public int WeeksAfter { get; set; } = TrainingEffectOptions.DefaultWeeksAfter;

        public int AnticipationDays { get; set; } = TrainingEffectOptions.DefaultAnticipationDays;

        public TrainingClusterBy ClusterBy { get; set; } = TrainingClusterBy.Department;

        public int MinimumTrained { get; set; } = TrainingEffectOptions.DefaultMinimumTrained;

        /// <summary>Judge the effect on this network only; null or empty: any network.</summary>
        public string? Network { get; set; }
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

            if (request.AnticipationDays < 0 || request.AnticipationDays > TrainingEffectOptions.MaximumAnticipationDays)
            {
                throw new SocialToolkitException("InvalidAnticipationDays", FailureKind.InvalidArgument, $"-AnticipationDays must be between 0 and {TrainingEffectOptions.MaximumAnticipationDays} (got {request.AnticipationDays}).", "AnticipationDays");
            }

            if (request.WeeksBefore < 2 || request.WeeksBefore > TrainingEffectOptions.MaximumEventWeeks || request.WeeksAfter < 1 || request.WeeksAfter > TrainingEffectOptions.MaximumEventWeeks)
            {
                throw new SocialToolkitException("InvalidEventWeeks", FailureKind.InvalidArgument, $"-EventWeeks must give 2 to {TrainingEffectOptions.MaximumEventWeeks} weeks before and 1 to {TrainingEffectOptions.MaximumEventWeeks} after completion (got {request.WeeksBefore}, {request.WeeksAfter}).", "EventWeeks");
            }

            if (request.MinimumTrained < 1)
            {
                throw new SocialToolkitException("InvalidMinimumTrained", FailureKind.InvalidArgument, $"-MinimumTrained must be at least 1 (got {request.MinimumTrained}).", "MinimumTrained");
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

            var network = ResolveNetwork(request.Network, coverage);
            var networks = network == null ? coverage.Networks : new[] { network };
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
                WeeksBefore = request.WeeksBefore,
                WeeksAfter = request.WeeksAfter,
                AnticipationDays = request.AnticipationDays,
                ClusterBy = request.ClusterBy,
                MinimumTrained = request.MinimumTrained,
                Network = network,
                CoveredNetworks = networks,
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
            foreach (var (personId, rowNetwork, day, posts) in store.StreamContributionsByNetwork(covered[0], covered[covered.Count - 1]))
            {
                calculator.AddContribution(personId, day, posts, rowNetwork);
                if ((++rows & 0xFFFF) == 0)
                {
                    token.ThrowIfCancellationRequested();
                    reporter.Progress(Activity, $"Reading activity: {ReportText.Count((int)rows)} active days", 10);
                }
            }

            reporter.Progress(Activity, $"Computing the effect and its interval ({request.BootstrapReplicates.ToString(CultureInfo.InvariantCulture)} bootstrap samples)", 30);
            var ledger = store.ReleaseLedger();
            using var pseudonyms = ReportChecks.Pseudonyms(request, store);
            var result = calculator.Build(pseudonyms == null ? (Func<ReportPerson, string>)(p => p.DisplayName) : p => pseudonyms.For(p.UserPrincipalName), token, ledger);
            if (result.ExcludedTrainedPeople > 0)
            {
                reporter.Warning($"{result.ExcludedTrainedPeople.ToString(CultureInfo.InvariantCulture)} of {result.PeopleWithCompletion.ToString(CultureInfo.InvariantCulture)} trained people are left out: " + string.Join("; ", result.LeftOut.Where(l => l.Trained > 0).Select(l => $"{l.Reason.ToLowerInvariant()}: {l.Trained.ToString(CultureInfo.InvariantCulture)}")) + ".");
            }

            reporter.Progress(Activity, "Writing the workbook", 60);
            using var workbook = new XLWorkbook();
            workbook.Properties.Title = "Training effect";
            workbook.Properties.Author = "SocialToolkit";
            var sheets = new List<string> { "Summary", "Event Study", "By Course", "By Cohort", "By Department", "By Network" };
            var summary = workbook.Worksheets.Add("Summary");
            var summaryRows = SummaryRows(result, courses);
            TableSheet.Write(summary, "Summary", ParticipationReport.MeasureColumns, summaryRows);
            TrainingEffectSheets.WrapSentences(summary, summaryRows.Select(r => r.Kind == CellKind.Text ? r.Value as string : null).ToList());
            TableSheet.PrintLayout(summary, onePage: true);
            var chartData = summaryRows.Count + 3;
            if (result.Overall != null)
            {
                WriteChartData(summary, chartData, result.Overall);
            }

            TrainingEffectSheets.WriteEventStudy(workbook, result.EventStudy);
            WriteGroups(workbook, "By Course", "ByCourse", "Course", result.ByCourse, withTitle: true);
            WriteGroups(workbook, "By Cohort", "ByCohort", "Cohort", result.ByCohort, withTitle: false);
            WriteGroups(workbook, "By Department", "ByDepartment", "Department", result.ByDepartment, withTitle: false);
            WriteGroups(workbook, "By Network", "ByNetwork", "Network", result.ByNetwork, withTitle: false);
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
                    TrainingEffectSheets.AddEventStudyChart(WorkbookAssembler.Sheet(document, "Event Study"), result);
                    peopleSheet?.Inspect(document);
                },
                peopleSheet == null ? null : (Action<string, System.IO.Stream>)((source, target) => peopleSheet.CopyWithRows(source, target, reporter, Activity, token)));

            // Only a workbook in place has published anything: later workbooks are judged against it.
            result.RecordReleases(ledger);
            reporter.Progress(Activity, "Done", 100);

            return new TrainingEffectReportInfo
            {
                SuppressedGroups = result.ByCourse.Concat(result.ByCohort).Concat(result.ByDepartment).Concat(result.ByNetwork).Count(g => g.Figures == null),
                WindowDays = request.WindowDays,
                Courses = courses.Count == 0 ? knownCourses.Select(c => c.Id).ToList() : courses,
                TrainedPeople = result.TrainedPeople,
                ControlPeople = result.ControlPeople,
                Effect = result.Overall?.Effect,
                IntervalLow = result.Overall?.IntervalLow,
                IntervalHigh = result.Overall?.IntervalHigh,
                Verdict = result.Verdict,
                PreTrendCheck = TrainingEffectSheets.PreTrendText(result.PreTrend),
            }.Describe(written, sheets, request);
        }

        /// <summary>The network -Network names, spelt as the store has it; null when not given.</summary>
        private static string? ResolveNetwork(string? requested, StoreCoverage coverage)
        {
            if (string.IsNullOrWhiteSpace(requested))
            {
                return null;
            }

            var known = coverage.Networks.FirstOrDefault(n => string.Equals(n, requested, StringComparison.OrdinalIgnoreCase));
            if (known == null)
            {
                var stored = coverage.Networks.Count == 0 ? "none" : string.Join(", ", coverage.Networks);
                throw new SocialToolkitException("NetworkNotCovered", FailureKind.InvalidArgument, $"-Network '{requested}' has no activity in the store (networks stored: {stored}).", requested!);
            }

            return known;
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
                new Measure("Verdict", result.Verdict, CellKind.Text),
                new Measure("Pre-trend check", TrainingEffectSheets.PreTrendText(result.PreTrend), CellKind.Text),
                new Measure("Difference in differences (active days per week)", o?.Effect, CellKind.Decimal),
                new Measure("95% interval low", o?.IntervalLow, CellKind.Decimal),
                new Measure("95% interval high", o?.IntervalHigh, CellKind.Decimal),
                new Measure("Relative effect", result.RelativeEffect, CellKind.Percent),
                new Measure("Placebo effect (active days per week)", result.Placebo?.Value, CellKind.Decimal),
                new Measure("Trained people", result.HeadlineSuppression == SuppressionReason.None ? result.TrainedPeople : (int?)null, CellKind.Integer),
                new Measure("Control people", result.HeadlineSuppression == SuppressionReason.None ? result.ControlPeople : (int?)null, CellKind.Integer),
                new Measure("Window (days)", result.Options.WindowDays, CellKind.Integer),
                new Measure("Clusters", TrainingEffectSheets.ClustersText(result), CellKind.Text),
                new Measure("Interval method", TrainingEffectSheets.MethodText(result.IntervalMethod), CellKind.Text),
            };
            for (var i = 0; i < result.Caveats.Count; i++)
            {
                rows.Add(new Measure(i == 0 ? "Caveats" : string.Empty, result.Caveats[i], CellKind.Text));
            }

            rows.AddRange(new[]
            {
                new Measure("Pre-trend check p-value", result.PreTrendPValue, CellKind.Decimal),
                new Measure("Largest pre-period deviation (active days per week)", result.LargestPreTrendDeviation, CellKind.Decimal),
                new Measure("Sensitivity: parallel-trend violation that would cancel the effect (× largest pre-period deviation)", result.BreakdownMultiple, CellKind.Decimal),
                new Measure("Placebo: 95% interval low", result.Placebo?.Low, CellKind.Decimal),
                new Measure("Placebo: 95% interval high", result.Placebo?.High, CellKind.Decimal),
                new Measure("Ratio effect (proportional)", result.RatioEffect?.Value, CellKind.Percent),
                new Measure("Ratio effect: 95% interval low", result.RatioEffect?.Low, CellKind.Percent),
                new Measure("Ratio effect: 95% interval high", result.RatioEffect?.High, CellKind.Percent),
                new Measure("Trained: active days per week before", o?.TrainedBefore, CellKind.Decimal),
                new Measure("Trained: active days per week after", o?.TrainedAfter, CellKind.Decimal),
                new Measure("Never trained: active days per week before", o?.ControlBefore, CellKind.Decimal),
                new Measure("Never trained: active days per week after", o?.ControlAfter, CellKind.Decimal),
                new Measure("Difference in differences (posts per week)", o?.PostsEffect, CellKind.Decimal),
                new Measure("Posts: 95% interval low", o?.PostsIntervalLow, CellKind.Decimal),
                new Measure("Posts: 95% interval high", o?.PostsIntervalHigh, CellKind.Decimal),
                new Measure("Inactive before who became active: trained", result.TrainedInactiveBecameActiveShare, CellKind.Percent),
                new Measure("Inactive before who became active: comparison", result.ControlInactiveBecameActiveShare, CellKind.Percent),
                new Measure("Inactive before who became active: difference", result.InactiveBecameActive?.Value, CellKind.Percent),
                new Measure("Inactive became active: 95% interval low", result.InactiveBecameActive?.Low, CellKind.Percent),
                new Measure("Inactive became active: 95% interval high", result.InactiveBecameActive?.High, CellKind.Percent),
                new Measure("Trained people left out (window not covered)", result.LeftOut.Where(l => l.Reason == TrainingEffectCalculator.WindowNotCovered).Sum(l => l.Trained), CellKind.Integer),
                new Measure("Trained people left out (every reason)", result.ExcludedTrainedPeople, CellKind.Integer),
            });
            foreach (var left in result.LeftOut)
            {
                rows.Add(new Measure($"Left out: {left.Reason} (trained / comparison)", $"{left.Trained.ToString(CultureInfo.InvariantCulture)} / {left.Control.ToString(CultureInfo.InvariantCulture)}", CellKind.Text));
            }

            rows.AddRange(new[]
            {
                new Measure("First completion", result.FirstCompletion, CellKind.Date),
                new Measure("Last completion", result.LastCompletion, CellKind.Date),
                new Measure("Courses", courses.Count == 0 ? "All" : string.Join(", ", courses), CellKind.Text),
                new Measure("Network", result.Options.Network ?? "All", CellKind.Text),
                new Measure("Anticipation (days before completion)", result.Options.AnticipationDays, CellKind.Integer),
                new Measure("Minimum trained people for an interval", result.Options.MinimumTrained, CellKind.Integer),
                new Measure("Minimum group size", result.Options.MinimumGroupSize, CellKind.Integer),
                new Measure("Bootstrap samples", result.Options.BootstrapReplicates, CellKind.Integer),
            });
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
                new TableColumn<TrainingEffectGroup>("Effect", CellKind.Decimal, g => g.Figures?.Effect),
                new TableColumn<TrainingEffectGroup>("95% low", CellKind.Decimal, g => g.Figures?.IntervalLow),
                new TableColumn<TrainingEffectGroup>("95% high", CellKind.Decimal, g => g.Figures?.IntervalHigh),
                new TableColumn<TrainingEffectGroup>("Trained people", CellKind.Integer, g => g.Figures?.TrainedPeople),
                new TableColumn<TrainingEffectGroup>("Active days per week before", CellKind.Decimal, g => g.Figures?.TrainedBefore),
                new TableColumn<TrainingEffectGroup>("Active days per week after", CellKind.Decimal, g => g.Figures?.TrainedAfter),
                new TableColumn<TrainingEffectGroup>("Never trained before", CellKind.Decimal, g => g.Figures?.ControlBefore),
                new TableColumn<TrainingEffectGroup>("Never trained after", CellKind.Decimal, g => g.Figures?.ControlAfter),
                new TableColumn<TrainingEffectGroup>("Posts per week: difference in differences (unadjusted)", CellKind.Decimal, g => g.Figures?.PostsEffect),
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
                    Title = o.IntervalLow.HasValue ? $"Training effect {ReportText.Signed(o.Effect)} active days per week (95% interval {ReportText.Signed(o.IntervalLow.Value)} to {ReportText.Signed(o.IntervalHigh!.Value)})" : $"Training effect {ReportText.Signed(o.Effect)} active days per week (no interval)",
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

            TrainingEffectSheets.AddCourseChart(summary, result.ByCourse, (4, 21, 12, 40));
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
                new AboutSheet.Line("Metric", "Active days per week: days with at least one post or reply on any network, per 7 days, counted on whole calendar weeks (Monday to Sunday) that the store covers. Posts per week likewise, each person-week's posts capped at the 99th percentile."),
                new AboutSheet.Line("Windows", $"Cohort = the week of a person's completion. Before window: the {request.WindowDays.ToString(CultureInfo.InvariantCulture)} days (whole weeks) ending before the course work began — the assignment date when the store has one (at most {TrainingEffectOptions.MaximumAnticipationDays.ToString(CultureInfo.InvariantCulture)} days before completion), else {request.AnticipationDays.ToString(CultureInfo.InvariantCulture)} days before completion. After window: the same number of weeks after the completion week. The weeks in between belong to neither window. A person with several completions counts at their first."),
                new AboutSheet.Line("Comparison group", "People who completed none of the counted courses (a course outside -Course does not take anyone out of it), compared over the same calendar weeks as each cohort. Everyone, trained or not, counts only on weeks they were staff every day (hire and leave dates, account kind); people left out are counted with their reason on the Summary."),
                new AboutSheet.Line("Effect", "Group-time differences in differences (Callaway and Sant'Anna 2021): for each cohort, (trained after − trained before) − (comparison after − comparison before), averaged over trained people. Never a pooled two-way fixed-effects regression, which mixes early and late cohorts wrongly (Goodman-Bacon 2021; Sun and Abraham 2021)."),
                new AboutSheet.Line("Event study", "The same comparison week by week relative to the completion week (0), against the before window. Weeks before completion should be near 0: the pre-trend check tests them jointly (weeks up to −2 that lie before the course work, with the placebo) with the same resampling as the intervals. A check has little power (Roth 2022): the Summary also says how large a departure from parallel trends would cancel the effect (in the spirit of Rambachan and Roth 2023). The band is pointwise under 30 clusters and simultaneous over the weeks shown (sup-t) from 30."),
                new AboutSheet.Line("Placebo", "The same comparison one window earlier, when no one had been trained: it should be close to 0."),
                new AboutSheet.Line("Ratio effect", "A proportional (Poisson-type) estimate (Wooldridge 2023): the trained people's after/before ratio against the comparison group's. When it disagrees with the difference in days, a change that scaled everyone's activity may be at work."),
                new AboutSheet.Line("Interval", $"95% intervals resample whole clusters ({result.Options.ClusterBy}: {result.Clusters.ToString(CultureInfo.InvariantCulture)}), because people of a team move together (Cameron, Gelbach and Miller 2008): {TrainingEffectSheets.MethodText(result.IntervalMethod)}; {request.BootstrapReplicates.ToString(CultureInfo.InvariantCulture)} draws with a fixed seed ({TrainingEffectOptions.DefaultSeed.ToString(CultureInfo.InvariantCulture)}), so the same store gives the same interval. No interval and no verdict below {request.MinimumTrained.ToString(CultureInfo.InvariantCulture)} trained people."),
                new AboutSheet.Line("By Network", "The headline's trained people, with active days counted on each network in turn (a day active on two networks counts on both rows). -Network judges the whole report on one network."),
                new AboutSheet.Line("Rows compared", $"Breakdown intervals (By Course, By Cohort, By Department, By Network) are widened together for the {result.BreakdownRowsCompared.ToString(CultureInfo.InvariantCulture)} rows compared ({(result.IntervalMethod == IntervalMethod.ClusterResampling ? "sup-t band" : "Bonferroni, the interval form of Holm's procedure")}), so that a 'significant' row is not an accident of looking at many."),
                new AboutSheet.Line("Cohorts", "By Cohort groups people by the month of their first completion."),
                new AboutSheet.Line("Caution", "People choose or are chosen for training; the comparison removes shared trends and fixed differences, not every difference between the groups. To learn more: stagger the rollout and keep a comparison group."),
                new AboutSheet.Line("Privacy", ReportText.Privacy(request.MinimumGroupSize, request.IncludeIndividuals, request.IncludeNames, request.LinkPseudonyms)),
                new AboutSheet.Line("Privacy across workbooks", request.MinimumGroupSize <= 1 ? "Off (minimum group size 1)." : $"Group sizes count trained people. Every figure (headline, breakdown rows, each event-study week, the placebo, the comparison group) is compared with those this store published before, whatever their -Course filter or period: a figure whose people would differ from an earlier one's by fewer than {request.MinimumGroupSize.ToString(CultureInfo.InvariantCulture)} is hidden, and when the headline or the comparison group is, every figure is. On the People sheet a department, course or completion date is shown only when its row is."),
            });
            return lines;
        }
    }
}
