using System.Globalization;
using ClosedXML.Excel;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Analytics.Privacy;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Reports;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>
/// Attacks on the training-effect report's privacy, as a reader holding several of its workbooks from one store would try
/// them. Each attack is first shown to work when the workbooks are judged one by one (no ledger), so the test proves
/// something; then it must fail when the store's ledger is used.
/// </summary>
public sealed class TrainingPrivacyAttackTests : IClassFixture<SampleStoreFixture>
{
    private const int Minimum = 5;

    /// <summary>A Monday: week w is days 7w … 7w+6.</summary>
    private static readonly DateTime Start = new(2026, 1, 5);

    /// <summary>What the hidden group's trained people do after completion: 5 active days a week (everyone else: 2).</summary>
    private const double HiddenAfter = 5;

    private readonly SampleStoreFixture samples;

    public TrainingPrivacyAttackTests(SampleStoreFixture samples) => this.samples = samples;

    private static DateTime Day(int d) => Start.AddDays(d);

    private sealed record Trainee(long Id, string Department, string Course, int CompletedDay, int[] ActiveDays);

    /// <summary>
    /// 20 trained in SOC-101 on day 23 (Wednesday of week 3: one-week windows, week 2 before and week 4 after): 1 active
    /// day before, 2 after. Sales 1-10, Support 11-19, Legal 20 (a department of one trained person).
    /// </summary>
    private static List<Trainee> Regular() => Enumerable.Range(1, 20)
        .Select(id => new Trainee(id, id <= 10 ? "Sales" : id <= 19 ? "Support" : "Legal", "SOC-101", 23, new[] { 15, 28, 29 }))
        .ToList();

    /// <summary>One workbook's figures; 30 never-trained people (Ops) are active one day a week.</summary>
    private static TrainingEffectResult Report(IEnumerable<Trainee> trainees, IReleaseLedger? ledger, string[]? courses = null, int coveredTo = 69, bool individuals = false, string[]? networks = null, string? network = null)
    {
        var options = new TrainingEffectOptions
        {
            WindowDays = 7,
            AnticipationDays = 0,
            WeeksBefore = 2,
            WeeksAfter = 1,
            MinimumGroupSize = Minimum,
            MinimumTrained = 1,
            BootstrapReplicates = 49,
            ClusterBy = TrainingClusterBy.None,
            IncludeIndividuals = individuals,
            Courses = courses ?? Array.Empty<string>(),
            CoveredNetworks = networks ?? new[] { "VivaEngage" },
            Network = network,
        };
        var calculator = new TrainingEffectCalculator(options, Enumerable.Range(0, coveredTo + 1).Select(Day));
        foreach (var t in trainees)
        {
            calculator.AddPerson(new ReportPerson { Id = t.Id, UserPrincipalName = $"t{t.Id}@x.test", DisplayName = $"T{t.Id}", Department = t.Department });
            calculator.AddCompletion(new TrainingCompletion { PersonId = t.Id, CourseId = t.Course, CourseTitle = t.Course, Completed = Day(t.CompletedDay) });
            foreach (var d in t.ActiveDays.Where(d => d <= coveredTo))
            {
                calculator.AddContribution(t.Id, Day(d), 1, "VivaEngage");
            }

            if (networks != null && networks.Contains("Teams"))
            {
                calculator.AddContribution(t.Id, Day(1), 1, "Teams");
            }
        }

        for (var id = 101; id <= 130; id++)
        {
            calculator.AddPerson(new ReportPerson { Id = id, UserPrincipalName = $"c{id}@x.test", DisplayName = $"C{id}", Department = "Ops" });
            for (var d = (int)(id % 7); d <= coveredTo; d += 7)
            {
                calculator.AddContribution(id, Day(d), 1, "VivaEngage");
            }
        }

        var result = calculator.Build(p => "P-" + p.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None, ledger);
        result.RecordReleases(ledger);
        return result;
    }

