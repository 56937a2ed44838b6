using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ClosedXML.Excel;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Labels;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;
using SocialToolkit.Reports.Workbook;

namespace SocialToolkit.Reports
{
    public sealed class ParticipationReportRequest : ReportRequest
    {
        /// <summary>First day; by default the first covered day of the last <see cref="ParticipationReport.DefaultPeriodDays"/> days before <see cref="To"/>.</summary>
        public DateTime? From { get; set; }

        /// <summary>Last day; by default the last day the store covers.</summary>
        public DateTime? To { get; set; }

        public ReportGroupBy GroupBy { get; set; } = ReportGroupBy.Department;

        public IReadOnlyList<string> Networks { get; set; } = Array.Empty<string>();
    }

    /// <summary>Store → participation workbook: Summary, By &lt;group&gt;, Weekly, Networks, People (opt-in), About.</summary>
    public static class ParticipationReport
    {
        public const int DefaultPeriodDays = 90;
        private const string Activity = "Exporting the participation report";

        /// <summary>The Summary's title and sentences take the rows above its table.</summary>
        private const int SummaryHeaderRow = 6;
        private const int ChartedGroups = 15;

        public static ParticipationReportInfo Export(ParticipationReportRequest request, IOperationReporter reporter, CancellationToken token) =>
            SocialStore.Guard(request.StorePath.Display, "using", () => ExportFromStore(request, reporter, token));

