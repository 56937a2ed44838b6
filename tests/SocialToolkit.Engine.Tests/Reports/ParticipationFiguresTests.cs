using ClosedXML.Excel;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Reports;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>
/// Every figure of the Summary, Weekly and Networks tables of a tiny store worked out by hand from the definitions
/// (DESIGN.md, "Definitions the reports use"; Export-SocialParticipationReport help), then read back from the workbook.
/// -MinimumGroupSize 1 throughout: these tests are about the arithmetic, not about what privacy hides.
/// </summary>
public sealed class ParticipationFiguresTests
{
    private static DateTime D(int day) => new(2026, 3, day);

    private static IEnumerable<DateTime> Span(int first, int last) => Enumerable.Range(first, last - first + 1).Select(D);

    private sealed record Row(string Upn, string Network, int Day, int Posts = 0, int Replies = 0, int Reactions = 0, int Reads = 0);

    /// <summary>Writes people, then each network's covered days with their rows; rows on other days are written and their day then uncovered.</summary>
    private static string Store(TempDirectory temp, IEnumerable<Person> people, IReadOnlyDictionary<string, DateTime[]> covered, IEnumerable<Row> rows)
    {
        var path = temp.File("figures.db");
        using var store = SocialStore.Open(path);
        var everyone = people.ToList();
        store.InTransaction(t => store.UpsertPeople(everyone, new PeopleWriteOptions { Source = "Test", SeenOn = D(1) }, t));
        var ids = store.LoadPersonDirectory();
        var all = rows.ToList();
        foreach (var (network, days) in covered)
        {
            var uncovered = all.Where(r => r.Network == network).Select(r => D(r.Day)).Where(d => !days.Contains(d));
            foreach (var day in days.Concat(uncovered).Distinct())
            {
                var dayRows = all.Where(r => r.Network == network && D(r.Day) == day)
                    .Select(r => (ids.Find(r.Upn + "@x.test")!.Value, new ActivityDay { Day = day, Network = network, Posts = r.Posts, Replies = r.Replies, Reactions = r.Reactions, Reads = r.Reads }));
                store.InTransaction(t => store.ReplaceActivityDay(network, day, dayRows, "Test", t));
            }

            foreach (var day in uncovered.Distinct())
            {
                // Activity stored for a day the store does not count as covered (a day whose sync was not completed).
                using var uncover = store.Command($"DELETE FROM coverage WHERE network = '{network}' AND day = '{day:yyyy-MM-dd}'");
                uncover.ExecuteNonQuery();
            }
        }

        return path;
    }

    private static Person Member(string name, DateTime? hired = null, DateTime? left = null, bool enabled = true, string type = StaffAccount.Member) =>
        new() { Id = name, UserPrincipalName = name + "@x.test", DisplayName = name, Department = "Sales", HireDate = hired, LeaveDate = left, Enabled = enabled, UserType = type };

    private static XLWorkbook Export(TempDirectory temp, Core.Store.StoreLocation store, string name, DateTime from, DateTime to, params string[] networks)
    {
        var path = temp.File(name);
        ParticipationReport.Export(new ParticipationReportRequest { Path = path, StorePath = store, From = from, To = to, Networks = networks, MinimumGroupSize = 1 }, SilentReporter.Instance, CancellationToken.None);
        return new XLWorkbook(path);
    }

