using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Analytics.Privacy;
using SocialToolkit.Core.Model;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>
/// Attacks on the privacy rules, as a reader holding several workbooks from one store would try them. Each attack is
/// first shown to work when the workbooks are judged one by one (no ledger), so the test proves something; then it must
/// fail when the store's ledger is used.
/// </summary>
public sealed class PrivacyAttackTests
{
    private const int Minimum = 5;
    private static readonly DateTime From = new(2026, 3, 2);
    private static readonly DateTime To = new(2026, 3, 29);

    private static ReportPerson P(long id, string department, string title, string office = "Paris", DateTime? hired = null, DateTime? left = null) =>
        new() { Id = id, UserPrincipalName = $"u{id}@x.test", DisplayName = $"User {id}", Department = department, JobTitle = title, Office = office, Country = "France", HireDate = hired, LeaveDate = left };

    /// <summary>
    /// Sales 20 (19 sales reps + the chief executive, who sits in Sales), Support 20, Finance 8, Legal 6.
    /// By job title: "Sales rep" 19, "Chief Executive" 1, "Agent" 20, "Accountant" 14.
    /// </summary>
    private static List<ReportPerson> Organisation()
    {
        var people = new List<ReportPerson>();
        for (var id = 1; id <= 19; id++) people.Add(P(id, "Sales", "Sales rep"));
        people.Add(P(20, "Sales", "Chief Executive"));
        for (var id = 21; id <= 40; id++) people.Add(P(id, "Support", "Agent"));
        for (var id = 41; id <= 48; id++) people.Add(P(id, "Finance", "Accountant"));
        for (var id = 49; id <= 54; id++) people.Add(P(id, "Legal", "Accountant"));
        return people;
    }

    private static Dictionary<string, IReadOnlyCollection<DateTime>> Coverage(DateTime from, DateTime to, params string[] networks) =>
        networks.ToDictionary(n => n, _ => ParticipationCalculatorTests.Days(from, to));

