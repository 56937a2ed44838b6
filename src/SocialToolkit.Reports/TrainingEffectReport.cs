using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ClosedXML.Excel;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Labels;
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

        public static TrainingEffectReportInfo Export(TrainingEffectReportRequest request, IOperationReporter reporter, CancellationToken token) =>
            SocialStore.Guard(request.StorePath.Display, "using", () => ExportFromStore(request, reporter, token));

        private static TrainingEffectReportInfo ExportFromStore(TrainingEffectReportRequest request, IOperationReporter reporter, CancellationToken token)
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

            var labels = ReportLabels.For(request.Language);
            using var file = ReportChecks.PrepareFile(request);
            using var store = ReportChecks.OpenStore(request.StorePath);
            // The store's pseudonym key (-LinkPseudonyms) is written, if it is the first, before the snapshot's reads.
            using var pseudonyms = ReportChecks.Pseudonyms(request, store);
            // Every figure from one state of the store (syncs and imports may write meanwhile), and the ledger entries
            // recorded under the same ledger lock.
            using var snapshot = store.ReadSnapshot();
            reporter.Progress(Activity, "Reading the store", 0);
            var (people, coverage) = ReportChecks.ReadPeopleAndCoverage(store, ReportPersonDetails.All);
            store.EndParallelReads();

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
                Labels = labels,
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
            var result = calculator.Build(pseudonyms == null ? (Func<ReportPerson, string>)(p => p.DisplayName) : p => pseudonyms.For(p.UserPrincipalName), token, ledger);
            if (result.ExcludedTrainedPeople > 0)
            {
                reporter.Warning($"{result.ExcludedTrainedPeople.ToString(CultureInfo.InvariantCulture)} of {result.PeopleWithCompletion.ToString(CultureInfo.InvariantCulture)} trained people are left out: " + string.Join("; ", result.LeftOut.Where(l => l.Trained > 0).Select(l => $"{l.Reason.ToLowerInvariant()}: {l.Trained.ToString(CultureInfo.InvariantCulture)}")) + ".");
            }

            reporter.Progress(Activity, "Writing the workbook", 60);
            using var workbook = new XLWorkbook();
            workbook.Properties.Title = labels["te.title"];
            workbook.Properties.Author = "SocialToolkit";
            var summaryName = labels["sheet.summary"];
            var sheets = new List<string> { summaryName, labels["te.sheet.eventStudy"], labels["te.sheet.byCourse"], labels["te.sheet.byCohort"], labels["te.sheet.byDepartment"], labels["te.sheet.byNetwork"] };
            var summary = workbook.Worksheets.Add(summaryName);
            var summaryRows = SummaryRows(result, courses, labels);
            TableSheet.Write(summary, "Summary", ParticipationReport.MeasureColumnsIn(labels), summaryRows);
            TrainingEffectSheets.WrapSentences(summary, summaryRows.Select(r => r.Kind == CellKind.Text ? r.Value as string : null).ToList());
            TableSheet.PrintLayout(summary, onePage: true);
            var chartData = summaryRows.Count + 3;
            if (result.Overall != null)
            {
                WriteChartData(summary, chartData, result.Overall, labels);
            }

            TrainingEffectSheets.WriteEventStudy(workbook, result.EventStudy, labels);
            WriteGroups(workbook, labels["te.sheet.byCourse"], "ByCourse", labels["te.col.Course"], result.ByCourse, withTitle: true, labels);
            WriteGroups(workbook, labels["te.sheet.byCohort"], "ByCohort", labels["te.col.Cohort"], result.ByCohort, withTitle: false, labels);
            WriteGroups(workbook, labels["te.sheet.byDepartment"], "ByDepartment", labels["te.col.Department"], result.ByDepartment, withTitle: false, labels);
            WriteGroups(workbook, labels["te.sheet.byNetwork"], "ByNetwork", labels["te.col.Network"], result.ByNetwork, withTitle: false, labels);
            StreamedTableSheet<TrainedPersonEffect>? peopleSheet = null;
            if (request.IncludeIndividuals)
            {
                peopleSheet = new StreamedTableSheet<TrainedPersonEffect>(labels["sheet.people"], PeopleColumns(labels), result.People);
                peopleSheet.WritePlaceholder(workbook, "People");
                sheets.Add(labels["sheet.people"]);
            }

            AboutSheet.Write(workbook, About(request, result, store, coverage, networks, labels), labels);
            sheets.Add(labels["sheet.about"]);
            token.ThrowIfCancellationRequested();

            var written = WorkbookAssembler.Save(
                file,
                workbook,
                document =>
                {
                    AddCharts(WorkbookAssembler.Sheet(document, summaryName), result, chartData, labels);
                    TrainingEffectSheets.AddEventStudyChart(WorkbookAssembler.Sheet(document, labels["te.sheet.eventStudy"]), result, labels);
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
                PreTrendCheck = TrainingEffectSheets.PreTrendText(result.PreTrend, ReportLabels.English),
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

        private static List<Measure> SummaryRows(TrainingEffectResult result, IReadOnlyList<string> courses, ReportLabels l)
        {
            var o = result.Overall;
            var rows = new List<Measure>
            {
                new Measure(l["te.m.Verdict"], result.Verdict, CellKind.Text),
                new Measure(l["te.m.PreTrend"], TrainingEffectSheets.PreTrendText(result.PreTrend, l), CellKind.Text),
                new Measure(l["te.m.Effect"], o?.Effect, CellKind.Decimal),
                new Measure(l["te.m.Low"], o?.IntervalLow, CellKind.Decimal),
                new Measure(l["te.m.High"], o?.IntervalHigh, CellKind.Decimal),
                new Measure(l["te.m.Relative"], result.RelativeEffect, CellKind.Percent),
                new Measure(l["te.m.Placebo"], result.Placebo?.Value, CellKind.Decimal),
                new Measure(l["te.m.Trained"], result.HeadlineSuppression == SuppressionReason.None ? result.TrainedPeople : (int?)null, CellKind.Integer),
                new Measure(l["te.m.Control"], result.HeadlineSuppression == SuppressionReason.None ? result.ControlPeople : (int?)null, CellKind.Integer),
                new Measure(l["te.m.Window"], result.Options.WindowDays, CellKind.Integer),
                new Measure(l["te.m.Clusters"], TrainingEffectSheets.ClustersText(result, l), CellKind.Text),
                new Measure(l["te.m.Method"], TrainingEffectSheets.MethodText(result.IntervalMethod, l), CellKind.Text),
            };
            for (var i = 0; i < result.Caveats.Count; i++)
            {
                rows.Add(new Measure(i == 0 ? l["te.m.Caveats"] : string.Empty, result.Caveats[i], CellKind.Text));
            }

            rows.AddRange(new[]
            {
                new Measure(l["te.m.PreTrendP"], result.PreTrendPValue, CellKind.Decimal),
                new Measure(l["te.m.LargestDeviation"], result.LargestPreTrendDeviation, CellKind.Decimal),
                new Measure(l["te.m.Breakdown"], result.BreakdownMultiple, CellKind.Decimal),
                new Measure(l["te.m.PlaceboLow"], result.Placebo?.Low, CellKind.Decimal),
                new Measure(l["te.m.PlaceboHigh"], result.Placebo?.High, CellKind.Decimal),
                new Measure(l["te.m.Ratio"], result.RatioEffect?.Value, CellKind.Percent),
                new Measure(l["te.m.RatioLow"], result.RatioEffect?.Low, CellKind.Percent),
                new Measure(l["te.m.RatioHigh"], result.RatioEffect?.High, CellKind.Percent),
                new Measure(l["te.m.TrainedBefore"], o?.TrainedBefore, CellKind.Decimal),
                new Measure(l["te.m.TrainedAfter"], o?.TrainedAfter, CellKind.Decimal),
                new Measure(l["te.m.ControlBefore"], o?.ControlBefore, CellKind.Decimal),
                new Measure(l["te.m.ControlAfter"], o?.ControlAfter, CellKind.Decimal),
                new Measure(l["te.m.PostsEffect"], o?.PostsEffect, CellKind.Decimal),
                new Measure(l["te.m.PostsLow"], o?.PostsIntervalLow, CellKind.Decimal),
                new Measure(l["te.m.PostsHigh"], o?.PostsIntervalHigh, CellKind.Decimal),
                new Measure(l["te.m.BecameActiveTrained"], result.TrainedInactiveBecameActiveShare, CellKind.Percent),
                new Measure(l["te.m.BecameActiveControl"], result.ControlInactiveBecameActiveShare, CellKind.Percent),
                new Measure(l["te.m.BecameActiveDiff"], result.InactiveBecameActive?.Value, CellKind.Percent),
                new Measure(l["te.m.BecameActiveLow"], result.InactiveBecameActive?.Low, CellKind.Percent),
                new Measure(l["te.m.BecameActiveHigh"], result.InactiveBecameActive?.High, CellKind.Percent),
                new Measure(l["te.m.LeftOutWindow"], result.LeftOut.Where(x => x.Reason == TrainingEffectCalculator.WindowNotCovered).Sum(x => x.Trained), CellKind.Integer),
                new Measure(l["te.m.LeftOutAll"], result.ExcludedTrainedPeople, CellKind.Integer),
            });
            foreach (var left in result.LeftOut)
            {
                rows.Add(new Measure(l["te.m.LeftOut", LeftOutReason(left.Reason, l)], left.Trained.ToString(l.Culture) + " / " + left.Control.ToString(l.Culture), CellKind.Text));
            }

            rows.AddRange(new[]
            {
                new Measure(l["te.m.FirstCompletion"], result.FirstCompletion, CellKind.Date),
                new Measure(l["te.m.LastCompletion"], result.LastCompletion, CellKind.Date),
                new Measure(l["te.m.Courses"], courses.Count == 0 ? l["te.v.all"] : string.Join(", ", courses), CellKind.Text),
                new Measure(l["te.m.Network"], result.Options.Network ?? l["te.v.all"], CellKind.Text),
                new Measure(l["te.m.Anticipation"], result.Options.AnticipationDays, CellKind.Integer),
                new Measure(l["te.m.MinimumTrained"], result.Options.MinimumTrained, CellKind.Integer),
                new Measure(l["te.m.MinimumGroupSize"], result.Options.MinimumGroupSize, CellKind.Integer),
                new Measure(l["te.m.Bootstrap"], result.Options.BootstrapReplicates, CellKind.Integer),
            });
            if (o == null)
            {
                rows.Add(new Measure(l["te.m.Note"], result.OverallNote, CellKind.Text));
            }

            return rows;
        }

        /// <summary>Why trained or comparison people are left out, in the labels' language (the engine names reasons in English).</summary>
        private static string LeftOutReason(string reason, ReportLabels labels) => labels.Has("te.left." + reason) ? labels["te.left." + reason] : reason;

        private static void WriteGroups(XLWorkbook workbook, string sheetName, string tableName, string header, IReadOnlyList<TrainingEffectGroup> groups, bool withTitle, ReportLabels l)
        {
            var columns = new List<TableColumn<TrainingEffectGroup>> { new TableColumn<TrainingEffectGroup>(header, CellKind.Text, g => g.Group) };
            if (withTitle)
            {
                columns.Add(new TableColumn<TrainingEffectGroup>(l["te.col.Title"], CellKind.Text, g => g.Title));
            }

            columns.AddRange(new[]
            {
                new TableColumn<TrainingEffectGroup>(l["te.col.Effect"], CellKind.Decimal, g => g.Figures?.Effect),
                new TableColumn<TrainingEffectGroup>(l["te.col.Low"], CellKind.Decimal, g => g.Figures?.IntervalLow),
                new TableColumn<TrainingEffectGroup>(l["te.col.High"], CellKind.Decimal, g => g.Figures?.IntervalHigh),
                new TableColumn<TrainingEffectGroup>(l["te.col.Trained"], CellKind.Integer, g => g.Figures?.TrainedPeople),
                new TableColumn<TrainingEffectGroup>(l["te.col.Before"], CellKind.Decimal, g => g.Figures?.TrainedBefore),
                new TableColumn<TrainingEffectGroup>(l["te.col.After"], CellKind.Decimal, g => g.Figures?.TrainedAfter),
                new TableColumn<TrainingEffectGroup>(l["te.col.NeverBefore"], CellKind.Decimal, g => g.Figures?.ControlBefore),
                new TableColumn<TrainingEffectGroup>(l["te.col.NeverAfter"], CellKind.Decimal, g => g.Figures?.ControlAfter),
                new TableColumn<TrainingEffectGroup>(l["te.col.PostsEffect"], CellKind.Decimal, g => g.Figures?.PostsEffect),
                new TableColumn<TrainingEffectGroup>(l["te.col.Note"], CellKind.Text, g => g.Note.Length == 0 ? null : g.Note),
            });
            var sheet = workbook.Worksheets.Add(sheetName);
            TableSheet.Write(sheet, tableName, columns, groups);
            TableSheet.PrintLayout(sheet, onePage: false);
        }

        private static IReadOnlyList<TableColumn<TrainedPersonEffect>> PeopleColumns(ReportLabels l)
        {
            string? Shown(string? value) => value == TrainingEffectCalculator.HiddenLabel ? l["v.hiddenLabel"] : value;
            return new[]
            {
                new TableColumn<TrainedPersonEffect>(l["te.col.Person"], CellKind.Text, p => p.Person),
                new TableColumn<TrainedPersonEffect>(l["te.col.Department"], CellKind.Text, p => Shown(p.Department)),
                new TableColumn<TrainedPersonEffect>(l["te.col.Course"], CellKind.Text, p => Shown(p.Course)),
                new TableColumn<TrainedPersonEffect>(l["te.col.Completed"], CellKind.Date, p => p.Completed),
                new TableColumn<TrainedPersonEffect>(l["te.col.Before"], CellKind.Decimal, p => p.ActiveDaysBefore),
                new TableColumn<TrainedPersonEffect>(l["te.col.After"], CellKind.Decimal, p => p.ActiveDaysAfter),
                new TableColumn<TrainedPersonEffect>(l["te.col.PostsBefore"], CellKind.Decimal, p => p.PostsBefore),
                new TableColumn<TrainedPersonEffect>(l["te.col.PostsAfter"], CellKind.Decimal, p => p.PostsAfter),
                new TableColumn<TrainedPersonEffect>(l["te.col.NeverChange"], CellKind.Decimal, p => p.ControlChange),
                new TableColumn<TrainedPersonEffect>(l["te.col.DiD"], CellKind.Decimal, p => p.DifferenceInDifferences),
            };
        }

        /// <summary>
        /// The before/after figures laid out as the chart reads them, under the Summary table (not every reader draws
        /// literal category labels, so the chart takes them from cells).
        /// </summary>
        private static void WriteChartData(IXLWorksheet summary, int row, TrainingEffectFigures o, ReportLabels l)
        {
            summary.Cell(row, 1).SetValue<string>(l["te.chart.data"]);
            summary.Cell(row, 1).Style.Font.Italic = true;
            summary.Cell(row, 1).Style.Font.FontColor = XLColor.Gray;
            summary.Cell(row + 1, 2).SetValue<string>(l["te.chart.trained"]);
            summary.Cell(row + 1, 3).SetValue<string>(l["te.chart.never"]);
            summary.Cell(row + 2, 1).SetValue<string>(l["te.chart.before"]);
            summary.Cell(row + 3, 1).SetValue<string>(l["te.chart.after"]);
            TableSheet.SetCell(summary.Cell(row + 2, 2), o.TrainedBefore, CellKind.Decimal);
            TableSheet.SetCell(summary.Cell(row + 3, 2), o.TrainedAfter, CellKind.Decimal);
            TableSheet.SetCell(summary.Cell(row + 2, 3), o.ControlBefore, CellKind.Decimal);
            TableSheet.SetCell(summary.Cell(row + 3, 3), o.ControlAfter, CellKind.Decimal);
            summary.Range(row + 1, 1, row + 3, 3).Style.Font.FontColor = XLColor.Gray;
            summary.Column(3).Width = Math.Max(summary.Column(3).Width, 15);
        }

        private static void AddCharts(DocumentFormat.OpenXml.Packaging.WorksheetPart summary, TrainingEffectResult result, int chartData, ReportLabels l)
        {
            var o = result.Overall;
            var summaryName = l["sheet.summary"];
            if (o != null)
            {
                ChartWriter.Add(summary, new ChartSpec
                {
                    Kind = ChartKind.ClusteredColumn,
                    Title = o.IntervalLow.HasValue ? l["te.chart.effect", l.Signed(o.Effect), l.Signed(o.IntervalLow.Value), l.Signed(o.IntervalHigh!.Value)] : l["te.chart.effectNoInterval", l.Signed(o.Effect)],
                    CategoriesReference = TableSheet.Reference(summaryName, 1, chartData + 2, chartData + 3),
                    Categories = new[] { l["te.chart.before"], l["te.chart.after"] },
                    Series = new[]
                    {
                        new ChartSeries(l["te.chart.trained"], TableSheet.Reference(summaryName, 2, chartData + 2, chartData + 3), new double?[] { o.TrainedBefore, o.TrainedAfter }, "1F4E79"),
                        new ChartSeries(l["te.chart.never"], TableSheet.Reference(summaryName, 3, chartData + 2, chartData + 3), new double?[] { o.ControlBefore, o.ControlAfter }, "A5A5A5"),
                    },
                    ValueFormat = "0.00",
                    DataLabels = true,
                    Anchor = (4, 0, 12, 20),
                });
            }

            TrainingEffectSheets.AddCourseChart(summary, result.ByCourse, (4, 21, 12, 40), l);
        }

        private static List<AboutSheet.Line> About(TrainingEffectReportRequest request, TrainingEffectResult result, SocialStore store, StoreCoverage coverage, IReadOnlyList<string> networks, ReportLabels l)
        {
            string N(int value) => value.ToString(CultureInfo.InvariantCulture);
            var lines = new List<AboutSheet.Line>
            {
                new AboutSheet.Line(l["about.Report"], l["te.about.ReportText"]),
                new AboutSheet.Line(l["te.about.Data"], result.CoveredFrom.HasValue ? l["te.about.DataText", StoreCoverage.Date(result.CoveredFrom.Value), StoreCoverage.Date(result.CoveredTo!.Value), string.Join(", ", networks)] : l["te.about.DataNone"]),
            };
            if (result.CoveredFrom.HasValue)
            {
                lines.AddRange(AboutSheet.StoreLines(store, coverage, networks, result.CoveredFrom.Value, result.CoveredTo!.Value, l));
            }

            var privacy = (request.MinimumGroupSize <= 1 ? l["te.about.PrivacyOff"] : l["te.about.PrivacyOn", N(request.MinimumGroupSize)])
                + " " + (!request.IncludeIndividuals ? l["te.about.NoIndividuals"]
                    : request.IncludeNames ? l["te.about.Names"]
                    : request.LinkPseudonyms ? l["te.about.Linked"]
                    : l["te.about.Pseudonyms"]);
            lines.AddRange(new[]
            {
                new AboutSheet.Line(l["te.about.Metric"], l["te.about.MetricText"]),
                new AboutSheet.Line(l["te.about.Windows"], l["te.about.WindowsText", N(request.WindowDays), N(TrainingEffectOptions.MaximumAnticipationDays), N(request.AnticipationDays)]),
                new AboutSheet.Line(l["te.about.Comparison"], l["te.about.ComparisonText"]),
                new AboutSheet.Line(l["te.about.Effect"], l["te.about.EffectText"]),
                new AboutSheet.Line(l["te.about.EventStudy"], l["te.about.EventStudyText"]),
                new AboutSheet.Line(l["te.about.Placebo"], l["te.about.PlaceboText"]),
                new AboutSheet.Line(l["te.about.Ratio"], l["te.about.RatioText"]),
                new AboutSheet.Line(l["te.about.Interval"], l["te.about.IntervalText", l["te.clusterBy." + result.Options.ClusterBy], N(result.Clusters), TrainingEffectSheets.MethodText(result.IntervalMethod, l), N(request.BootstrapReplicates), TrainingEffectOptions.DefaultSeed.ToString(CultureInfo.InvariantCulture), N(request.MinimumTrained)]),
                new AboutSheet.Line(l["te.about.ByNetwork"], l["te.about.ByNetworkText"]),
                new AboutSheet.Line(l["te.about.Rows"], l["te.about.RowsText", N(result.BreakdownRowsCompared), result.IntervalMethod == IntervalMethod.ClusterResampling ? l["te.about.RowsSupT"] : l["te.about.RowsHolm"]]),
                new AboutSheet.Line(l["te.about.Cohorts"], l["te.about.CohortsText"]),
                new AboutSheet.Line(l["te.about.Caution"], l["te.about.CautionText"]),
                new AboutSheet.Line(l["te.about.Privacy"], privacy),
                new AboutSheet.Line(l["te.about.Across"], request.MinimumGroupSize <= 1 ? l["te.about.AcrossOff"] : l["te.about.AcrossText", N(request.MinimumGroupSize)]),
                new AboutSheet.Line(l["about.Language"], l["te.about.LanguageText"]),
            });
            return lines;
        }
    }
}
