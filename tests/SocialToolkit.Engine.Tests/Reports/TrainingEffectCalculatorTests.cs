using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

public sealed class TrainingEffectCalculatorTests
{
    /// <summary>A Monday: week w of the data is days 7w … 7w+6.</summary>
    private static readonly DateTime Start = new(2026, 1, 5);

    private static DateTime Day(int d) => Start.AddDays(d);

    private static IEnumerable<DateTime> Days(int from, int to) => Enumerable.Range(from, to - from + 1).Select(Day);

    private static TrainingEffectOptions Options(int minimum = 5, int minimumTrained = 1, int replicates = 199) => new()
    {
        WindowDays = 7,
        AnticipationDays = 0,
        WeeksBefore = 2,
        WeeksAfter = 2,
        MinimumGroupSize = minimum,
        MinimumTrained = minimumTrained,
        BootstrapReplicates = replicates,
        IncludeIndividuals = true,
    };

    /// <summary>
    /// Ten weeks. Trained 1-5 complete SOC-101 on day 23 (Wednesday of week 3): with a one-week window and no anticipation
    /// the before window is week 2 (days 14-20), the after window week 4 (days 28-34). Person 1: 2 active days before, 4
    /// after; persons 2-5: none before, 1 after. Comparison 101-105 (Ops): only 101 is ever active, on <paramref name="controlDays"/>.
    /// </summary>
    private static TrainingEffectCalculator Case(IEnumerable<int> controlDays, TrainingEffectOptions? options = null, IEnumerable<DateTime>? covered = null, Action<TrainingEffectCalculator>? extra = null)
    {
        var calculator = new TrainingEffectCalculator(options ?? Options(), covered ?? Days(0, 69));
        for (var id = 1; id <= 5; id++)
        {
            calculator.AddPerson(new ReportPerson { Id = id, UserPrincipalName = $"t{id}@x.test", DisplayName = $"T{id}", Department = id <= 3 ? "Sales" : "IT" });
            calculator.AddCompletion(new TrainingCompletion { PersonId = id, CourseId = "SOC-101", CourseTitle = "Basics", Completed = Day(23) });
        }

        for (var id = 101; id <= 105; id++)
        {
            calculator.AddPerson(new ReportPerson { Id = id, UserPrincipalName = $"c{id}@x.test", DisplayName = $"C{id}", Department = "Ops" });
        }

        foreach (var d in new[] { 15, 16, 28, 29, 30, 31 })
        {
            calculator.AddContribution(1, Day(d), 1);
        }

        // A second network's row for the same day must not count the day twice.
        calculator.AddContribution(1, Day(28), 0);
        for (var id = 2; id <= 5; id++)
        {
            calculator.AddContribution(id, Day(29), 1);
        }

        foreach (var d in controlDays)
        {
            calculator.AddContribution(101, Day(d), 1);
        }

        extra?.Invoke(calculator);
        return calculator;
    }

    [Fact]
    public void Difference_in_differences_matches_the_hand_computed_value_with_a_flat_comparison_group()
    {
        var result = Case(Enumerable.Range(0, 70)).Build();
        var overall = result.Overall!;
        Assert.Equal((5, 5), (result.TrainedPeople, result.ControlPeople));
        Assert.Equal(0.4, overall.TrainedBefore, 12);
        Assert.Equal(1.6, overall.TrainedAfter, 12);
        Assert.Equal(1.4, overall.ControlBefore, 12);
        Assert.Equal(1.4, overall.ControlAfter, 12);
        Assert.Equal(1.2, overall.Effect, 12);
        Assert.Equal(1.2, overall.PostsEffect, 12);
        Assert.InRange(1.2, overall.IntervalLow!.Value, overall.IntervalHigh!.Value);
        Assert.True(overall.IntervalLow < overall.IntervalHigh);
        Assert.Equal(3, result.Clusters);
        Assert.Equal(IntervalMethod.WildClusterWebb, result.IntervalMethod);

        // Event study against the before window (week 2 = week -1): week +1 is the after window.
        var weeks = result.EventStudy.ToDictionary(w => w.Week);
        Assert.Equal(new[] { -2, -1, 0, 1, 2 }, weeks.Keys);
        Assert.Equal(1.2, weeks[1].Effect!.Value, 12);
        Assert.Equal(0.0, weeks[-1].Effect!.Value, 12);
        Assert.True(weeks[-1].Reference);
        Assert.Equal(-0.4, weeks[-2].Effect!.Value, 12);
    }

    [Fact]
    public void A_rising_comparison_group_is_subtracted()
    {
        var overall = Case(Enumerable.Range(28, 7)).Build().Overall!;
        Assert.Equal(0.0, overall.ControlBefore, 12);
        Assert.Equal(1.4, overall.ControlAfter, 12);
        Assert.Equal(-0.2, overall.Effect, 12);
    }

    [Fact]
    public void The_interval_is_reproducible()
    {
        var first = Case(Enumerable.Range(0, 70)).Build().Overall!;
        var second = Case(Enumerable.Range(0, 70)).Build().Overall!;
        Assert.Equal((first.IntervalLow, first.IntervalHigh), (second.IntervalLow, second.IntervalHigh));
    }