    /// <summary>Every figure a reader sees with its trained-people count: the headline and each shown breakdown row.</summary>
    private static IEnumerable<(string Label, int People, double After)> Published(string workbook, TrainingEffectResult result)
    {
        if (result.Overall != null)
        {
            yield return ($"{workbook} headline", result.Overall.TrainedPeople, result.Overall.TrainedAfter);
        }

        foreach (var (sheet, rows) in new[] { ("By Course", result.ByCourse), ("By Cohort", result.ByCohort), ("By Department", result.ByDepartment), ("By Network", result.ByNetwork) })
        {
            foreach (var row in rows.Where(r => r.Figures != null))
            {
                yield return ($"{workbook} {sheet} {row.Group}", row.Figures!.TrainedPeople, row.Figures.TrainedAfter);
            }
        }
    }

    /// <summary>
    /// The subtraction attack: for every two published figures whose trained people differ by fewer than the minimum,
    /// (sum of one) − (sum of the other) over the people in between. Returns the pairs that give the hidden group's figure.
    /// </summary>
    private static List<string> Subtract(params (string Name, TrainingEffectResult Result)[] workbooks)
    {
        var figures = workbooks.SelectMany(w => Published(w.Name, w.Result)).ToList();
        var found = new List<string>();
        foreach (var a in figures)
        {
            foreach (var b in figures)
            {
                var between = b.People - a.People;
                if (between > 0 && between < Minimum)
                {
                    var recovered = (b.After * b.People - a.After * a.People) / between;
                    if (Math.Abs(recovered - HiddenAfter) < 1e-9)
                    {
                        found.Add($"{b.Label} − {a.Label} gives the {between} people in between: {recovered.ToString(CultureInfo.InvariantCulture)}");
                    }
                }
            }
        }

        return found;
    }

    /// <summary>For a week of the event study shown in two workbooks, the trained people must be the same or differ by the minimum.</summary>
    private static void EventStudyCountsAreSafe(TrainingEffectResult a, TrainingEffectResult b)
    {
        foreach (var week in a.EventStudy.Where(w => w.Effect.HasValue))
        {
            var other = b.EventStudy.FirstOrDefault(w => w.Week == week.Week && w.Effect.HasValue);
            if (other != null)
            {
                var between = Math.Abs(other.TrainedPeople!.Value - week.TrainedPeople!.Value);
                Assert.True(between == 0 || between >= Minimum, $"week {week.Week}: {week.TrainedPeople} vs {other.TrainedPeople}");
            }
        }
    }

    [Fact]
    public void Two_course_filters_cannot_isolate_a_four_person_course_by_subtraction()
    {
        // Four people trained only in SOC-200 (Sales), who do a lot after it: its By Course row is hidden (fewer than 5).
        var trainees = Regular().Concat(Enumerable.Range(21, 4).Select(id => new Trainee(id, "Sales", "SOC-200", 23, new[] { 29, 30, 31, 32, 33 }))).ToList();

        var alone = new[] { ("A", Report(trainees, null, new[] { "SOC-101" })), ("A+B", Report(trainees, null, new[] { "SOC-101", "SOC-200" })) };
        Assert.Contains(alone[1].Item2.ByCourse, r => r.Group == "SOC-200" && r.Figures == null);
        Assert.NotEmpty(Subtract(alone));

        var ledger = new MemoryReleaseLedger();
        var first = Report(trainees, ledger, new[] { "SOC-101" });
        var second = Report(trainees, ledger, new[] { "SOC-101", "SOC-200" });
        Assert.NotNull(first.Overall);
        Assert.Empty(Subtract(("A", first), ("A+B", second)));
        Assert.Equal(SuppressionReason.Comparison, second.HeadlineSuppression);
        EventStudyCountsAreSafe(first, second);

        // The other order: the wider filter first; the narrower one then hides what would differ by the four.
        var reversed = new MemoryReleaseLedger();
        var wide = Report(trainees, reversed, new[] { "SOC-101", "SOC-200" });
        var narrow = Report(trainees, reversed, new[] { "SOC-101" });
        Assert.NotNull(wide.Overall);
        Assert.Empty(Subtract(("A+B", wide), ("A", narrow)));
        EventStudyCountsAreSafe(wide, narrow);
    }

