using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

public sealed class ParticipationCalculatorTests
{
    private static readonly DateTime From = new(2026, 3, 2);
    private static readonly DateTime To = new(2026, 3, 15);

    internal static IReadOnlyCollection<DateTime> Days(DateTime from, DateTime to, params DateTime[] except) =>
        Enumerable.Range(0, (int)(to - from).TotalDays + 1).Select(d => from.AddDays(d)).Where(d => !except.Contains(d)).ToList();

    private static Dictionary<string, IReadOnlyCollection<DateTime>> Covered(params string[] networks) =>
        networks.ToDictionary(n => n, _ => Days(From, To));

    private static ReportPerson P(long id, string department, bool enabled = true, DateTime? hired = null, DateTime? left = null, string type = StaffAccount.Member) =>
        new() { Id = id, UserPrincipalName = $"u{id}@x.test", DisplayName = $"User {id}", Department = department, Country = id % 2 == 0 ? "France" : "Spain", Enabled = enabled, HireDate = hired, LeaveDate = left, UserType = type };

    /// <summary>Sales 1-6, IT 11-15, Legal 21-24; 7 is disabled, 8 joins after the period, 9 is a guest.</summary>
    private static ParticipationCalculator Organisation(int minimum, bool individuals = false, int? reserved = null)
    {
        var calculator = new ParticipationCalculator(new ParticipationOptions { From = From, To = To, MinimumGroupSize = minimum, IncludeIndividuals = individuals, Coverage = Covered("VivaEngage", "Teams", "LinkedIn") });
        if (reserved.HasValue)
        {
            calculator.Reserve(reserved.Value);
        }

        foreach (var id in new long[] { 1, 2, 3, 4, 5, 6 }) calculator.AddPerson(P(id, "Sales"));
        foreach (var id in new long[] { 11, 12, 13, 14, 15 }) calculator.AddPerson(P(id, "IT"));
        foreach (var id in new long[] { 21, 22, 23, 24 }) calculator.AddPerson(P(id, "Legal"));
        calculator.AddPerson(P(7, "Sales", enabled: false));
        calculator.AddPerson(P(8, "Sales", hired: new DateTime(2026, 3, 20)));
        calculator.AddPerson(P(9, "Sales", type: StaffAccount.Guest));

        calculator.AddActivity(1, "VivaEngage", new DateTime(2026, 3, 2), 2, 0, 0, 0, 0);
        calculator.AddActivity(1, "Teams", new DateTime(2026, 3, 2), 0, 1, 0, 0, 0);
        calculator.AddActivity(2, "VivaEngage", new DateTime(2026, 3, 10), 0, 0, 0, 5, 0);
        calculator.AddActivity(3, "LinkedIn", new DateTime(2026, 3, 3), 1, 0, 2, 0, 0);
        calculator.AddActivity(21, "VivaEngage", new DateTime(2026, 3, 4), 1, 0, 0, 0, 0);
        calculator.AddActivity(11, "Teams", new DateTime(2026, 3, 12), 0, 3, 0, 0, 0);
        calculator.AddActivity(7, "VivaEngage", new DateTime(2026, 3, 5), 5, 0, 0, 0, 0);
        calculator.AddActivity(9, "VivaEngage", new DateTime(2026, 3, 5), 4, 0, 0, 0, 0);
        calculator.AddActivity(4, "VivaEngage", new DateTime(2026, 3, 20), 9, 0, 0, 0, 0);
        return calculator;
    }

    [Fact]
    public void Totals_follow_the_definitions_and_separate_internal_from_external_networks()
    {
        var result = Organisation(1).Build();
        var total = result.Total!;
        Assert.Equal(15, total.Headcount);
        Assert.Equal(4, total.ActiveContributors);
        Assert.Equal(4.0 / 15, total.ParticipationRate!.Value, 12);
        Assert.Equal(5, total.ReadersOrReactors);
        Assert.Equal((3, 1), (total.InternalContributors, total.ExternalContributors));
        Assert.Equal(1.0 / 15, total.ExternalRate!.Value, 12);
        Assert.Equal((4L, 4L, 2L, 5L), (total.Posts, total.Replies, total.Reactions, total.Reads));
        Assert.Equal(4.0 / 15, total.PostsPerHead!.Value, 12);
    }