        private static ParticipationReportInfo ExportFromStore(ParticipationReportRequest request, IOperationReporter reporter, CancellationToken token)
        {
            ReportChecks.Options(request, reporter);
            var labels = ReportLabels.For(request.Language);
            using var file = ReportChecks.PrepareFile(request);
            using var store = ReportChecks.OpenStore(request.StorePath);
            // The store's pseudonym key (-LinkPseudonyms) is written, if it is the first, before the snapshot's reads.
            using var pseudonyms = ReportChecks.Pseudonyms(request, store);
            // Every figure from one state of the store (syncs and imports may write meanwhile), and the ledger entries
            // recorded under the same ledger lock.
            using var snapshot = store.ReadSnapshot();
            reporter.Progress(Activity, "Reading the store", 0);
            var (coverage, peopleInStore) = ReportChecks.ReadCoverage(store);

            var networks = ResolveNetworks(request.Networks, coverage);
            var counted = networks.Count == 0 ? coverage.Networks : networks;
            var (from, to) = ResolvePeriod(request, coverage, counted, store.Path);
            foreach (var network in counted)
            {
                var missing = coverage.Gaps(network, from, to);
                if (missing.Count > 0)
                {
                    reporter.Warning($"The store does not cover {missing.Count} stretch(es) of the period for {network} ({string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", ..." : string.Empty)}); figures count those days as unknown, not as zero activity. Run Sync-SocialData or import the missing days.");
                }
            }

            var options = new ParticipationOptions
            {
                From = from,
                To = to,
                GroupBy = request.GroupBy,
                Coverage = counted.ToDictionary(n => n, n => coverage.Days(n), StringComparer.OrdinalIgnoreCase),
                MinimumGroupSize = request.MinimumGroupSize,
                IncludeIndividuals = request.IncludeIndividuals,
                IncludeNames = request.IncludeNames,
            };
            var calculator = new ParticipationCalculator(options);
            calculator.Reserve(peopleInStore);
            var people = ReportChecks.ReadPeople(store, PeopleDetails(request));
            calculator.AddPeople(people);

            ReadActivity(calculator, store, people, from, to, reporter, token);
            store.EndParallelReads();
            token.ThrowIfCancellationRequested();
            reporter.Progress(Activity, "Computing figures", 30);
            var ledger = store.ReleaseLedger();
            // Setting up the process's first ClosedXML workbook takes about 0.1 s: done on another core while the figures are computed.
            using var workbookAhead = new MadeAhead<XLWorkbook>(() => new XLWorkbook());
            var result = calculator.BuildFigures(ledger);

            // The individual rows (a keyed hash each) are made, measured and written ahead on another core while the other
            // sheets are written.
            using var peopleSheet = request.IncludeIndividuals
                ? new StreamedTableSheet<PersonParticipation>(labels["sheet.people"], PeopleColumns(request.GroupBy, labels), () => calculator.AddIndividuals(result, pseudonyms == null ? (Func<ReportPerson, string>)(p => p.DisplayName) : p => pseudonyms.For(p.UserPrincipalName)), token)
                : null;

            reporter.Progress(Activity, "Writing the workbook", 40);
            var groupName = labels["group." + request.GroupBy];
            var names = new SheetNames(labels, groupName);
            var sheets = new List<string> { names.Summary, names.Groups, names.Weekly, names.Networks };
            var workbook = workbookAhead.Value;
            workbook.Properties.Title = labels["title.report"] + " " + labels["title.period", StoreCoverage.Date(from), StoreCoverage.Date(to)];
            workbook.Properties.Author = "SocialToolkit";
            var summary = workbook.Worksheets.Add(names.Summary);
            TableSheet.Write(summary, "Summary", MeasureColumnsIn(labels), SummaryRows(result, labels, networks.Count == 0, groupName), SummaryHeaderRow);
            summary.Column(1).Width = Math.Max(summary.Column(1).Width, 34);
            summary.Column(2).Width = Math.Max(summary.Column(2).Width, 30);
            WriteSummaryHeading(summary, result, labels);
            TableSheet.PrintLayout(summary, onePage: true, SummaryHeaderRow);

            var groups = workbook.Worksheets.Add(names.Groups);
            TableSheet.Write(groups, "By" + request.GroupBy, GroupColumns(groupName, labels, request.MinimumGroupSize), result.Groups);
            TableSheet.PrintLayout(groups, onePage: false);
            var weekly = workbook.Worksheets.Add(names.Weekly);
            TableSheet.Write(weekly, "Weekly", WeekColumns(labels, request.MinimumGroupSize), result.Weeks);
            TableSheet.PrintLayout(weekly, onePage: false);
            var networkSheet = workbook.Worksheets.Add(names.Networks);
            TableSheet.Write(networkSheet, "Networks", NetworkColumns(labels, request.MinimumGroupSize), result.Networks);
            TableSheet.PrintLayout(networkSheet, onePage: false);

            if (peopleSheet != null)
            {
                peopleSheet.WritePlaceholder(workbook, "People");
                sheets.Add(labels["sheet.people"]);
            }

            AboutSheet.Write(workbook, About(request, result, store, coverage, counted, from, to, labels, groupName), labels);
            sheets.Add(labels["sheet.about"]);
            token.ThrowIfCancellationRequested();

            var written = WorkbookAssembler.Save(
                file,
                workbook,
                document =>
                {
                    AddCharts(WorkbookAssembler.Sheet(document, names.Summary), result, names, labels, groupName);
                    peopleSheet?.Inspect(document);
                },
                peopleSheet == null ? null : (Action<string, Stream>)((source, target) => peopleSheet.CopyWithRows(source, target, reporter, Activity, token)));

            // Only a workbook in place has published anything.
            result.Disclosure?.Record(ledger);
            reporter.Progress(Activity, "Done", 100);

            return new ParticipationReportInfo
            {
                SuppressedGroups = result.SuppressedGroups,
                From = from,
                To = to,
                GroupBy = request.GroupBy.ToString(),
                Networks = counted,
                Headcount = result.Total?.Headcount ?? 0,
                ActiveContributors = result.Total?.ActiveContributors,
                ParticipationRate = result.Total?.ParticipationRate,
            }.Describe(written, sheets, request);
        }

        /// <summary>What the report reads of each person besides what every report reads: names for -IncludeNames, the -GroupBy attribute.</summary>
        private static ReportPersonDetails PeopleDetails(ParticipationReportRequest request) =>
            (request.IncludeNames ? ReportPersonDetails.DisplayName : ReportPersonDetails.None)
            | request.GroupBy switch
            {
                ReportGroupBy.Country => ReportPersonDetails.Country,
                ReportGroupBy.Office => ReportPersonDetails.Office,
                ReportGroupBy.JobTitle => ReportPersonDetails.JobTitle,
                _ => ReportPersonDetails.None,
            };