    private static Dictionary<string, IXLCell> Measures(XLWorkbook workbook) =>
        workbook.Worksheet("Summary").Table("Summary").DataRange.Rows().ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(2));

    /// <summary>Rows of a table by their first cell, each a map from header to cell.</summary>
    private static Dictionary<string, Dictionary<string, IXLCell>> Rows(XLWorkbook workbook, string sheet, string table)
    {
        var t = workbook.Worksheet(sheet).Table(table);
        var headers = WorkbookTests.Headers(t);
        return t.DataRange.Rows().ToDictionary(r => r.Cell(1).GetString(), r => headers.ToDictionary(h => h.Key, h => r.Cell(h.Value)));
    }

    private static double? Number(IXLCell cell) => cell.IsEmpty() ? null : cell.GetDouble();

    /// <summary>
    /// Period Wednesday 4 to Tuesday 17 March 2026 (weeks W10 with 5 days, W11, W12 with 2). Viva Engage is covered from
    /// 1 to 17 March but not on 10 and 11; LinkedIn from 6 to 20; Teams from 4 to 17.
    /// </summary>
    private static string Organisation(TempDirectory temp)
    {
        var people = new[]
        {
            Member("alice"),
            Member("bob"),
            Member("carol", hired: D(12)),
            Member("dan", left: D(9)),
            Member("eve", type: StaffAccount.Guest),
            Member("frank", enabled: false),
            Member("grace"),
            Member("heidi"),
            Member("ivan", type: StaffAccount.Resource),
            Member("judy", hired: D(16)),
            Member("ken", left: D(4)),
        };
        var covered = new Dictionary<string, DateTime[]>
        {
            ["VivaEngage"] = Span(1, 17).Where(d => d.Day != 10 && d.Day != 11).ToArray(),
            ["LinkedIn"] = Span(6, 20).ToArray(),
            ["Teams"] = Span(4, 17).ToArray(),
        };
        var rows = new[]
        {
            new Row("alice", "VivaEngage", 5, Posts: 1),
            new Row("alice", "LinkedIn", 7, Reactions: 3),
            new Row("bob", "VivaEngage", 12, Reads: 5),
            new Row("carol", "VivaEngage", 5, Posts: 6),   // before her hire
            new Row("carol", "Teams", 13, Replies: 1),
            new Row("dan", "LinkedIn", 6, Posts: 1),
            new Row("dan", "VivaEngage", 12, Posts: 2),    // after he left
            new Row("eve", "VivaEngage", 5, Posts: 3),     // guest
            new Row("frank", "VivaEngage", 5, Posts: 4),   // disabled, no leave date
            new Row("grace", "VivaEngage", 10, Posts: 1),  // a day Viva Engage is not covered
            new Row("heidi", "Teams", 14, Posts: 2),
            new Row("ivan", "Teams", 14, Posts: 1),        // resource mailbox
            new Row("ken", "Teams", 5, Posts: 1),          // left before the period
            new Row("alice", "VivaEngage", 3, Posts: 7),   // before the period
            new Row("bob", "LinkedIn", 18, Posts: 7),      // after the period
        };
        return Store(temp, people, covered, rows);
    }

    [Fact]
    public void Every_Summary_figure_of_a_small_store_is_the_one_worked_out_by_hand()
    {
        using var temp = new TempDirectory();
        using var workbook = Export(temp, Organisation(temp), "all.xlsx", D(4), D(17));
        var m = Measures(workbook);

        // "Staff: members (not guests, not resource or disabled accounts). A person counts on the days they were staff":
        // alice, bob, carol (from 12), dan (until 8), grace, heidi, judy (16-17); not eve, frank, ivan, ken.
        Assert.Equal(14.0, m["Days in period"].GetDouble());
        // Days covered for every counted network: 6-9 and 12-17.
        Assert.Equal(10.0, m["Days covered"].GetDouble());
        Assert.Equal(7.0, m["Headcount"].GetDouble());
        // "Active contributor: at least one post or reply on any network in the period": alice, carol, dan, heidi.
        Assert.Equal(4.0, m["Active contributors"].GetDouble());
        Assert.Equal(4.0 / 7, m["Participation rate"].GetDouble(), 10);
        Assert.Equal(3.0, m["Internal: active contributors"].GetDouble());
        Assert.Equal(3.0 / 7, m["Internal: participation rate"].GetDouble(), 10);
        Assert.Equal(1.0, m["External: active contributors"].GetDouble());
        Assert.Equal(1.0 / 7, m["External: participation rate"].GetDouble(), 10);
        // "Readers or reactors: any activity": the four contributors and bob, who only read.
        Assert.Equal(5.0, m["Readers or reactors"].GetDouble());
        Assert.Equal(5.0 / 7, m["Reading or reacting rate"].GetDouble(), 10);
        Assert.Equal(4.0, m["Posts"].GetDouble());
        Assert.Equal(1.0, m["Replies"].GetDouble());
        Assert.Equal(3.0, m["Reactions"].GetDouble());
        Assert.Equal(4.0 / 7, m["Posts per head"].GetDouble(), 10);
    }

    [Fact]
    public void Every_Weekly_figure_counts_that_weeks_staff_on_its_covered_days()
    {
        using var temp = new TempDirectory();
        using var workbook = Export(temp, Organisation(temp), "weeks.xlsx", D(4), D(17));
        var weeks = Rows(workbook, "Weekly", "Weekly");
        Assert.Equal(new[] { "2026-W10", "2026-W11", "2026-W12" }, weeks.Keys);

        // (days in period, days covered by every network, headcount, active, posts, replies, readers or reactors)
        // W10, 4-8 March: staff alice, bob, dan, grace, heidi; alice posts on 5, dan on 6, alice reacts on 7.
        // W11, 9-15: dan has left (leave date 9 is his first day off staff), carol hired on 12: alice, bob, carol, grace, heidi.
        // W12, 16-17: judy hired on 16 joins.
        var expected = new Dictionary<string, (double InPeriod, double Covered, double Headcount, double Active, double Posts, double Replies, double Readers)>
        {
            ["2026-W10"] = (5, 3, 5, 2, 2, 0, 2),
            ["2026-W11"] = (7, 5, 5, 2, 2, 1, 3),
            ["2026-W12"] = (2, 2, 6, 0, 0, 0, 0),
        };
        foreach (var (week, e) in expected)
        {
            var row = weeks[week];
            var got = (Number(row["Days in period"]), Number(row["Days covered"]), Number(row["Headcount"]), Number(row["Active contributors"]), Number(row["Posts"]), Number(row["Replies"]), Number(row["Readers or reactors"]));
            Assert.True(got == e, $"{week}: {got} instead of {e}");
            Assert.Equal(e.Active / e.Headcount, row["Participation rate"].GetDouble(), 10);
            // "a week with uncovered days, including partial weeks at the period's edges, says so in its Note".
            Assert.False(row["Note"].IsEmpty(), week);
            Assert.True(row["Participation rate (complete weeks)"].IsEmpty(), week);
        }

        Assert.Equal(D(2), weeks["2026-W10"]["Week start"].GetDateTime());
        Assert.Contains("partial week at the edge of the period", weeks["2026-W12"]["Note"].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("partial week", weeks["2026-W11"]["Note"].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_Networks_figure_is_per_network_with_the_days_each_network_covers()
    {
        using var temp = new TempDirectory();
        using var workbook = Export(temp, Organisation(temp), "networks.xlsx", D(4), D(17));
        var networks = Rows(workbook, "Networks", "Networks");

        // (kind, readers or reactors, active, posts, days covered in the period)
        var expected = new Dictionary<string, (string Kind, double Readers, double Active, double Posts, double Days)>
        {
            ["Viva Engage"] = ("Internal", 2, 1, 1, 12),
            ["Teams"] = ("Internal", 2, 2, 2, 14),
            ["LinkedIn"] = ("External", 2, 1, 1, 12),
        };
        Assert.Equal(expected.Keys.OrderBy(k => k), networks.Keys.OrderBy(k => k));
        foreach (var (network, e) in expected)
        {
            var row = networks[network];
            var got = (row["Kind"].GetString(), Number(row["Readers or reactors"]), Number(row["Active contributors"]), Number(row["Posts"]), Number(row["Days covered"]));
            Assert.True(got == e, $"{network}: {got} instead of {e}");
            // "Active contributors on this network / the scope's headcount".
            Assert.Equal(e.Active / 7, row["Participation rate"].GetDouble(), 10);
        }

        Assert.Equal(1.0, networks["Teams"]["Replies"].GetDouble());
        Assert.Equal(3.0, networks["LinkedIn"]["Reactions"].GetDouble());
        Assert.Equal(5.0, networks["Viva Engage"]["Reads"].GetDouble());
    }

    [Fact]
    public void A_Network_filter_counts_only_the_activity_of_those_networks_and_their_coverage()
    {
        using var temp = new TempDirectory();
        using var workbook = Export(temp, Organisation(temp), "filtered.xlsx", D(4), D(17), "VivaEngage", "LinkedIn");
        var m = Measures(workbook);

        // "-Network: Counts only these networks": heidi (Teams posts) and carol (Teams reply) are staff, not contributors.
        Assert.Equal(7.0, m["Headcount"].GetDouble());
        Assert.Equal(2.0, m["Active contributors"].GetDouble());
        Assert.Equal((1.0, 1.0), (m["Internal: active contributors"].GetDouble(), m["External: active contributors"].GetDouble()));
        Assert.Equal(3.0, m["Readers or reactors"].GetDouble());
        Assert.Equal((2.0, 0.0, 3.0), (m["Posts"].GetDouble(), m["Replies"].GetDouble(), m["Reactions"].GetDouble()));
        // Viva Engage and LinkedIn both cover 6-9 and 12-17.
        Assert.Equal(10.0, m["Days covered"].GetDouble());
        Assert.Equal(new[] { "LinkedIn", "Viva Engage" }, Rows(workbook, "Networks", "Networks").Keys.OrderBy(k => k));

        var weeks = Rows(workbook, "Weekly", "Weekly");
        Assert.Equal((2.0, 2.0), (Number(weeks["2026-W10"]["Active contributors"])!.Value, Number(weeks["2026-W10"]["Posts"])!.Value));
        Assert.Equal((0.0, 0.0, 1.0), (Number(weeks["2026-W11"]["Active contributors"])!.Value, Number(weeks["2026-W11"]["Replies"])!.Value, Number(weeks["2026-W11"]["Readers or reactors"])!.Value));
    }
    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void An_account_counts_as_staff_on_the_days_the_stores_history_says_it_was_one(string backend)
    {
        // "A person counts on the days they were staff (hire and leave dates, the store's history of each person), so
        // every rate uses the headcount of its own days or week, not today's." olga was an enabled member until the sync
        // of 12 March found her account disabled (no leave date known); pablo was a guest until the sync of 12 March
        // found him a member.
        using var target = StoreTarget.Create(backend);
        using (var store = target.Open())
        {
            store.InTransaction(t => store.UpsertPeople(new[] { Member("alice"), Member("olga"), Member("pablo", type: StaffAccount.Guest) }, new PeopleWriteOptions { Source = "Graph", SeenOn = D(1) }, t));
            store.InTransaction(t => store.UpsertPeople(new[] { Member("alice"), Member("olga", enabled: false), Member("pablo") }, new PeopleWriteOptions { Source = "Graph", SeenOn = D(12) }, t));
            var ids = store.LoadPersonDirectory();
            long Id(string name) => ids.Find(name + "@x.test")!.Value;
            foreach (var day in Span(4, 17))
            {
                var rows = new List<(long, ActivityDay)>();
                void Add(string name, int posts, int replies, int reads) => rows.Add((Id(name), new ActivityDay { Day = day, Network = "VivaEngage", Posts = posts, Replies = replies, Reads = reads }));
                if (day == D(5)) { Add("olga", 1, 0, 0); Add("alice", 0, 0, 2); }
                if (day == D(6)) { Add("pablo", 4, 0, 0); }  // a guest's post
                if (day == D(13)) { Add("pablo", 0, 1, 0); }
                store.InTransaction(t => store.ReplaceActivityDay("VivaEngage", day, rows, "Test", t));
            }
        }

        using var workbook = Export(target.Folder, target.Location, "history.xlsx", D(4), D(17));
        var m = Measures(workbook);
        Assert.Equal(3.0, m["Headcount"].GetDouble());
        Assert.Equal(2.0, m["Active contributors"].GetDouble());
        Assert.Equal((1.0, 1.0), (m["Posts"].GetDouble(), m["Replies"].GetDouble()));
        var weeks = Rows(workbook, "Weekly", "Weekly");
        // W10 (4-8): alice, olga; W11 (9-15): alice, olga until 11, pablo from 12; W12 (16-17): alice, pablo.
        Assert.Equal(new double?[] { 2, 3, 2 }, weeks.Values.Select(w => Number(w["Headcount"])));
        Assert.Equal(new double?[] { 1, 1, 0 }, weeks.Values.Select(w => Number(w["Active contributors"])));
        Assert.Equal(new double?[] { 1, 0, 0 }, weeks.Values.Select(w => Number(w["Posts"])));
    }
    [Fact]
    public void A_period_from_a_Sunday_to_a_Monday_has_one_day_weeks_at_both_edges_counted_on_their_own_days()
    {
        using var temp = new TempDirectory();
        using var workbook = Export(temp, Organisation(temp), "edges.xlsx", D(8), D(16));
        var m = Measures(workbook);

        // Sunday 8 to Monday 16 March: dan (staff until 8) is in, his post of 6 March is not; covered by every network: 8, 9, 12-16.
        Assert.Equal((9.0, 7.0), (m["Days in period"].GetDouble(), m["Days covered"].GetDouble()));
        Assert.Equal((7.0, 2.0, 3.0), (m["Headcount"].GetDouble(), m["Active contributors"].GetDouble(), m["Readers or reactors"].GetDouble()));
        Assert.Equal((2.0, 1.0), (m["Posts"].GetDouble(), m["Replies"].GetDouble()));

        // "Week (ISO, e.g. 2026-W47)", each week's own headcount: W10 is Sunday 8 alone (alice, bob, dan, grace, heidi),
        // W12 is Monday 16 alone (judy hired that day, carol since 12; dan gone).
        var weeks = Rows(workbook, "Weekly", "Weekly");
        Assert.Equal(new[] { "2026-W10", "2026-W11", "2026-W12" }, weeks.Keys);
        Assert.Equal(new double?[] { 1, 7, 1 }, weeks.Values.Select(w => Number(w["Days in period"])));
        Assert.Equal(new double?[] { 1, 5, 1 }, weeks.Values.Select(w => Number(w["Days covered"])));
        Assert.Equal(new double?[] { 5, 5, 6 }, weeks.Values.Select(w => Number(w["Headcount"])));
        Assert.Equal(new double?[] { 0, 2, 0 }, weeks.Values.Select(w => Number(w["Active contributors"])));
        Assert.Equal(new[] { D(2), D(9), D(16) }, weeks.Values.Select(w => w["Week start"].GetDateTime()));
    }
    [Fact]
    public void A_network_with_no_covered_day_in_the_period_is_blank_not_zero()
    {
        // "Covered day: a day a network's data is stored for. Rates use covered days only; an uncovered day is unknown
        // (blank), never zero." LinkedIn's data starts on 6 March: from 2 to 5 March nothing is known of it.
        using var temp = new TempDirectory();
        using var workbook = Export(temp, Organisation(temp), "early.xlsx", D(2), D(5));
        var networks = Rows(workbook, "Networks", "Networks");

        var linkedIn = networks["LinkedIn"];
        Assert.Equal(0.0, linkedIn["Days covered"].GetDouble());
        foreach (var column in new[] { "Readers or reactors", "Active contributors", "Participation rate", "Posts", "Replies", "Reactions", "Reads", "Shares" })
        {
            Assert.True(linkedIn[column].IsEmpty(), $"LinkedIn {column}: '{linkedIn[column].GetString()}' for a network with no covered day");
        }

        // Viva Engage, covered on each day: alice's post of 5 March (her post of 3 March too: the period starts on 2).
        var engage = networks["Viva Engage"];
        Assert.Equal((4.0, 1.0, 8.0), (engage["Days covered"].GetDouble(), engage["Active contributors"].GetDouble(), engage["Posts"].GetDouble()));
    }
    [Fact]
    public void External_figures_are_blank_when_no_external_network_is_covered_in_the_period()
    {
        // "Internal networks: Viva Engage, Teams; external: LinkedIn, X, Facebook, Instagram, Other — shown apart", and "an
        // uncovered day is unknown (blank), never zero". From 2 to 5 March only Viva Engage and Teams are covered; with
        // -Network VivaEngage no external network is counted at all.
        using var temp = new TempDirectory();
        var store = Organisation(temp);
        using (var early = Export(temp, store, "early.xlsx", D(2), D(5)))
        {
            var m = Measures(early);
            // Staff on 2-5 March: alice, bob, dan, grace, heidi, and ken (who leaves on 4 March).
            Assert.Equal(1.0, m["Internal: active contributors"].GetDouble());
            Assert.Equal(1.0 / 6, m["Internal: participation rate"].GetDouble(), 10);
            Assert.True(m["External: active contributors"].IsEmpty(), "external contributors of a period no external network covers");
            Assert.True(m["External: participation rate"].IsEmpty());
            Assert.EndsWith("nothing is known of the external voice.", early.Worksheet("Summary").Cell(3, 1).GetString(), StringComparison.Ordinal);
        }

        using var internalOnly = Export(temp, store, "engage.xlsx", D(4), D(17), "VivaEngage");
        var measures = Measures(internalOnly);
        Assert.Equal(1.0, measures["Internal: active contributors"].GetDouble());
        Assert.True(measures["External: active contributors"].IsEmpty(), "external contributors when -Network counts no external network");
        var row = Rows(internalOnly, "By Department", "ByDepartment")["Sales"];
        Assert.True(row["External: active contributors"].IsEmpty() && row["External: participation rate"].IsEmpty());
    }
}