    [Fact]
    public void Guests_and_disabled_accounts_are_left_out_and_their_activity_is_tallied()
    {
        var result = Organisation(1).Build();
        var guests = result.Excluded.Single(e => e.Kind == "Guest accounts");
        Assert.Equal((1, 4L), (guests.People, guests.Actions));
        var offStaff = result.Excluded.Single(e => e.Kind.StartsWith("Days not on staff", StringComparison.Ordinal));
        Assert.Equal((1, 5L), (offStaff.People, offStaff.Actions));
        Assert.Equal(2 + 1 + 5 + 3 + 1 + 3 + 5 + 4, result.AllActions);
    }

    [Fact]
    public void Headcount_is_as_it_stood_each_week()
    {
        // 30 people all period; 5 more hired in the second week; 5 leave after the first week.
        var calculator = new ParticipationCalculator(new ParticipationOptions { From = From, To = To, MinimumGroupSize = 5, Coverage = Covered("VivaEngage") });
        for (var id = 1; id <= 30; id++) calculator.AddPerson(P(id, "Sales"));
        for (var id = 31; id <= 35; id++) calculator.AddPerson(P(id, "Sales", hired: new DateTime(2026, 3, 9)));
        for (var id = 36; id <= 40; id++) calculator.AddPerson(P(id, "Sales", left: new DateTime(2026, 3, 9)));
        calculator.AddActivity(31, "VivaEngage", new DateTime(2026, 3, 4), 7, 0, 0, 0, 0); // before hire: not counted
        calculator.AddActivity(31, "VivaEngage", new DateTime(2026, 3, 10), 1, 0, 0, 0, 0);
        calculator.AddActivity(36, "VivaEngage", new DateTime(2026, 3, 3), 1, 0, 0, 0, 0);
        calculator.AddActivity(36, "VivaEngage", new DateTime(2026, 3, 12), 3, 0, 0, 0, 0); // after leaving: not counted
        for (var id = 1; id <= 5; id++) calculator.AddActivity(id, "VivaEngage", new DateTime(2026, 3, 5), 0, 0, 0, 1, 0); // readers, so the network has enough users to count
        var result = calculator.Build();
        Assert.Equal(40, result.Headcount);
        Assert.Equal(new int?[] { 35, 35 }, result.Weeks.Select(w => w.Headcount));
        Assert.Equal((1, 1L), (result.Weeks[0].ActiveContributors!.Value, result.Weeks[0].Posts!.Value));
        Assert.Equal(1.0 / 35, result.Weeks[1].ParticipationRate!.Value, 12);
        Assert.Equal(2L, result.Total!.Posts);
        Assert.Equal(10L, result.Excluded.Sum(e => e.Actions));
    }

    [Fact]
    public void Uncovered_days_are_unknown_not_zero_and_incomplete_weeks_say_so()
    {
        // Covered: 2-4 March and 10-15 March; the week of 2 March has 3 of 7 days, a week inside a gap has none.
        var from = new DateTime(2026, 3, 2);
        var to = new DateTime(2026, 3, 25);
        var covered = Days(from, new DateTime(2026, 3, 4)).Concat(Days(new DateTime(2026, 3, 9), new DateTime(2026, 3, 15))).ToList();
        var calculator = new ParticipationCalculator(new ParticipationOptions { From = from, To = to, MinimumGroupSize = 5, Coverage = new Dictionary<string, IReadOnlyCollection<DateTime>> { ["VivaEngage"] = covered } });
        for (var id = 1; id <= 10; id++) calculator.AddPerson(P(id, "Sales"));
        calculator.AddActivity(1, "VivaEngage", new DateTime(2026, 3, 3), 1, 0, 0, 0, 0);
        calculator.AddActivity(2, "VivaEngage", new DateTime(2026, 3, 11), 1, 0, 0, 0, 0);
        for (var id = 3; id <= 7; id++) calculator.AddActivity(id, "VivaEngage", new DateTime(2026, 3, 12), 0, 0, 0, 1, 0);
        var result = calculator.Build();
        Assert.Equal((24, 10), (result.DaysInPeriod, result.DaysCovered));
        Assert.Equal(new[] { "2026-W10", "2026-W11", "2026-W12", "2026-W13" }, result.Weeks.Select(w => w.Week));
        Assert.Equal(new[] { 3, 7, 0, 0 }, result.Weeks.Select(w => w.DaysCovered));
        Assert.Equal(0.1, result.Weeks[0].ParticipationRate!.Value, 12);
        Assert.Null(result.Weeks[0].CompleteWeekRate);
        Assert.Equal(0.1, result.Weeks[1].CompleteWeekRate!.Value, 12);
        Assert.All(result.Weeks.Skip(2), w => Assert.Null(w.ActiveContributors));
        Assert.All(result.Weeks.Skip(2), w => Assert.Null(w.ParticipationRate));
        Assert.Equal(3, result.Weeks[3].DaysInPeriod);
    }