        /// <summary>
        /// Streams the period's activity into the calculator. The scan is the report's main cost (aggregation costs about as
        /// much as reading the rows), so on a store with a parallel reader the table is read in two halves by person, at
        /// once; progress is reported from the calling thread only.
        /// </summary>
        private static void ReadActivity(ParticipationCalculator calculator, SocialStore store, IReadOnlyList<ReportPerson> people, DateTime from, DateTime to, IOperationReporter reporter, CancellationToken token)
        {
            // The calculator's networks (those counted) number the rows; activity on any other network is not read.
            var numbered = calculator.CountedNetworks;
            var reportingThread = Environment.CurrentManagedThreadId;
            ParticipationCalculator.ActivitySink Feed(SocialStore source, long first, long last)
            {
                var sink = calculator.NewSink();
                var report = Environment.CurrentManagedThreadId == reportingThread;
                long rows = 0;
                foreach (var row in source.ScanActivity(from, to, numbered, first, last))
                {
                    sink.Add(row.PersonId, row.Network, row.Day, row.Posts, row.Replies, row.Reactions, row.Reads, row.Shares);
                    if ((++rows & 0xFFFF) == 0)
                    {
                        token.ThrowIfCancellationRequested();
                        if (report)
                        {
                            reporter.Progress(Activity, $"Reading activity: {ReportText.Count((int)rows)} rows", 10);
                        }
                    }
                }

                return sink;
            }

            // Halves of equal size: split at the middle person (ids need not be dense).
            var middle = people.Count == 0 ? 0 : people.Select(p => p.Id).OrderBy(id => id).ElementAt(people.Count / 2);
            var (lower, upper) = ReportChecks.ReadInHalves(store, middle, Feed);
            token.ThrowIfCancellationRequested();
            calculator.Merge(lower);
            if (upper != null)
            {
                calculator.Merge(upper);
            }
        }

        private sealed class SheetNames
        {
            public SheetNames(ReportLabels labels, string groupName)
            {
                Summary = labels["sheet.summary"];
                Groups = CellFormats.SheetName(labels["sheet.by", groupName]);
                Weekly = labels["sheet.weekly"];
                Networks = labels["sheet.networks"];
            }

            public string Summary { get; }

            public string Groups { get; }

            public string Weekly { get; }

            public string Networks { get; }
        }

        private static List<string> ResolveNetworks(IReadOnlyList<string> requested, StoreCoverage coverage)
        {
            var resolved = new List<string>();
            foreach (var name in requested)
            {
                var known = SocialNetworks.All.Concat(coverage.Networks).FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
                if (known == null)
                {
                    throw new SocialToolkitException("UnknownNetwork", FailureKind.InvalidArgument, $"-Network '{name}' is not a network the toolkit knows ({string.Join(", ", SocialNetworks.All)}).", name);
                }

                if (!resolved.Contains(known, StringComparer.OrdinalIgnoreCase))
                {
                    resolved.Add(known);
                }
            }

            return resolved.OrderBy(n => n, StringComparer.Ordinal).ToList();
        }

        /// <summary>
        /// The period: as asked, or by default the covered stretch: from the first covered day of the last
        /// <see cref="DefaultPeriodDays"/> days up to the last covered day (a store synced for 7 days gives a 7-day report,
        /// not 90 days of which 83 unknown).
        /// </summary>
        internal static (DateTime From, DateTime To) ResolvePeriod(ParticipationReportRequest request, StoreCoverage coverage, IReadOnlyList<string> networks, string storePath)
        {
            var first = coverage.FirstDay(networks);
            var last = coverage.LastDay(networks);
            if (first == null || last == null)
            {
                throw new SocialToolkitException("PeriodNotCovered", FailureKind.InvalidData, $"The store {storePath} holds no day of {string.Join(", ", networks)}; it covers {string.Join(", ", coverage.Networks)}.", "Network");
            }

            var to = (request.To ?? (request.From.HasValue ? request.From.Value.AddDays(DefaultPeriodDays - 1) : last.Value)).Date;
            if (request.To == null && to > last.Value)
            {
                to = last.Value;
            }

            var from = (request.From ?? to.AddDays(-(DefaultPeriodDays - 1))).Date;
            if (request.From == null && from < first.Value)
            {
                from = first.Value;
            }

            if (from > to)
            {
                throw new SocialToolkitException("InvalidPeriod", FailureKind.InvalidArgument, $"-From {StoreCoverage.Date(from)} is after -To {StoreCoverage.Date(to)}.", "From");
            }

            if (networks.All(n => coverage.DaysCovered(n, from, to) == 0))
            {
                throw new SocialToolkitException("PeriodNotCovered", FailureKind.InvalidData, $"The store holds no activity for {StoreCoverage.Date(from)} to {StoreCoverage.Date(to)}; it covers {StoreCoverage.Date(first.Value)} to {StoreCoverage.Date(last.Value)}. Choose -From/-To inside that range.", "From");
            }

            return (from, to);
        }

