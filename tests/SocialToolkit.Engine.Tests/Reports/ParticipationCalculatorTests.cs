using SocialToolkit.Core.Analytics;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

public sealed class ParticipationCalculatorTests
{
    private static readonly DateTime From = new(2026, 3, 2);
    private static readonly DateTime To = new(2026, 3, 15);

    private static ReportPerson P(long id, string department, bool enabled = true, DateTime? hired = null) =>
        new() { Id = id, UserPrincipalName = $"u{id}@x.test", DisplayName = $"User {id}", Department = department, Country = id % 2 == 0 ? "France" : "Spain", Enabled = enabled, HireDate = hired };

    /// <summary>Sales 1-6, IT 11-15, Legal 21-24; 7 is disabled, 8 joins after the period.</summary>
    private static ParticipationCalculator Organisation(int minimum, bool individuals = false)
    {
        var calculator = new ParticipationCalculator(new ParticipationOptions { From = From, To = To, MinimumGroupSize = minimum, IncludeIndividuals = individuals });
        foreach (var id in new long[] { 1, 2, 3, 4, 5, 6 }) calculator.AddPerson(P(id, "Sales"));
        foreach (var id in new long[] { 11, 12, 13, 14, 15 }) calculator.AddPerson(P(id, "IT"));
        foreach (var id in new long[] { 21, 22, 23, 24 }) calculator.AddPerson(P(id, "Legal"));
        calculator.AddPerson(P(7, "Sales", enabled: false));
        calculator.AddPerson(P(8, "Sales", hired: new DateTime(2026, 3, 20)));

        calculator.AddActivity(1, "VivaEngage", new DateTime(2026, 3, 2), 2, 0, 0, 0, 0);
        calculator.AddActivity(1, "Teams", new DateTime(2026, 3, 2), 0, 1, 0, 0, 0);
        calculator.AddActivity(2, "VivaEngage", new DateTime(2026, 3, 10), 0, 0, 0, 5, 0);
        calculator.AddActivity(3, "LinkedIn", new DateTime(2026, 3, 3), 1, 0, 2, 0, 0);
        calculator.AddActivity(21, "VivaEngage", new DateTime(2026, 3, 4), 1, 0, 0, 0, 0);
        calculator.AddActivity(11, "Teams", new DateTime(2026, 3, 12), 0, 3, 0, 0, 0);
        calculator.AddActivity(7, "VivaEngage", new DateTime(2026, 3, 5), 5, 0, 0, 0, 0);
        calculator.AddActivity(4, "VivaEngage", new DateTime(2026, 3, 20), 9, 0, 0, 0, 0);
        return calculator;
    }

    private static readonly Dictionary<string, int> Covered = new() { ["VivaEngage"] = 14, ["Teams"] = 14, ["LinkedIn"] = 14 };

    [Fact]
    public void Totals_follow_the_definitions()
    {
        var result = Organisation(5).Build(Covered);
        var total = result.Total!;
        Assert.Equal(15, total.Headcount);
        Assert.Equal(4, total.ActiveContributors);
        Assert.Equal(4.0 / 15, total.ParticipationRate!.Value, 12);
        Assert.Equal(5, total.Engaged);
        Assert.Equal(4, total.Posts);
        Assert.Equal(4, total.Replies);
        Assert.Equal(2, total.Reactions);
        Assert.Equal(4.0 / 15, total.PostsPerHead!.Value, 12);
    }

    [Fact]
    public void A_group_of_four_is_blank_and_the_next_smallest_group_is_blank_too()
    {
        var groups = Organisation(5).Build(Covered).Groups;
        Assert.Equal(new[] { "Sales", "IT", "Legal" }, groups.Select(g => g.Group));
        var sales = groups[0].Figures!;
        Assert.Equal((6, 2, 3, 3L, 1L, 2L), (sales.Headcount, sales.ActiveContributors, sales.Engaged, sales.Posts, sales.Replies, sales.Reactions));
        Assert.Equal(0.5, sales.PostsPerHead!.Value, 12);
        Assert.Null(groups[1].Figures);
        Assert.Equal(SuppressionReason.Complementary, groups[1].Suppression);
        Assert.Null(groups[2].Figures);
        Assert.Equal(SuppressionReason.SmallGroup, groups[2].Suppression);
        Assert.Equal("Hidden: fewer than 5 people", groups[2].Note);
    }

    [Fact]
    public void Minimum_of_one_shows_every_group()
    {
        var groups = Organisation(1).Build(Covered).Groups;
        Assert.All(groups, g => Assert.NotNull(g.Figures));
        Assert.Equal(1, groups.Single(g => g.Group == "Legal").Figures!.ActiveContributors);
    }

    [Fact]
    public void Weeks_are_iso_weeks_with_their_own_active_contributors()
    {
        var weeks = Organisation(5).Build(Covered).Weeks;
        Assert.Equal(new[] { "2026-W10", "2026-W11" }, weeks.Select(w => w.Week));
        Assert.Equal(new DateTime(2026, 3, 9), weeks[1].WeekStart);
        Assert.Equal((3, 4L), (weeks[0].ActiveContributors!.Value, weeks[0].Posts!.Value));
        Assert.Equal((1, 0L), (weeks[1].ActiveContributors!.Value, weeks[1].Posts!.Value));
        Assert.Equal(3.0 / 15, weeks[0].ParticipationRate!.Value, 12);
    }

    [Fact]
    public void Networks_below_the_minimum_are_hidden_with_a_complement()
    {
        var networks = Organisation(2).Build(Covered).Networks;
        Assert.Equal(new[] { "LinkedIn", "Teams", "VivaEngage" }, networks.Select(n => n.Network));
        Assert.Equal(SuppressionReason.SmallGroup, networks[0].Suppression);
        Assert.Equal(SuppressionReason.Complementary, networks[1].Suppression);
        Assert.Null(networks[1].Posts);
        var engage = networks[2];
        Assert.Equal((3, 2, 3L, 5L), (engage.Engaged!.Value, engage.ActiveContributors!.Value, engage.Posts!.Value, engage.Reads!.Value));
    }

    [Fact]
    public void A_scope_smaller_than_the_minimum_shows_no_figure_at_all()
    {
        var result = Organisation(16).Build(Covered);
        Assert.Null(result.Total);
        Assert.All(result.Groups, g => Assert.Null(g.Figures));
        Assert.All(result.Weeks, w => Assert.Null(w.ActiveContributors));
        Assert.All(result.Networks, n => Assert.Null(n.Posts));
    }

    [Fact]
    public void Individuals_only_on_request_and_small_departments_are_generalised()
    {
        Assert.Empty(Organisation(5).Build(Covered).People);
        var people = Organisation(5, individuals: true).Build(Covered, p => "P-" + p.Id).People;
        Assert.Equal(15, people.Count);
        var first = people.Single(p => p.Person == "P-1");
        Assert.Equal(("Sales", 1, 2, 1, "Teams, VivaEngage"), (first.Department, first.ActiveDays, first.Posts, first.Replies, first.Networks));
        Assert.Equal("(department of fewer than 5)", people.Single(p => p.Person == "P-21").Department);
    }
}