    [Fact]
    public void Two_periods_cannot_isolate_the_few_people_whose_windows_the_longer_one_covers()
    {
        // Four people complete on day 44 (week 6): their after window (week 7) is covered only once the store reaches day 55.
        var trainees = Regular().Concat(Enumerable.Range(21, 4).Select(id => new Trainee(id, "Sales", "SOC-101", 44, new[] { 50, 51, 52, 53, 54 }))).ToList();

        var alone = new[] { ("to day 48", Report(trainees, null, coveredTo: 48)), ("to day 69", Report(trainees, null, coveredTo: 69)) };
        Assert.Equal(20, alone[0].Item2.TrainedPeople);
        Assert.Equal(24, alone[1].Item2.TrainedPeople);
        Assert.NotEmpty(Subtract(alone));

        var ledger = new MemoryReleaseLedger();
        var first = Report(trainees, ledger, coveredTo: 48);
        var second = Report(trainees, ledger, coveredTo: 69);
        Assert.NotNull(first.Overall);
        Assert.Empty(Subtract(("to day 48", first), ("to day 69", second)));
        EventStudyCountsAreSafe(first, second);
    }

    [Fact]
    public void Two_course_filters_cannot_isolate_four_people_through_the_comparison_group()
    {
        // Four people complete SOC-200 on day 66 (their after window is not covered, so they are never measured as trained),
        // and are very active in week 4: with -Course SOC-101 they are in the comparison group, with both courses they are not.
        var trainees = Regular().Concat(Enumerable.Range(21, 4).Select(id => new Trainee(id, "Sales", "SOC-200", 66, new[] { 28, 29, 30, 31, 32 }))).ToList();
        static double? Recovered(TrainingEffectResult a, TrainingEffectResult b) =>
            a.Overall == null || b.Overall == null ? null : (a.Overall.ControlAfter * a.ControlPeople - b.Overall.ControlAfter * b.ControlPeople) / (a.ControlPeople - b.ControlPeople);

        var narrowAlone = Report(trainees, null, new[] { "SOC-101" });
        var wideAlone = Report(trainees, null, new[] { "SOC-101", "SOC-200" });
        Assert.Equal(narrowAlone.TrainedPeople, wideAlone.TrainedPeople);
        Assert.Equal(4, narrowAlone.ControlPeople - wideAlone.ControlPeople);
        Assert.Equal(HiddenAfter, Recovered(narrowAlone, wideAlone)!.Value, 9);

        var ledger = new MemoryReleaseLedger();
        var narrow = Report(trainees, ledger, new[] { "SOC-101" });
        var wide = Report(trainees, ledger, new[] { "SOC-101", "SOC-200" });
        Assert.NotNull(narrow.Overall);
        Assert.Null(Recovered(narrow, wide));
        Assert.Equal(SuppressionReason.Comparison, wide.HeadlineSuppression);
        Assert.All(wide.ByDepartment.Concat(wide.ByCohort).Concat(wide.ByCourse).Concat(wide.ByNetwork), r => Assert.Null(r.Figures));
        Assert.All(wide.EventStudy, w => Assert.Null(w.Effect));
    }

    [Fact]
    public void A_By_Network_row_and_a_Network_report_are_one_measure()
    {
        // The same 20 trained people; a -Network VivaEngage report adds four people measured only there (they complete on
        // day 44 and VivaEngage alone is covered to day 69). The By Network row of the two-network report and the headline
        // of the one-network report measure the same thing: they must not differ by the four.
        var trainees = Regular().Concat(Enumerable.Range(21, 4).Select(id => new Trainee(id, "Sales", "SOC-101", 44, new[] { 50, 51, 52, 53, 54 }))).ToList();
        var ledger = new MemoryReleaseLedger();
        var both = Report(trainees, ledger, coveredTo: 48, networks: new[] { "VivaEngage", "Teams" });
        var viva = Report(trainees, ledger, coveredTo: 69, network: "VivaEngage");
        var row = both.ByNetwork.Single(r => r.Group == "VivaEngage");
        Assert.NotNull(row.Figures);
        Assert.Equal(20, row.Figures!.TrainedPeople);
        Assert.Equal(24, viva.TrainedPeople);
        Assert.Null(viva.Overall);

        var alone = Report(trainees, null, coveredTo: 69, network: "VivaEngage");
        Assert.NotNull(alone.Overall);
        Assert.Equal(HiddenAfter, (alone.Overall!.TrainedAfter * 24 - row.Figures.TrainedAfter * 20) / 4, 9);
    }