        /// <summary>A title and two or three sentences a first-time reader can take in: what, who, when, the main figure.</summary>
        private static void WriteSummaryHeading(IXLWorksheet sheet, ParticipationResult result, ReportLabels labels)
        {
            var options = result.Options;
            var title = sheet.Cell(1, 1);
            title.SetValue<string>(labels["title.report"] + "\n" + labels["title.period", StoreCoverage.Date(options.From), StoreCoverage.Date(options.To)]);
            title.Style.Font.Bold = true;
            title.Style.Font.FontSize = 16;
            title.Style.Font.FontColor = XLColor.FromHtml("#1F4E79");
            sheet.Range(1, 1, 1, 3).Merge();
            title.Style.Alignment.WrapText = true;
            title.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            sheet.Row(1).Height = 44;

            var sentences = new List<string>
            {
                labels["s.period", StoreCoverage.Date(options.From), StoreCoverage.Date(options.To), result.DaysCovered, result.DaysInPeriod, labels.Count(result.Headcount)],
            };
            var total = result.Total;
            if (total == null)
            {
                sentences.Add(labels["s.scopeHidden", options.MinimumGroupSize]);
            }
            else
            {
                sentences.Add(total.ExternalContributors.HasValue
                    ? labels["s.main", labels.Count(total.ActiveContributors), labels.Percent(total.ParticipationRate), labels.Count(total.ExternalContributors.Value), labels.Percent(total.ExternalRate)]
                    : labels["s.mainNoExternal", labels.Count(total.ActiveContributors), labels.Percent(total.ParticipationRate)]);
                if (options.MinimumGroupSize > 1)
                {
                    sentences.Add(labels["s.hidden", options.MinimumGroupSize, result.SuppressedGroups, result.Groups.Count]);
                }
            }

            // The sentences span the table's columns (the charts start to their right) and wrap there.
            var width = (int)(sheet.Column(1).Width + sheet.Column(2).Width + sheet.Column(3).Width);
            for (var i = 0; i < sentences.Count; i++)
            {
                var row = 2 + i;
                sheet.Range(row, 1, row, 3).Merge();
                var cell = sheet.Cell(row, 1);
                cell.SetValue<string>(CellFormats.XmlSafe(sentences[i]));
                cell.Style.Alignment.WrapText = true;
                cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
                sheet.Row(row).Height = 15 * AboutSheet.WrappedLines(sentences[i], width) + 4;
            }
        }

        private static List<Measure> SummaryRows(ParticipationResult result, ReportLabels labels, bool allNetworks, string groupName)
        {
            var total = result.Total;
            var networkList = string.Join(", ", result.CountedNetworks.Select(labels.Network));
            var rows = new List<Measure>
            {
                new Measure(labels["m.PeriodStart"], result.Options.From, CellKind.Date),
                new Measure(labels["m.PeriodEnd"], result.Options.To, CellKind.Date),
                new Measure(labels["m.DaysInPeriod"], result.DaysInPeriod, CellKind.Integer),
                new Measure(labels["m.DaysCovered"], result.DaysCovered, CellKind.Integer),
                new Measure(labels["m.Networks"], allNetworks ? labels["v.all", networkList] : networkList, CellKind.Text),
                new Measure(labels["m.GroupedBy"], groupName, CellKind.Text),
                new Measure(labels["col.Headcount"], total?.Headcount, CellKind.Integer),
                new Measure(labels["col.ActiveContributors"], total?.ActiveContributors, CellKind.Integer),
                new Measure(labels["col.ParticipationRate"], total?.ParticipationRate, CellKind.Percent),
                new Measure(labels["col.InternalContributors"], total?.InternalContributors, CellKind.Integer),
                new Measure(labels["col.InternalRate"], total?.InternalRate, CellKind.Percent),
                new Measure(labels["col.ExternalContributors"], total?.ExternalContributors, CellKind.Integer),
                new Measure(labels["col.ExternalRate"], total?.ExternalRate, CellKind.Percent),
                new Measure(labels["col.ReadersOrReactors"], total?.ReadersOrReactors, CellKind.Integer),
                new Measure(labels["col.ReadingOrReactingRate"], total?.ReadingOrReactingRate, CellKind.Percent),
                new Measure(labels["col.Posts"], total?.Posts, CellKind.Integer),
                new Measure(labels["col.Replies"], total?.Replies, CellKind.Integer),
                new Measure(labels["col.Reactions"], total?.Reactions, CellKind.Integer),
                new Measure(labels["col.PostsPerHead"], total?.PostsPerHead, CellKind.Decimal),
                new Measure(labels["m.GroupsHidden"], result.SuppressedGroups, CellKind.Integer),
                new Measure(labels["m.MinimumGroupSize"], result.Options.MinimumGroupSize, CellKind.Integer),
            };
            if (total == null)
            {
                rows.Add(new Measure(labels["col.Note"], labels["note.scopeHidden", result.Options.MinimumGroupSize], CellKind.Text));
            }

            return rows;
        }