    [Fact]
    public void A_group_of_four_is_blank_and_the_next_smallest_group_is_blank_too()
    {
        var groups = Organisation(5).Build().Groups;
        Assert.Equal(new[] { "Sales", "IT", "Legal" }, groups.Select(g => g.Group));
        Assert.Equal(6, groups[0].Figures!.Headcount);
        Assert.Null(groups[1].Figures);
        Assert.Equal(SuppressionReason.Complementary, groups[1].Suppression);
        Assert.Null(groups[2].Figures);
        Assert.Equal(SuppressionReason.SmallGroup, groups[2].Suppression);
    }

    [Fact]
    public void A_network_used_by_fewer_people_than_the_minimum_is_left_out_of_every_figure()
    {
        var result = Organisation(2).Build();
        var linkedIn = result.Networks.Single(n => n.Network == "LinkedIn");
        Assert.True(linkedIn.LeftOut);
        Assert.Null(linkedIn.Posts);
        Assert.Equal(3L, result.Total!.Posts);
        Assert.Equal(0, result.Total.ExternalContributors);
        var engage = result.Networks.Single(n => n.Network == "VivaEngage");
        Assert.Equal((3, 2, 3L, 5L), (engage.ReadersOrReactors!.Value, engage.ActiveContributors!.Value, engage.Posts!.Value, engage.Reads!.Value));
    }

    [Fact]
    public void Metrics_a_network_does_not_report_are_named()
    {
        var networks = Organisation(1).Build().Networks;
        Assert.Equal(new[] { "Replies", "Shares" }, networks.Single(n => n.Network == "VivaEngage").NotReported);
        Assert.Equal(new[] { "Reactions", "Reads", "Shares" }, networks.Single(n => n.Network == "Teams").NotReported);
        Assert.Equal(new[] { "Replies", "Reads", "Shares" }, networks.Single(n => n.Network == "LinkedIn").NotReported);
    }

    [Fact]
    public void A_scope_smaller_than_the_minimum_shows_no_figure_at_all()
    {
        var result = Organisation(16).Build();
        Assert.Null(result.Total);
        Assert.All(result.Groups, g => Assert.Null(g.Figures));
        Assert.All(result.Weeks, w => Assert.Null(w.ActiveContributors));
        Assert.All(result.Networks, n => Assert.Null(n.Posts));
    }

    [Fact]
    public void Individuals_only_on_request_and_hidden_groups_are_not_named()
    {
        Assert.Empty(Organisation(5).Build().People);
        var people = Organisation(5, individuals: true).Build(null, p => "P-" + p.Id).People;
        Assert.Equal(15, people.Count);
        var first = people.Single(p => p.Person == "P-1");
        Assert.Equal("Sales", first.Department);
        Assert.Null(people.Single(p => p.Person == "P-21").Department);
        Assert.Null(people.Single(p => p.Person == "P-11").Department);
    }