    [Fact]
    public void A_window_the_store_does_not_cover_leaves_the_people_out_with_the_reason()
    {
        var result = Case(Enumerable.Range(0, 70), covered: Days(0, 69).Where(d => d != Day(30))).Build();
        Assert.Equal(0, result.TrainedPeople);
        Assert.Equal(5, result.ExcludedTrainedPeople);
        Assert.Null(result.Overall);
        Assert.Equal("No trained person has both windows covered by the store while employed", result.OverallNote);
        Assert.Equal(5, result.LeftOut.Single(l => l.Reason == "Window not covered by the store").Trained);
        Assert.StartsWith("No verdict", result.Verdict);
    }

    [Fact]
    public void Groups_below_the_minimum_are_hidden_with_their_complement_and_individuals_are_listed()
    {
        var result = Case(Enumerable.Range(0, 70), Options(minimum: 3)).Build(p => p.DisplayName);
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
        var result = Case(Enumerable.Range(0, 70), Options(minimum: 6)).Build();
        Assert.Null(result.Overall);
        Assert.All(result.ByCourse, g => Assert.Null(g.Figures));
    }

    [Fact]
    public void Below_the_minimum_of_trained_people_there_is_no_interval_and_no_verdict()
    {
        var result = Case(Enumerable.Range(0, 70), Options(minimumTrained: 20)).Build();
        Assert.Equal(1.2, result.Overall!.Effect, 12);
        Assert.Null(result.Overall.IntervalLow);
        Assert.Equal("No interval: fewer than 20 trained people", result.Overall.Note);
        Assert.StartsWith("No verdict: no interval: fewer than 20 trained people", result.Verdict);
        Assert.All(result.EventStudy, w => Assert.Null(w.Low));
    }

    [Fact]
    public void A_course_outside_Course_does_not_take_people_out_of_the_comparison_group()
    {
        void Mandatory(TrainingEffectCalculator c)
        {
            for (var id = 101; id <= 103; id++)
            {
                c.AddCompletion(new TrainingCompletion { PersonId = id, CourseId = "COMP-100", CourseTitle = "Compliance", Completed = Day(40) });
            }
        }

        var options = Options();
        options.Courses = new[] { "SOC-101" };
        Assert.Equal(5, Case(Enumerable.Range(0, 70), options, extra: Mandatory).Build().ControlPeople);
        Assert.Equal(2, Case(Enumerable.Range(0, 70), extra: Mandatory).Build().ControlPeople);
    }

    [Fact]
    public void People_count_only_on_weeks_they_were_staff_and_those_left_out_are_counted()
    {
        var result = Case(Enumerable.Range(0, 70), extra: c =>
        {
            // A comparison person who left in the after window, a trained joiner, a trained guest.
            c.AddPerson(new ReportPerson { Id = 105, UserPrincipalName = "c105@x.test", DisplayName = "C105", Department = "Ops", LeaveDate = Day(30), Enabled = false });
            c.AddPerson(new ReportPerson { Id = 6, UserPrincipalName = "t6@x.test", DisplayName = "T6", Department = "IT", HireDate = Day(16) });
            c.AddCompletion(new TrainingCompletion { PersonId = 6, CourseId = "SOC-101", CourseTitle = "Basics", Completed = Day(23) });
            c.AddPerson(new ReportPerson { Id = 7, UserPrincipalName = "g#EXT#@x.test", DisplayName = "G", UserType = StaffAccount.Guest });
            c.AddCompletion(new TrainingCompletion { PersonId = 7, CourseId = "SOC-101", CourseTitle = "Basics", Completed = Day(23) });
        }).Build();
        Assert.Equal(4, result.ControlPeople);
        Assert.Equal(5, result.TrainedPeople);
        Assert.Equal(7, result.PeopleWithCompletion);
        Assert.Equal(1, result.LeftOut.Single(l => l.Reason.StartsWith("Joined too late", StringComparison.Ordinal)).Trained);
        Assert.Equal(1, result.LeftOut.Single(l => l.Reason.StartsWith("Not a staff account", StringComparison.Ordinal)).Trained);
    }

    [Fact]
    public void The_before_window_ends_at_the_assignment()
    {
        // Assigned on day 10 (week 1): the before window becomes week 0, where person 1 is active 3 days, so the effect falls.
        var result = Case(Enumerable.Range(0, 70), extra: c =>
        {
            c.AddCompletion(new TrainingCompletion { PersonId = 1, CourseId = "SOC-000", CourseTitle = "Earlier", Completed = Day(23), Assigned = Day(10) });
            foreach (var d in new[] { 1, 2, 3 })
            {
                c.AddContribution(1, Day(d), 1);
            }
        }).Build();
        var person = result.People.Single(p => p.Person == "T1");
        Assert.Equal(3.0, person.ActiveDaysBefore, 12);
        Assert.Contains(result.EventStudy, w => w.Anticipation);
    }

    [Fact]
    public void Trained_people_all_in_one_cluster_get_no_interval()
    {
        var options = Options();
        options.ClusterBy = TrainingClusterBy.Department;
        var result = Case(Enumerable.Range(0, 70), options, extra: c =>
        {
            for (var id = 1; id <= 5; id++)
            {
                c.AddPerson(new ReportPerson { Id = id, UserPrincipalName = $"t{id}@x.test", DisplayName = $"T{id}", Department = "Sales" });
            }
        }).Build();
        Assert.Null(result.Overall!.IntervalLow);
        Assert.Equal("No interval: all trained people are in one department", result.Overall.Note);
    }
}