        internal static readonly IReadOnlyList<TableColumn<Measure>> MeasureColumns = MeasureColumnsIn(ReportLabels.English);

        internal static IReadOnlyList<TableColumn<Measure>> MeasureColumnsIn(ReportLabels labels) => new[]
        {
            new TableColumn<Measure>(labels["col.Measure"], CellKind.Text, m => m.Name),
            new TableColumn<Measure>(labels["col.Value"], CellKind.Decimal, m => m.Value, m => m.Kind),
        };

        /// <summary>The text of a hidden row's Note.</summary>
        internal static string Note(SuppressionReason reason, ReportLabels labels, int minimum) =>
            reason == SuppressionReason.None ? string.Empty : labels["note." + reason, minimum];

        private static IReadOnlyList<TableColumn<GroupParticipation>> GroupColumns(string group, ReportLabels l, int minimum) => new[]
        {
            new TableColumn<GroupParticipation>(group, CellKind.Text, g => g.Group),
            new TableColumn<GroupParticipation>(l["col.Headcount"], CellKind.Integer, g => g.Figures?.Headcount),
            new TableColumn<GroupParticipation>(l["col.ActiveContributors"], CellKind.Integer, g => g.Figures?.ActiveContributors),
            new TableColumn<GroupParticipation>(l["col.ParticipationRate"], CellKind.Percent, g => g.Figures?.ParticipationRate),
            new TableColumn<GroupParticipation>(l["col.ReadersOrReactors"], CellKind.Integer, g => g.Figures?.ReadersOrReactors),
            new TableColumn<GroupParticipation>(l["col.Posts"], CellKind.Integer, g => g.Figures?.Posts),
            new TableColumn<GroupParticipation>(l["col.Replies"], CellKind.Integer, g => g.Figures?.Replies),
            new TableColumn<GroupParticipation>(l["col.Reactions"], CellKind.Integer, g => g.Figures?.Reactions),
            new TableColumn<GroupParticipation>(l["col.PostsPerHead"], CellKind.Decimal, g => g.Figures?.PostsPerHead),
            new TableColumn<GroupParticipation>(l["col.ReadingOrReactingRate"], CellKind.Percent, g => g.Figures?.ReadingOrReactingRate),
            new TableColumn<GroupParticipation>(l["col.InternalContributors"], CellKind.Integer, g => g.Figures?.InternalContributors),
            new TableColumn<GroupParticipation>(l["col.InternalRate"], CellKind.Percent, g => g.Figures?.InternalRate),
            new TableColumn<GroupParticipation>(l["col.ExternalContributors"], CellKind.Integer, g => g.Figures?.ExternalContributors),
            new TableColumn<GroupParticipation>(l["col.ExternalRate"], CellKind.Percent, g => g.Figures?.ExternalRate),
            new TableColumn<GroupParticipation>(l["col.Reads"], CellKind.Integer, g => g.Figures?.Reads),
            new TableColumn<GroupParticipation>(l["col.Shares"], CellKind.Integer, g => g.Figures?.Shares),
            new TableColumn<GroupParticipation>(l["col.Note"], CellKind.Text, g => NullIfEmpty(Note(g.Suppression, l, minimum))),
        };