    [Fact]
    public void A_department_of_one_trained_person_is_never_named_and_the_hidden_label_covers_enough_people()
    {
        var result = Report(Regular(), new MemoryReleaseLedger(), individuals: true);

        // Legal (1) is hidden, and with it the next smallest department, so that the total minus Sales gives no one away.
        var hidden = result.ByDepartment.Where(r => r.Figures == null).Select(r => r.Group).ToList();
        Assert.Contains("Legal", hidden);
        Assert.True(hidden.Count >= 2, string.Join(", ", hidden));
        Assert.DoesNotContain(result.People, p => hidden.Contains(p.Department));
        var underHiddenLabel = result.People.Count(p => p.Department == TrainingEffectCalculator.HiddenLabel);
        Assert.True(underHiddenLabel >= Minimum, $"{underHiddenLabel} people under the hidden label");

        // No People row labels a department, course or cohort whose row is hidden: summing its rows would give that row.
        var shownDepartments = result.ByDepartment.Where(r => r.Figures != null).Select(r => r.Group).ToHashSet();
        Assert.All(result.People, p => Assert.True(p.Department == TrainingEffectCalculator.HiddenLabel || shownDepartments.Contains(p.Department), p.Department));
    }

    [Fact]
    public void A_course_hidden_on_By_Course_is_not_named_on_the_People_sheet()
    {
        // Trainee 20 is the only one to take SOC-300 (first): the People sheet's Course column must not single them out.
        var trainees = Regular().Select(t => t.Id == 20 ? t with { Course = "SOC-300" } : t).ToList();
        var result = Report(trainees, null, individuals: true);

        Assert.Contains(result.ByCourse, r => r.Group == "SOC-300" && r.Figures == null);
        Assert.DoesNotContain(result.People, p => p.Course == "SOC-300");
        Assert.Contains(result.People, p => p.Course == TrainingEffectCalculator.HiddenLabel);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void People_sheets_of_two_workbooks_share_no_pseudonym_unless_linked_and_the_ledger_is_kept_in_the_store(string backend)
    {
        var sample = samples.For(backend);
        using var temp = new TempDirectory();
        var store = sample.CopyTo(temp);
        string[] People(string file, bool link)
        {
            var path = temp.File(file);
            TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = path, StorePath = store, IncludeIndividuals = true, LinkPseudonyms = link, BootstrapReplicates = 49 }, SilentReporter.Instance, CancellationToken.None);
            using var workbook = new XLWorkbook(path);
            var table = workbook.Worksheet("People").Table("People");
            var departments = table.DataRange.Rows().Select(r => r.Cell(2).GetString()).Distinct().ToList();
            var shown = workbook.Worksheet("By Department").Table("ByDepartment").DataRange.Rows().Where(r => !r.Cell(2).IsEmpty()).Select(r => r.Cell(1).GetString()).ToHashSet();
            Assert.All(departments, d => Assert.True(d == TrainingEffectCalculator.HiddenLabel || shown.Contains(d), d));
            return table.DataRange.Rows().Select(r => r.Cell(1).GetString()).ToArray();
        }

        var first = People("one.xlsx", link: false);
        var second = People("two.xlsx", link: false);
        Assert.NotEmpty(first);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(People("linked-1.xlsx", link: true).OrderBy(p => p), People("linked-2.xlsx", link: true).OrderBy(p => p));

        using var opened = SocialStore.Open(store, createIfMissing: false);
        Assert.NotEmpty(opened.ReleaseLedger().Comparable(TrainingEffectOptions.ReleaseFamily, 0, int.MaxValue));
    }
}