    [Fact]
    public void Rows_read_in_two_halves_give_the_same_figures_as_one_pass()
    {
        ParticipationResult Run(bool split)
        {
            var calculator = new ParticipationCalculator(new ParticipationOptions { From = From, To = To, MinimumGroupSize = 2, IncludeIndividuals = true, Coverage = Covered("VivaEngage", "Teams") });
            for (var id = 1; id <= 40; id++) calculator.AddPerson(P(id, id % 3 == 0 ? "IT" : "Sales", type: id == 40 ? StaffAccount.Guest : StaffAccount.Member));
            var low = calculator.NewSink();
            var high = split ? calculator.NewSink() : low;
            for (var id = 1; id <= 40; id++)
            {
                for (var d = 0; d < 14; d += 1 + id % 4)
                {
                    (id <= 20 ? low : high).Add(id, d % 2 == 0 ? "VivaEngage" : "Teams", From.AddDays(d), id % 3, id % 2, 1, d, 0);
                }
            }

            calculator.Merge(low);
            if (split)
            {
                calculator.Merge(high);
            }

            return calculator.Build(null, p => "P-" + p.Id);
        }

        var one = Run(split: false);
        var two = Run(split: true);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(one.Total), System.Text.Json.JsonSerializer.Serialize(two.Total));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(one.Weeks), System.Text.Json.JsonSerializer.Serialize(two.Weeks));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(one.Networks), System.Text.Json.JsonSerializer.Serialize(two.Networks));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(one.People), System.Text.Json.JsonSerializer.Serialize(two.People));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(one.Excluded), System.Text.Json.JsonSerializer.Serialize(two.Excluded));
        Assert.Equal(one.AllActions, two.AllActions);
        Assert.True(one.Total!.Posts > 0);
    }

    [Fact]
    public void Weekly_headcounts_count_each_person_on_the_covered_days_they_were_staff_across_many_words_of_days()
    {
        // 150 days (three 64-day words), coverage with gaps, hires and leaves on word edges and outside the period.
        var from = new DateTime(2026, 1, 1);
        var to = from.AddDays(149);
        var gaps = new[] { 0, 1, 63, 64, 100, 101, 102, 103, 104, 105, 106, 149 }.Select(d => from.AddDays(d)).ToArray();
        var calculator = new ParticipationCalculator(new ParticipationOptions { From = from, To = to, MinimumGroupSize = 1, Coverage = new Dictionary<string, IReadOnlyCollection<DateTime>> { ["VivaEngage"] = Days(from, to, gaps) } });
        var offsets = new int?[] { null, -30, 0, 1, 2, 63, 64, 65, 100, 107, 128, 149, 150, 400 };
        var people = new List<ReportPerson>();
        foreach (var hired in offsets)
        {
            foreach (var left in offsets)
            {
                people.Add(P(people.Count + 1, "Sales", hired: hired.HasValue ? from.AddDays(hired.Value) : null, left: left.HasValue ? from.AddDays(left.Value) : null));
            }
        }

        people.Add(P(people.Count + 1, "Sales", enabled: false));
        people.Add(P(people.Count + 1, "Sales", enabled: false, left: from.AddDays(70)));
        people.Add(P(people.Count + 1, "Sales", type: StaffAccount.Guest));
        people.ForEach(calculator.AddPerson);
        var weeks = calculator.Build().Weeks;

        var covered = Days(from, to, gaps).ToHashSet();
        foreach (var week in weeks)
        {
            var days = Enumerable.Range(0, 7).Select(d => week.WeekStart.AddDays(d)).Where(covered.Contains).ToList();
            var expected = days.Count == 0 ? (int?)null : people.Count(p => days.Any(p.IsStaffOn));
            Assert.True(expected == week.Headcount, $"{week.Week}: {week.Headcount} instead of {expected}");
        }

        Assert.Contains(weeks, w => w.Headcount > 0 && w.Headcount < people.Count - 3);
    }

    [Fact]
    public void Individual_rows_made_after_the_figures_are_those_Build_makes_and_belong_to_their_own_result()
    {
        var whole = Organisation(5, individuals: true).Build(null, p => "P-" + p.Id);
        var calculator = Organisation(5, individuals: true);
        var figures = calculator.BuildFigures();
        Assert.Empty(figures.People);
        var rows = calculator.AddIndividuals(figures, p => "P-" + p.Id);

        Assert.Same(rows, figures.People);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(whole.People), System.Text.Json.JsonSerializer.Serialize(rows));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(whole.Groups), System.Text.Json.JsonSerializer.Serialize(figures.Groups));
        Assert.Throws<InvalidOperationException>(() => calculator.AddIndividuals(whole));
        Assert.Throws<InvalidOperationException>(() => Organisation(5).AddIndividuals(Organisation(5).BuildFigures()));
    }

    [Fact]
    public void Room_made_ahead_for_fewer_or_more_people_than_come_changes_no_figure()
    {
        string Figures(ParticipationResult r) => System.Text.Json.JsonSerializer.Serialize(new { r.Total, r.Groups, r.Weeks, r.Networks, r.People, r.Excluded, r.AllActions });
        var plain = Figures(Organisation(1, individuals: true).Build(null, p => "P-" + p.Id));
        Assert.Equal(plain, Figures(Organisation(1, individuals: true, reserved: 3).Build(null, p => "P-" + p.Id)));
        Assert.Equal(plain, Figures(Organisation(1, individuals: true, reserved: 1_000).Build(null, p => "P-" + p.Id)));
    }
}