        private static IReadOnlyList<TableColumn<WeeklyParticipation>> WeekColumns(ReportLabels l, int minimum) => new[]
        {
            new TableColumn<WeeklyParticipation>(l["col.Week"], CellKind.Text, w => w.Week),
            new TableColumn<WeeklyParticipation>(l["col.WeekStart"], CellKind.Date, w => w.WeekStart),
            new TableColumn<WeeklyParticipation>(l["col.ActiveContributors"], CellKind.Integer, w => w.ActiveContributors),
            new TableColumn<WeeklyParticipation>(l["col.ParticipationRate"], CellKind.Percent, w => w.ParticipationRate),
            new TableColumn<WeeklyParticipation>(l["col.Posts"], CellKind.Integer, w => w.Posts),
            new TableColumn<WeeklyParticipation>(l["col.DaysCovered"], CellKind.Integer, w => w.DaysCovered),
            new TableColumn<WeeklyParticipation>(l["col.Headcount"], CellKind.Integer, w => w.Headcount),
            new TableColumn<WeeklyParticipation>(l["col.Replies"], CellKind.Integer, w => w.Replies),
            new TableColumn<WeeklyParticipation>(l["col.ReadersOrReactors"], CellKind.Integer, w => w.ReadersOrReactors),
            new TableColumn<WeeklyParticipation>(l["col.DaysInPeriod"], CellKind.Integer, w => w.DaysInPeriod),
            new TableColumn<WeeklyParticipation>(l["col.CompleteWeekRate"], CellKind.Percent, w => w.CompleteWeekRate),
            new TableColumn<WeeklyParticipation>(l["col.Note"], CellKind.Text, w => NullIfEmpty(WeekNote(w, l, minimum))),
        };

        /// <summary>Column index (1-based) of the complete-weeks rate, which the weekly chart draws.</summary>
        private const int CompleteWeekRateColumn = 11;

        internal static string WeekNote(WeeklyParticipation week, ReportLabels l, int minimum)
        {
            if (week.DaysCovered + week.DaysPartlyCovered == 0)
            {
                return l["note.noDay"];
            }

            var notes = new List<string>();
            if (week.Hidden)
            {
                notes.Add(l["note.scopeHidden", minimum]);
            }

            if (!week.Complete)
            {
                var note = l["note.incomplete", week.DaysCovered];
                if (week.DaysInPeriod < 7)
                {
                    note += " (" + l["note.edge"] + ")";
                }

                notes.Add(note);
            }

            if (week.DaysPartlyCovered > 0)
            {
                notes.Add(l["note.partly", week.DaysPartlyCovered]);
            }

            return string.Join("; ", notes);
        }

        private static IReadOnlyList<TableColumn<NetworkParticipation>> NetworkColumns(ReportLabels l, int minimum)
        {
            object? Metric(NetworkParticipation n, string metric, long? value) => n.NotReported.Contains(metric) ? l["v.na"] : (object?)value;
            return new[]
            {
                new TableColumn<NetworkParticipation>(l["col.Network"], CellKind.Text, n => l.Network(n.Network)),
                new TableColumn<NetworkParticipation>(l["col.Kind"], CellKind.Text, n => n.IsInternal ? l["v.internal"] : l["v.external"]),
                new TableColumn<NetworkParticipation>(l["col.ReadersOrReactors"], CellKind.Integer, n => n.ReadersOrReactors),
                new TableColumn<NetworkParticipation>(l["col.ActiveContributors"], CellKind.Integer, n => n.ActiveContributors),
                new TableColumn<NetworkParticipation>(l["col.ParticipationRate"], CellKind.Percent, n => n.ParticipationRate),
                new TableColumn<NetworkParticipation>(l["col.Posts"], CellKind.Integer, n => Metric(n, "Posts", n.Posts)),
                new TableColumn<NetworkParticipation>(l["col.Replies"], CellKind.Integer, n => Metric(n, "Replies", n.Replies)),
                new TableColumn<NetworkParticipation>(l["col.Reactions"], CellKind.Integer, n => Metric(n, "Reactions", n.Reactions)),
                new TableColumn<NetworkParticipation>(l["col.Reads"], CellKind.Integer, n => Metric(n, "Reads", n.Reads)),
                new TableColumn<NetworkParticipation>(l["col.Shares"], CellKind.Integer, n => Metric(n, "Shares", n.Shares)),
                new TableColumn<NetworkParticipation>(l["col.DaysCovered"], CellKind.Integer, n => n.DaysCovered),
                new TableColumn<NetworkParticipation>(l["col.Note"], CellKind.Text, n => NullIfEmpty(NetworkNote(n, l, minimum))),
            };
        }

