using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
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
    public sealed class ParticipationReportRequest : ReportRequest
    {
        /// <summary>First day; by default 89 days before <see cref="To"/>.</summary>
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

        public static ParticipationReportInfo Export(ParticipationReportRequest request, IOperationReporter reporter, CancellationToken token)
        {
            ReportChecks.Options(request, reporter);
            using var file = ReportFile.Prepare(request.Path, request.Force);
            using var store = ReportChecks.OpenStore(request.StorePath);
            reporter.Progress(Activity, "Reading the store", 0);
            var (people, coverage) = ReportChecks.ReadPeopleAndCoverage(store);

            var networks = ResolveNetworks(request.Networks, coverage);
            var counted = networks.Count == 0 ? coverage.Networks : networks;
            var (from, to) = ResolvePeriod(request, coverage, counted, store.Path);
            var gaps = counted.Select(n => (Network: n, Gaps: coverage.Gaps(n, from, to))).Where(g => g.Gaps.Count > 0).ToList();
            foreach (var (network, missing) in gaps)
            {
                reporter.Warning($"The store does not cover {missing.Count} stretch(es) of the period for {network} ({string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", ..." : string.Empty)}); figures count those days as unknown, not as zero activity. Run Sync-SocialData or import the missing days.");
            }

            var options = new ParticipationOptions
            {
                From = from,
                To = to,
                GroupBy = request.GroupBy,
                Networks = networks,
                MinimumGroupSize = request.MinimumGroupSize,
                IncludeIndividuals = request.IncludeIndividuals,
                IncludeNames = request.IncludeNames,
            };
            var calculator = new ParticipationCalculator(options);
            foreach (var person in people)
            {
                calculator.AddPerson(person);
            }

            long rows = 0;
            foreach (var row in store.StreamActivity(from, to, networks))
            {
                calculator.AddActivity(row.PersonId, row.Network, row.Day, row.Posts, row.Replies, row.Reactions, row.Reads, row.Shares);
                if ((++rows & 0xFFFF) == 0)
                {
                    token.ThrowIfCancellationRequested();
                    reporter.Progress(Activity, $"Reading activity: {ReportText.Count((int)rows)} rows", 10);
                }
            }

            token.ThrowIfCancellationRequested();
            reporter.Progress(Activity, "Computing figures", 30);
            using var pseudonyms = request.IncludeIndividuals && !request.IncludeNames ? new Pseudonymiser(store.GetOrCreatePseudonymKey()) : null;
            var daysCovered = counted.ToDictionary(n => n, n => coverage.DaysCovered(n, from, to), StringComparer.OrdinalIgnoreCase);
            var result = calculator.Build(daysCovered, pseudonyms == null ? (Func<ReportPerson, string>)(p => p.DisplayName) : p => pseudonyms.For(p.UserPrincipalName));

            reporter.Progress(Activity, "Writing the workbook", 40);
            var about = About(request, result, store, coverage, counted, from, to);
            var groupSheet = "By " + request.GroupBy;
            var sheets = new List<string> { "Summary", groupSheet, "Weekly", "Networks" };
            using var workbook = new XLWorkbook();
            workbook.Properties.Title = "Participation " + StoreCoverage.Date(from) + " to " + StoreCoverage.Date(to);
            workbook.Properties.Author = "SocialToolkit";
            var summaryRows = SummaryRows(result, counted, networks.Count == 0);
            var summary = workbook.Worksheets.Add("Summary");
            TableSheet.Write(summary, "Summary", MeasureColumns, summaryRows);
            TableSheet.PrintLayout(summary, onePage: true);

            var groups = workbook.Worksheets.Add(groupSheet);
            TableSheet.Write(groups, "By" + request.GroupBy, GroupColumns(request.GroupBy.ToString()), result.Groups);
            TableSheet.PrintLayout(groups, onePage: false);
            var weekly = workbook.Worksheets.Add("Weekly");
            TableSheet.Write(weekly, "Weekly", WeekColumns, result.Weeks);
            TableSheet.PrintLayout(weekly, onePage: false);
            var networkSheet = workbook.Worksheets.Add("Networks");
            TableSheet.Write(networkSheet, "Networks", NetworkColumns, result.Networks);
            TableSheet.PrintLayout(networkSheet, onePage: false);

            StreamedTableSheet<PersonParticipation>? peopleSheet = null;
            if (request.IncludeIndividuals)
            {
                peopleSheet = new StreamedTableSheet<PersonParticipation>("People", PeopleColumns(request.GroupBy), result.People);
                peopleSheet.WritePlaceholder(workbook, "People");
                sheets.Add("People");
            }

            AboutSheet.Write(workbook, about);
            sheets.Add("About");
            token.ThrowIfCancellationRequested();

            var written = WorkbookAssembler.Save(
                file,
                workbook,
                document =>
                {
                    var summaryPart = WorkbookAssembler.Sheet(document, "Summary");
                    AddCharts(summaryPart, result, groupSheet, request.GroupBy);
                    peopleSheet?.Inspect(document);
                },
                peopleSheet == null ? null : (Action<string, string>)((source, target) => peopleSheet.CopyWithRows(source, target, reporter, Activity, token)));
            reporter.Progress(Activity, "Done", 100);

            return new ParticipationReportInfo
            {
                SuppressedGroups = result.SuppressedGroups,
                From = from,
                To = to,
                GroupBy = request.GroupBy.ToString(),
                Networks = counted,
                Headcount = result.Headcount,
                ActiveContributors = result.Total?.ActiveContributors,
                ParticipationRate = result.Total?.ParticipationRate,
            }.Describe(written, sheets, request);
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

        private static (DateTime From, DateTime To) ResolvePeriod(ParticipationReportRequest request, StoreCoverage coverage, IReadOnlyList<string> networks, string storePath)
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

        private static List<Measure> SummaryRows(ParticipationResult result, IReadOnlyList<string> networks, bool allNetworks)
        {
            var total = result.Total;
            var rows = new List<Measure>
            {
                new Measure("Period start", result.Options.From, CellKind.Date),
                new Measure("Period end", result.Options.To, CellKind.Date),
                new Measure("Days in period", (result.Options.To - result.Options.From).TotalDays + 1, CellKind.Integer),
                new Measure("Networks", (allNetworks ? "All: " : string.Empty) + string.Join(", ", networks), CellKind.Text),
                new Measure("Grouped by", result.Options.GroupBy.ToString(), CellKind.Text),
                new Measure("Headcount", total?.Headcount, CellKind.Integer),
                new Measure("Active contributors", total?.ActiveContributors, CellKind.Integer),
                new Measure("Participation rate", total?.ParticipationRate, CellKind.Percent),
                new Measure("Engaged", total?.Engaged, CellKind.Integer),
                new Measure("Engagement rate", total?.EngagementRate, CellKind.Percent),
                new Measure("Posts", total?.Posts, CellKind.Integer),
                new Measure("Replies", total?.Replies, CellKind.Integer),
                new Measure("Reactions", total?.Reactions, CellKind.Integer),
                new Measure("Posts per head", total?.PostsPerHead, CellKind.Decimal),
                new Measure("Groups hidden", result.SuppressedGroups, CellKind.Integer),
                new Measure("Minimum group size", result.Options.MinimumGroupSize, CellKind.Integer),
            };
            if (total == null)
            {
                rows.Add(new Measure("Note", $"Hidden: the scope has fewer than {result.Options.MinimumGroupSize} people", CellKind.Text));
            }

            return rows;
        }

        internal static readonly IReadOnlyList<TableColumn<Measure>> MeasureColumns = new[]
        {
            new TableColumn<Measure>("Measure", CellKind.Text, m => m.Name),
            new TableColumn<Measure>("Value", CellKind.Decimal, m => m.Value, m => m.Kind),
        };

        private static IReadOnlyList<TableColumn<GroupParticipation>> GroupColumns(string group) => new[]
        {
            new TableColumn<GroupParticipation>(group, CellKind.Text, g => g.Group),
            new TableColumn<GroupParticipation>("Headcount", CellKind.Integer, g => g.Figures?.Headcount),
            new TableColumn<GroupParticipation>("Active contributors", CellKind.Integer, g => g.Figures?.ActiveContributors),
            new TableColumn<GroupParticipation>("Participation rate", CellKind.Percent, g => g.Figures?.ParticipationRate),
            new TableColumn<GroupParticipation>("Engaged", CellKind.Integer, g => g.Figures?.Engaged),
            new TableColumn<GroupParticipation>("Posts", CellKind.Integer, g => g.Figures?.Posts),
            new TableColumn<GroupParticipation>("Replies", CellKind.Integer, g => g.Figures?.Replies),
            new TableColumn<GroupParticipation>("Reactions", CellKind.Integer, g => g.Figures?.Reactions),
            new TableColumn<GroupParticipation>("Posts per head", CellKind.Decimal, g => g.Figures?.PostsPerHead),
            new TableColumn<GroupParticipation>("Engagement rate", CellKind.Percent, g => g.Figures?.EngagementRate),
            new TableColumn<GroupParticipation>("Reads", CellKind.Integer, g => g.Figures?.Reads),
            new TableColumn<GroupParticipation>("Shares", CellKind.Integer, g => g.Figures?.Shares),
            new TableColumn<GroupParticipation>("Note", CellKind.Text, g => g.Note.Length == 0 ? null : g.Note),
        };

        private static readonly IReadOnlyList<TableColumn<WeeklyParticipation>> WeekColumns = new[]
        {
            new TableColumn<WeeklyParticipation>("Week", CellKind.Text, w => w.Week),
            new TableColumn<WeeklyParticipation>("Week start", CellKind.Date, w => w.WeekStart),
            new TableColumn<WeeklyParticipation>("Active contributors", CellKind.Integer, w => w.ActiveContributors),
            new TableColumn<WeeklyParticipation>("Participation rate", CellKind.Percent, w => w.ParticipationRate),
            new TableColumn<WeeklyParticipation>("Posts", CellKind.Integer, w => w.Posts),
            new TableColumn<WeeklyParticipation>("Replies", CellKind.Integer, w => w.Replies),
            new TableColumn<WeeklyParticipation>("Engaged", CellKind.Integer, w => w.Engaged),
            new TableColumn<WeeklyParticipation>("Days in period", CellKind.Integer, w => w.DaysInPeriod),
            new TableColumn<WeeklyParticipation>("Note", CellKind.Text, w => w.Note.Length == 0 ? null : w.Note),
        };

        private static readonly IReadOnlyList<TableColumn<NetworkParticipation>> NetworkColumns = new[]
        {
            new TableColumn<NetworkParticipation>("Network", CellKind.Text, n => n.Network),
            new TableColumn<NetworkParticipation>("Engaged", CellKind.Integer, n => n.Engaged),
            new TableColumn<NetworkParticipation>("Active contributors", CellKind.Integer, n => n.ActiveContributors),
            new TableColumn<NetworkParticipation>("Participation rate", CellKind.Percent, n => n.ParticipationRate),
            new TableColumn<NetworkParticipation>("Posts", CellKind.Integer, n => n.Posts),
            new TableColumn<NetworkParticipation>("Replies", CellKind.Integer, n => n.Replies),
            new TableColumn<NetworkParticipation>("Reactions", CellKind.Integer, n => n.Reactions),
            new TableColumn<NetworkParticipation>("Reads", CellKind.Integer, n => n.Reads),
            new TableColumn<NetworkParticipation>("Shares", CellKind.Integer, n => n.Shares),
            new TableColumn<NetworkParticipation>("Days covered", CellKind.Integer, n => n.DaysCovered),
            new TableColumn<NetworkParticipation>("Note", CellKind.Text, n => n.Note.Length == 0 ? null : n.Note),
        };

        internal static IReadOnlyList<TableColumn<PersonParticipation>> PeopleColumns(ReportGroupBy groupBy)
        {
            var columns = new List<TableColumn<PersonParticipation>>
            {
                new TableColumn<PersonParticipation>("Person", CellKind.Text, p => p.Person),
                new TableColumn<PersonParticipation>("Department", CellKind.Text, p => p.Department),
            };
            if (groupBy != ReportGroupBy.Department)
            {
                columns.Add(new TableColumn<PersonParticipation>(groupBy.ToString(), CellKind.Text, p => p.Group));
            }

            columns.AddRange(new[]
            {
                new TableColumn<PersonParticipation>("Active days", CellKind.Integer, p => p.ActiveDays),
                new TableColumn<PersonParticipation>("Engaged days", CellKind.Integer, p => p.EngagedDays),
                new TableColumn<PersonParticipation>("Posts", CellKind.Integer, p => p.Posts),
                new TableColumn<PersonParticipation>("Replies", CellKind.Integer, p => p.Replies),
                new TableColumn<PersonParticipation>("Reactions", CellKind.Integer, p => p.Reactions),
                new TableColumn<PersonParticipation>("Reads", CellKind.Integer, p => p.Reads),
                new TableColumn<PersonParticipation>("Shares", CellKind.Integer, p => p.Shares),
                new TableColumn<PersonParticipation>("Active contributor", CellKind.Text, p => p.ActiveContributor),
                new TableColumn<PersonParticipation>("Networks", CellKind.Text, p => p.Networks),
            });
            return columns;
        }

        private static void AddCharts(DocumentFormat.OpenXml.Packaging.WorksheetPart summary, ParticipationResult result, string groupSheet, ReportGroupBy groupBy)
        {
            const int chartedGroups = 15;
            var groups = result.Groups.Take(chartedGroups).ToList();
            var label = groupBy == ReportGroupBy.JobTitle ? "job title" : groupBy.ToString().ToLowerInvariant();
            ChartWriter.Add(summary, new ChartSpec
            {
                Kind = ChartKind.ClusteredBar,
                Title = "Participation rate by " + label + (result.Groups.Count > chartedGroups ? $" ({chartedGroups} largest)" : string.Empty),
                CategoriesReference = TableSheet.Reference(groupSheet, 1, 2, groups.Count + 1),
                Categories = groups.Select(g => g.Group).ToList(),
                Series = new[] { new ChartSeries("Participation rate", TableSheet.Reference(groupSheet, 4, 2, groups.Count + 1), groups.Select(g => g.Figures?.ParticipationRate).ToList(), "1F4E79") },
                ValueFormat = "0%",
                DataLabels = true,
                Anchor = (3, 0, 12, 20),
            });
            var weeks = result.Weeks;
            ChartWriter.Add(summary, new ChartSpec
            {
                Kind = ChartKind.Line,
                Title = "Weekly participation rate (share of headcount posting or replying)",
                CategoriesReference = TableSheet.Reference("Weekly", 1, 2, weeks.Count + 1),
                Categories = weeks.Select(w => w.Week).ToList(),
                Series = new[] { new ChartSeries("Participation rate", TableSheet.Reference("Weekly", 4, 2, weeks.Count + 1), weeks.Select(w => w.ParticipationRate).ToList(), "ED7D31") },
                ValueFormat = "0%",
                Anchor = (3, 21, 12, 40),
            });
        }

        private static List<AboutSheet.Line> About(ParticipationReportRequest request, ParticipationResult result, SocialStore store, StoreCoverage coverage, IReadOnlyList<string> networks, DateTime from, DateTime to)
        {
            var lines = new List<AboutSheet.Line>
            {
                new AboutSheet.Line("Report", "Participation in social networks"),
                new AboutSheet.Line("Period", $"{StoreCoverage.Date(from)} to {StoreCoverage.Date(to)} ({((to - from).TotalDays + 1).ToString(CultureInfo.InvariantCulture)} days); weeks are ISO weeks starting on Monday, the first and last may be partial (see Days in period)."),
                new AboutSheet.Line("Grouped by", request.GroupBy.ToString()),
            };
            lines.AddRange(AboutSheet.StoreLines(store, coverage, networks, from, to));
            lines.AddRange(new[]
            {
                new AboutSheet.Line("Headcount", ReportText.HeadcountDefinition),
                new AboutSheet.Line("Active contributors", ReportText.ActiveDefinition),
                new AboutSheet.Line("Engaged", ReportText.EngagedDefinition),
                new AboutSheet.Line("Rates", ReportText.RateDefinition + " Weekly and network rates use the period's headcount."),
                new AboutSheet.Line("Networks sheet", "People engaged and contributing on each network; a person active on two networks counts on both, so the rows do not add up to the totals."),
                new AboutSheet.Line("Privacy", ReportText.Privacy(request.MinimumGroupSize, request.IncludeIndividuals, request.IncludeNames)),
                new AboutSheet.Line("Hidden rows", $"{result.SuppressedGroups.ToString(CultureInfo.InvariantCulture)} of {result.Groups.Count.ToString(CultureInfo.InvariantCulture)} groups."),
            });
            return lines;
        }
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
