using SocialToolkit.Core.Analytics;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

public sealed class TrainingEffectCalculatorTests
{
    private static readonly DateTime Start = new(2026, 1, 5);

    private static IEnumerable<DateTime> Days(int from, int to) => Enumerable.Range(from, to - from + 1).Select(d => Start.AddDays(d));

    /// <summary>
    /// Control 101-105 (only 101 ever active), trained 1-5 completing on day 10 with a 7-day window (before 3-9, after 11-17).
    /// Person 1: 2 active days before, 4 after; persons 2-5: none before, 1 after. Every active day has one post.
    /// </summary>
    private static TrainingEffectCalculator Case(IEnumerable<int> controlDays, IEnumerable<DateTime>? covered = null, int minimum = 5, int replicates = 200)
    {
        var calculator = new TrainingEffectCalculator(
            new TrainingEffectOptions { WindowDays = 7, MinimumGroupSize = minimum, BootstrapReplicates = replicates, IncludeIndividuals = true },
            covered ?? Days(0, 29));
        for (var id = 1; id <= 5; id++)
        {
            calculator.AddPerson(new ReportPerson { Id = id, UserPrincipalName = $"t{id}@x.test", DisplayName = $"T{id}", Department = id <= 3 ? "Sales" : "IT" });
            calculator.AddCompletion(new TrainingCompletion { PersonId = id, CourseId = "SOC-101", CourseTitle = "Basics", Completed = Start.AddDays(10) });
        }

        for (var id = 101; id <= 105; id++)
        {
            calculator.AddPerson(new ReportPerson { Id = id, UserPrincipalName = $"c{id}@x.test", DisplayName = $"C{id}", Department = "Ops" });
        }

        foreach (var d in new[] { 3, 4, 11, 12, 13, 14 })
        {
            calculator.AddContribution(1, Start.AddDays(d), 1);
        }

        // A second network's row for the same day must not count the day twice.
        calculator.AddContribution(1, Start.AddDays(11), 0);
        for (var id = 2; id <= 5; id++)
        {
            calculator.AddContribution(id, Start.AddDays(11), 1);
        }

        foreach (var d in controlDays)
        {
            calculator.AddContribution(101, Start.AddDays(d), 1);
        }

        return calculator;
    }

    [Fact]
    public void Difference_in_differences_matches_the_hand_computed_value_with_a_flat_control()
    {
        var result = Case(Enumerable.Range(0, 30)).Build();
        var overall = result.Overall!;
        Assert.Equal((5, 5), (result.TrainedPeople, result.ControlPeople));
        Assert.Equal(0.4, overall.TrainedBefore, 12);
        Assert.Equal(1.6, overall.TrainedAfter, 12);
        Assert.Equal(1.4, overall.ControlBefore, 12);
        Assert.Equal(1.4, overall.ControlAfter, 12);
        Assert.Equal(1.2, overall.Effect, 12);
        Assert.Equal(1.2, overall.PostsEffect, 12);
        Assert.InRange(1.2, overall.IntervalLow, overall.IntervalHigh);
        Assert.True(overall.IntervalLow < overall.IntervalHigh);
    }

    [Fact]
    public void A_rising_control_is_subtracted()
    {
        var overall = Case(Enumerable.Range(11, 7)).Build().Overall!;
        Assert.Equal(0.0, overall.ControlBefore, 12);
        Assert.Equal(1.4, overall.ControlAfter, 12);
        Assert.Equal(-0.2, overall.Effect, 12);
    }

    [Fact]
    public void The_interval_is_reproducible()
    {
        var first = Case(Enumerable.Range(0, 30)).Build().Overall!;
        var second = Case(Enumerable.Range(0, 30)).Build().Overall!;
        Assert.Equal((first.IntervalLow, first.IntervalHigh), (second.IntervalLow, second.IntervalHigh));
    }

    [Fact]
    public void A_window_the_store_does_not_cover_excludes_the_person()
    {
        var result = Case(Enumerable.Range(0, 30), Days(0, 29).Where(d => d != Start.AddDays(15))).Build();
        Assert.Equal(0, result.TrainedPeople);
        Assert.Equal(5, result.ExcludedTrainedPeople);
        Assert.Null(result.Overall);
        Assert.Equal("No trained person has both windows covered by the store", result.OverallNote);
    }

    [Fact]
    public void Groups_below_the_minimum_are_hidden_with_their_complement_and_individuals_are_listed()
    {
        var result = Case(Enumerable.Range(0, 30), minimum: 3).Build(p => p.DisplayName);
        Assert.Equal(new[] { "IT", "Sales" }, result.ByDepartment.Select(g => g.Group));
        Assert.Null(result.ByDepartment[0].Figures);
        Assert.Equal(SuppressionReason.SmallGroup, result.ByDepartment[0].Suppression);
        Assert.Equal(SuppressionReason.Complementary, result.ByDepartment[1].Suppression);
        Assert.Equal("2026-01", result.ByCohort.Single().Group);
        Assert.Equal(1.2, result.ByCohort.Single().Figures!.Effect, 12);
        Assert.Equal("Basics", result.ByCourse.Single().Title);
        var person = result.People.Single(p => p.Person == "T1");
        Assert.Equal((2.0, 4.0, 0.0, 2.0), (person.ActiveDaysBefore, person.ActiveDaysAfter, person.ControlChange, person.DifferenceInDifferences));
    }

    [Fact]
    public void Too_few_trained_people_shows_no_effect()
    {
        var result = Case(Enumerable.Range(0, 30), minimum: 6).Build();
        Assert.Null(result.Overall);
        Assert.All(result.ByCourse, g => Assert.Null(g.Figures));
    }
}