        private static string NetworkNote(NetworkParticipation n, ReportLabels l, int minimum)
        {
            var notes = new List<string>();
            if (n.LeftOut)
            {
                notes.Add(l["note.leftOut", minimum]);
            }
            else if (n.Suppression != SuppressionReason.None)
            {
                notes.Add(l["note.scopeHidden", minimum]);
            }

            if (n.DaysCovered == 0)
            {
                notes.Add(l["note.networkNoDay"]);
            }

            if (n.NotReported.Count > 0)
            {
                notes.Add(l["note.notReported", string.Join(", ", n.NotReported.Select(m => l["col." + m]))]);
            }

            return string.Join("; ", notes);
        }

        internal static IReadOnlyList<TableColumn<PersonParticipation>> PeopleColumns(ReportGroupBy groupBy, ReportLabels? labels = null)
        {
            // Labels looked up once: these lambdas run for every one of up to 100,000 rows.
            var l = labels ?? ReportLabels.English;
            var hidden = l["v.hiddenLabel"];
            var (yes, no) = (l["v.yes"], l["v.no"]);
            var networkNames = new Dictionary<string, string>(StringComparer.Ordinal) { [string.Empty] = string.Empty };
            string Networks(string used)
            {
                if (!networkNames.TryGetValue(used, out var shown))
                {
                    networkNames[used] = shown = string.Join(", ", used.Split(new[] { ", " }, StringSplitOptions.None).Select(l.Network));
                }

                return shown;
            }

            var columns = new List<TableColumn<PersonParticipation>>
            {
                new TableColumn<PersonParticipation>(l["col.Person"], CellKind.Text, p => p.Person),
                new TableColumn<PersonParticipation>(l["group.Department"], CellKind.Text, p => p.Department ?? hidden),
            };
            if (groupBy != ReportGroupBy.Department)
            {
                columns.Add(new TableColumn<PersonParticipation>(l["group." + groupBy], CellKind.Text, p => p.Group ?? hidden));
            }

            columns.AddRange(new[]
            {
                TableColumn<PersonParticipation>.WholeNumber(l["col.ActiveDays"], p => p.ActiveDays),
                TableColumn<PersonParticipation>.WholeNumber(l["col.EngagedDays"], p => p.EngagedDays),
                TableColumn<PersonParticipation>.WholeNumber(l["col.Posts"], p => p.Posts),
                TableColumn<PersonParticipation>.WholeNumber(l["col.Replies"], p => p.Replies),
                TableColumn<PersonParticipation>.WholeNumber(l["col.Reactions"], p => p.Reactions),
                TableColumn<PersonParticipation>.WholeNumber(l["col.Reads"], p => p.Reads),
                TableColumn<PersonParticipation>.WholeNumber(l["col.Shares"], p => p.Shares),
                new TableColumn<PersonParticipation>(l["col.ActiveContributor"], CellKind.Text, p => p.ActiveContributor ? yes : no),
                new TableColumn<PersonParticipation>(l["col.Networks"], CellKind.Text, p => Networks(p.Networks)),
            });
            return columns;
        }