    /// <summary>Everyone posts a little on VivaEngage; the chief executive posts a lot, so their figure stands out.</summary>
    private static ParticipationResult Report(IEnumerable<ReportPerson> people, IReleaseLedger? ledger, ReportGroupBy groupBy, DateTime? from = null, DateTime? to = null, bool individuals = false, Dictionary<string, IReadOnlyCollection<DateTime>>? coverage = null, Action<ParticipationCalculator>? activity = null)
    {
        var options = new ParticipationOptions
        {
            From = from ?? From,
            To = to ?? To,
            GroupBy = groupBy,
            MinimumGroupSize = Minimum,
            IncludeIndividuals = individuals,
            Coverage = coverage ?? Coverage(From, To, "VivaEngage"),
        };
        var calculator = new ParticipationCalculator(options);
        var list = people.ToList();
        foreach (var person in list) calculator.AddPerson(person);
        if (activity != null)
        {
            activity(calculator);
        }
        else
        {
            foreach (var person in list)
            {
                for (var day = options.From; day <= options.To; day = day.AddDays(1))
                {
                    calculator.AddActivity(person.Id, "VivaEngage", day, person.Id == 20 ? 9 : (int)(person.Id % 3), 0, 0, 1, 0);
                }
            }
        }

        var result = calculator.Build(ledger, p => "P-" + p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        result.Disclosure!.Record(ledger);
        return result;
    }

    /// <summary>
    /// What a reader can compute: the total, every shown row, and the total minus the shown rows; each with the people it is
    /// about (ground truth, from the organisation: everyone here is on staff the whole period).
    /// </summary>
    private static List<(string Label, long Posts, HashSet<long> People)> Published(ParticipationResult result, IReadOnlyList<ReportPerson> people)
    {
        var figures = new List<(string, long, HashSet<long>)>();
        if (result.Total == null)
        {
            return figures;
        }

        HashSet<long> Members(string group) => people.Where(p => p.GroupValue(result.Options.GroupBy) == group).Select(p => p.Id).ToHashSet();
        var everyone = people.Select(p => p.Id).ToHashSet();
        figures.Add(("total", result.Total.Posts, everyone));
        var shown = result.Groups.Where(g => g.Figures != null).ToList();
        foreach (var group in shown)
        {
            figures.Add((group.Group, group.Figures!.Posts, Members(group.Group)));
        }

        if (shown.Count < result.Groups.Count)
        {
            var rest = everyone.Except(shown.SelectMany(g => Members(g.Group))).ToHashSet();
            figures.Add(("total minus shown rows", result.Total.Posts - shown.Sum(g => g.Figures!.Posts), rest));
        }

        return figures;
    }

    /// <summary>Every subtraction between two published figures about sets of people differing by 1 to 4 people: what the attacker learns about those few.</summary>
    private static List<string> SmallDifferences(IReadOnlyList<ReportPerson> people, params ParticipationResult[] workbooks)
    {
        var all = workbooks.SelectMany((w, i) => Published(w, people).Select(f => (Workbook: i, f.Label, f.Posts, f.People))).ToList();
        var found = new List<string>();
        foreach (var a in all)
        {
            foreach (var b in all)
            {
                if (b.People.IsSubsetOf(a.People) && a.People.Count - b.People.Count is > 0 and < Minimum)
                {
                    found.Add($"workbook {a.Workbook} '{a.Label}' minus workbook {b.Workbook} '{b.Label}' = {a.Posts - b.Posts} posts by {a.People.Count - b.People.Count} people");
                }
            }
        }

        foreach (var f in all.Where(f => f.People.Count > 0 && f.People.Count < Minimum))
        {
            found.Add($"workbook {f.Workbook} '{f.Label}' is about {f.People.Count} people");
        }

        return found;
    }

    [Fact]
    public void GroupBy_variants_do_not_give_away_a_one_person_job_title_by_subtraction()
    {
        var people = Organisation();

        // The attack: By Department shows Sales (20 = 19 reps + the chief executive); By JobTitle shows "Sales rep" (19).
        var alone = new[] { Report(people, null, ReportGroupBy.Department), Report(people, null, ReportGroupBy.JobTitle) };
        Assert.Contains(SmallDifferences(people, alone), leak => leak.Contains("'Sales' minus", StringComparison.Ordinal) && leak.Contains("'Sales rep'", StringComparison.Ordinal) && leak.Contains("= 252 posts by 1 people", StringComparison.Ordinal));

        var ledger = new MemoryReleaseLedger();
        var byDepartment = Report(people, ledger, ReportGroupBy.Department);
        var byTitle = Report(people, ledger, ReportGroupBy.JobTitle);
        Assert.Empty(SmallDifferences(people, byDepartment, byTitle));
        Assert.Equal(SuppressionReason.Comparison, byTitle.Groups.Single(g => g.Group == "Sales rep").Suppression);

        // The other order is protected too: the later workbook gives way.
        var other = new MemoryReleaseLedger();
        var titleFirst = Report(people, other, ReportGroupBy.JobTitle);
        var departmentSecond = Report(people, other, ReportGroupBy.Department);
        Assert.Empty(SmallDifferences(people, titleFirst, departmentSecond));
    }

    [Fact]
    public void Two_periods_do_not_isolate_a_newcomer_who_replaced_a_whole_team()
    {
        // Legal's 6 people all leave on 23 March; Dana joins Legal on 23 March.
        var people = Organisation().Where(p => p.Department != "Legal").ToList();
        for (var id = 49; id <= 54; id++) people.Add(P(id, "Legal", "Lawyer", left: new DateTime(2026, 3, 23)));
        people.Add(P(62, "Legal", "Lawyer", hired: new DateTime(2026, 3, 23)));
        var early = (From, new DateTime(2026, 3, 22));
        var late = (From, new DateTime(2026, 3, 23));

        // Legal over 2–22 March is the 6 leavers; over 2–23 March, the same 6 plus Dana (62), whose only day is 23 March: the difference is Dana's day alone.
        var alone = new[] { Report(people, null, ReportGroupBy.Department, early.From, early.Item2), Report(people, null, ReportGroupBy.Department, late.From, late.Item2) };
        var legalBefore = alone[0].Groups.Single(g => g.Group == "Legal").Figures!;
        var legalAfter = alone[1].Groups.Single(g => g.Group == "Legal").Figures!;
        Assert.Equal(62 % 3, (int)(legalAfter.Posts - legalBefore.Posts));

        var ledger = new MemoryReleaseLedger();
        var first = Report(people, ledger, ReportGroupBy.Department, early.From, early.Item2);
        var second = Report(people, ledger, ReportGroupBy.Department, late.From, late.Item2);
        Assert.NotNull(first.Groups.Single(g => g.Group == "Legal").Figures);
        Assert.Null(second.Groups.Single(g => g.Group == "Legal").Figures);
        Assert.Equal(SuppressionReason.Comparison, second.Groups.Single(g => g.Group == "Legal").Suppression);

        // Another period in which the same people were there on the added days is not held back.
        var stable = new MemoryReleaseLedger();
        Report(Organisation(), stable, ReportGroupBy.Department, From, new DateTime(2026, 3, 22));
        var longer = Report(Organisation(), stable, ReportGroupBy.Department, From, To);
        Assert.All(longer.Groups, g => Assert.NotNull(g.Figures));
    }

    [Fact]
    public void Two_network_filters_do_not_give_away_a_network_few_people_use()
    {
        var people = Organisation();
        var coverage = Coverage(From, To, "VivaEngage", "LinkedIn");
        void Activity(ParticipationCalculator c)
        {
            foreach (var person in people)
            {
                c.AddActivity(person.Id, "VivaEngage", new DateTime(2026, 3, 10), 1, 0, 0, 0, 0);
            }

            // Only the chief executive and two sales reps post on LinkedIn.
            c.AddActivity(20, "LinkedIn", new DateTime(2026, 3, 10), 12, 0, 0, 0, 0);
            c.AddActivity(1, "LinkedIn", new DateTime(2026, 3, 11), 1, 0, 0, 0, 0);
            c.AddActivity(2, "LinkedIn", new DateTime(2026, 3, 11), 1, 0, 0, 0, 0);
        }

        var ledger = new MemoryReleaseLedger();
        var all = Report(people, ledger, ReportGroupBy.Department, coverage: coverage, activity: Activity);
        var internalOnly = Report(people, ledger, ReportGroupBy.Department, coverage: new Dictionary<string, IReadOnlyCollection<DateTime>> { ["VivaEngage"] = coverage["VivaEngage"] }, activity: Activity);

        // All networks minus VivaEngage only: LinkedIn's three users would be 14 posts. The subtraction gives nothing.
        Assert.Equal(internalOnly.Total!.Posts, all.Total!.Posts);
        Assert.Equal(internalOnly.Groups.Select(g => g.Figures?.Posts), all.Groups.Select(g => g.Figures?.Posts));
        var linkedIn = all.Networks.Single(n => n.Network == "LinkedIn");
        Assert.True(linkedIn.LeftOut);
        Assert.Null(linkedIn.Posts);
    }

    [Fact]
    public void Two_course_filters_cannot_isolate_a_small_group_by_subtraction()
    {
        // Training breakdowns: trained people of course A by department, then of courses A and B. Finance gains 2 people with B.
        var frame = new ReleaseFrame("training-effect", From, To, new[] { "VivaEngage" }, "window=28");
        static DisclosureRequest Request(ReleaseFrame frame, IReleaseLedger? ledger, int financeTrained)
        {
            var sales = Enumerable.Range(1, 12).Select(i => (long)i).ToList();
            var finance = Enumerable.Range(41, financeTrained).Select(i => (long)i).ToList();
            return new DisclosureRequest(frame, Minimum, sales.Concat(finance)) { Ledger = ledger }
                .Add(new DisclosureTable("departments", new[] { sales, finance }, partitionsTotal: true));
        }

        var alone = DisclosureControl.Protect(Request(frame, null, 8));
        Assert.All(alone.For("departments"), r => Assert.Equal(SuppressionReason.None, r));
        Assert.All(DisclosureControl.Protect(Request(frame, null, 6)).For("departments"), r => Assert.Equal(SuppressionReason.None, r));

        var ledger = new MemoryReleaseLedger();
        DisclosureControl.Protect(Request(frame, ledger, 6)).Record(ledger);
        var second = DisclosureControl.Protect(Request(frame, ledger, 8));
        Assert.Equal(SuppressionReason.Comparison, second.For("departments")[1]);
        Assert.False(second.TotalShown && second.For("departments")[0] == SuppressionReason.None && second.For("departments")[1] == SuppressionReason.None);
        Assert.False(second.TotalShown, "the totals (12+6 and 12+8 people) would give the 2 newly trained people away too");
    }

    [Fact]
    public void People_sheets_never_name_a_group_hidden_elsewhere_and_the_hidden_label_covers_enough_people()
    {
        var people = Organisation();
        var ledger = new MemoryReleaseLedger();
        Report(people, ledger, ReportGroupBy.Department);
        var byTitle = Report(people, ledger, ReportGroupBy.JobTitle, individuals: true);
        var rows = byTitle.People;
        var chief = rows.Single(p => p.Person == "P-20");
        Assert.Null(chief.Group);
        foreach (var column in new Func<PersonParticipation, string?>[] { p => p.Group, p => p.Department })
        {
            var hiddenRows = rows.Where(p => column(p) == null).ToList();
            Assert.True(hiddenRows.Count == 0 || hiddenRows.Count >= Minimum, "the hidden label must not single out a small group");
        }

        var shownTitles = byTitle.Groups.Where(g => g.Figures != null).Select(g => g.Group).ToHashSet();
        Assert.All(rows.Where(p => p.Group != null), p => Assert.Contains(p.Group!, shownTitles));
        var hiddenTitleGroups = people.Where(p => rows.Single(r => r.Person == "P-" + p.Id).Group == null).Select(p => p.JobTitle).Distinct().Count();
        Assert.True(hiddenTitleGroups == 0 || hiddenTitleGroups >= 2, "one hidden group under the label would be named by elimination");
    }

    [Fact]
    public void Every_pair_of_figures_published_from_one_store_differs_by_none_or_enough_people()
    {
        // Many workbooks: groupings, periods, individuals. Ground truth: the ledger's populations themselves.
        var people = Organisation();
        people.Add(P(70, "Support", "Agent", office: "Lyon", hired: new DateTime(2026, 3, 16)));
        people.Add(P(71, "Finance", "Controller", office: "Lyon", left: new DateTime(2026, 3, 9)));
        var ledger = new MemoryReleaseLedger();
        foreach (var groupBy in new[] { ReportGroupBy.Department, ReportGroupBy.JobTitle, ReportGroupBy.Office })
        {
            foreach (var (from, to) in new[] { (From, To), (From, new DateTime(2026, 3, 15)), (new DateTime(2026, 3, 9), To) })
            {
                Report(people, ledger, groupBy, from, to, individuals: groupBy == ReportGroupBy.JobTitle);
            }
        }

        var figures = ledger.Figures;
        foreach (var a in figures)
        {
            Assert.True(a.Members.Length >= Minimum, $"a published population of {a.Members.Length}");
            foreach (var b in figures.Where(b => b.Frame.Equals(a.Frame)))
            {
                var differing = a.Members.Length + b.Members.Length - 2 * Population.Overlap(a.Members, b.Members);
                Assert.True(differing == 0 || differing >= Minimum, $"{a.Frame}: populations of {a.Members.Length} and {b.Members.Length} differ by {differing}");
            }
        }
    }
}