        private static void AddCharts(DocumentFormat.OpenXml.Packaging.WorksheetPart summary, ParticipationResult result, SheetNames names, ReportLabels labels, string groupName)
        {
            // Shown groups come first in the table; hidden ones are not drawn (a blank bar would read as 0%).
            var shown = result.Groups.Where(g => g.Figures != null).Take(ChartedGroups).ToList();
            var hiddenCount = result.SuppressedGroups;
            var notes = new List<string>();
            if (result.Groups.Count(g => g.Figures != null) > ChartedGroups)
            {
                notes.Add(labels["chart.largest", ChartedGroups]);
            }

            if (hiddenCount > 0)
            {
                notes.Add(labels["chart.hiddenNotDrawn", hiddenCount]);
            }

            var lower = labels["group." + result.Options.GroupBy + ".lower"];
            if (shown.Count > 0)
            {
                ChartWriter.Add(summary, new ChartSpec
                {
                    Kind = ChartKind.ClusteredBar,
                    Title = labels["chart.byGroup", lower] + (notes.Count > 0 ? " (" + string.Join("; ", notes) + ")" : string.Empty),
                    CategoriesReference = TableSheet.Reference(names.Groups, 1, 2, shown.Count + 1),
                    Categories = shown.Select(g => g.Group).ToList(),
                    Series = new[] { new ChartSeries(labels["col.ParticipationRate"], TableSheet.Reference(names.Groups, 4, 2, shown.Count + 1), shown.Select(g => g.Figures?.ParticipationRate).ToList(), "1F4E79") },
                    ValueFormat = "0%",
                    DataLabels = true,
                    CategoryAxisTitle = groupName,
                    ValueAxisTitle = labels["axis.rate"],
                    Anchor = (3, 0, 12, 20),
                });
            }

            var weeks = result.Weeks;
            ChartWriter.Add(summary, new ChartSpec
            {
                Kind = ChartKind.Line,
                Title = labels["chart.weekly"],
                CategoriesReference = TableSheet.Reference(names.Weekly, 1, 2, weeks.Count + 1),
                Categories = weeks.Select(w => w.Week).ToList(),
                Series = new[] { new ChartSeries(labels["col.CompleteWeekRate"], TableSheet.Reference(names.Weekly, CompleteWeekRateColumn, 2, weeks.Count + 1), weeks.Select(w => w.CompleteWeekRate).ToList(), "ED7D31") },
                ValueFormat = "0%",
                CategoryAxisTitle = labels["axis.week"],
                ValueAxisTitle = labels["axis.rate"],
                Anchor = (3, 21, 12, 40),
            });
        }

        private static List<AboutSheet.Line> About(ParticipationReportRequest request, ParticipationResult result, SocialStore store, StoreCoverage coverage, IReadOnlyList<string> networks, DateTime from, DateTime to, ReportLabels l, string groupName)
        {
            var lines = new List<AboutSheet.Line>
            {
                new AboutSheet.Line(l["about.Report"], l["title.report"]),
                new AboutSheet.Line(l["about.Period"], l["about.PeriodText", StoreCoverage.Date(from), StoreCoverage.Date(to), result.DaysInPeriod, result.DaysCovered]),
                new AboutSheet.Line(l["about.GroupedBy"], groupName),
            };
            lines.AddRange(AboutSheet.StoreLines(store, coverage, networks, from, to, l));
            lines.Add(new AboutSheet.Line(l["about.Headcount"], l["about.HeadcountText"]));
            var excluded = result.Excluded.Where(e => e.Actions > 0).ToList();
            lines.Add(new AboutSheet.Line(
                l["about.Excluded"],
                excluded.Count == 0
                    ? l["about.ExcludedNone"]
                    : string.Join("\n", excluded.Select(e => l["about.ExcludedText", l["about.kind." + e.Kind], l.Count(e.People), l.Count(e.Actions), l.Percent(result.AllActions == 0 ? 0 : (double)e.Actions / result.AllActions)]))));
            lines.AddRange(new[]
            {
                new AboutSheet.Line(l["about.Active"], l["about.ActiveText"]),
                new AboutSheet.Line(l["about.Readers"], l["about.ReadersText"]),
                new AboutSheet.Line(l["about.Networks"], l["about.NetworksText"]),
                new AboutSheet.Line(l["about.Rates"], l["about.RatesText"]),
                new AboutSheet.Line(l["about.Privacy"], Privacy(request, l)),
                new AboutSheet.Line(l["about.Hidden"], l["about.HiddenText", result.SuppressedGroups, result.Groups.Count]),
                new AboutSheet.Line(l["about.Language"], l["about.LanguageText"]),
            });
            return lines;
        }

        internal static string Privacy(ReportRequest request, ReportLabels l) =>
            (request.MinimumGroupSize <= 1 ? l["about.PrivacyOff"] : l["about.PrivacyText", request.MinimumGroupSize])
            + " " + (!request.IncludeIndividuals ? l["about.NoIndividuals"] : request.IncludeNames ? l["about.Names"] : request.LinkPseudonyms ? l["about.Linked"] : l["about.Pseudonyms"]);

        private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
    }

    /// <summary>A row of a Measure | Value table.</summary>
    internal sealed class Measure
    {
        public Measure(string name, object? value, CellKind kind)
        {
            Name = name;
            Value = value;
            Kind = kind;
        }

        public string Name { get; }

        public object? Value { get; }

        public CellKind Kind { get; }
    }
}
