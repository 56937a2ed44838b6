using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;
using Xunit;
using Xunit.Abstractions;

namespace SocialToolkit.Simulation.Tests;

/// <summary>
/// The estimator against a known truth, on seeded organisations from the same generator as New-SocialSampleStore.
/// Fixed seeds make every figure reproducible; the thresholds are the promises of the method, with the figures printed
/// so a regression shows by how much.
/// </summary>
public sealed class TrainingEffectSimulationTests
{
    private static readonly string[] SocialCourses = { "SOC-101", "SOC-201", "SOC-301" };
    private readonly ITestOutputHelper output;

    public TrainingEffectSimulationTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private SimulationSummary Report(SampleScenario scenario, IReadOnlyList<Replication> runs, string label = "")
    {
        var summary = TrainingEffectSimulation.Summarise(scenario, runs);
        output.WriteLine(summary + label);
        return summary;
    }

    [Fact]
    public void With_no_effect_the_interval_holds_zero_and_the_pre_trend_check_seldom_fires()
    {
        var runs = TrainingEffectSimulation.Run(SampleScenario.NoEffect, 200, employees: 1000).ToList();
        var summary = Report(SampleScenario.NoEffect, runs);
        Assert.All(runs, r => Assert.NotNull(r.Result.Overall));
        Assert.True(summary.Coverage >= 0.90, $"coverage {summary.Coverage:P1}");
        Assert.True(summary.PreTrendFlagged <= 0.10, $"pre-trend flagged {summary.PreTrendFlagged:P1}");
        Assert.InRange(summary.MeanError, -0.05, 0.05);
    }

    [Fact]
    public void Many_clusters_resample_whole_teams_and_still_hold_zero()
    {
        // By manager: some 70 teams, so whole teams are drawn with replacement and bands are sup-t.
        var runs = TrainingEffectSimulation.Run(SampleScenario.NoEffect, 100, configure: o => o.ClusterBy = TrainingClusterBy.Manager).ToList();
        var summary = Report(SampleScenario.NoEffect, runs, " (-ClusterBy Manager)");
        Assert.All(runs, r => Assert.Equal(IntervalMethod.ClusterResampling, r.Result.IntervalMethod));
        Assert.True(summary.Coverage >= 0.88, $"coverage {summary.Coverage:P1}");
        Assert.True(summary.PreTrendFlagged <= 0.15, $"pre-trend flagged {summary.PreTrendFlagged:P1}");
        Assert.True(summary.AnyBreakdownSignificant <= 0.15, $"a breakdown row significant in {summary.AnyBreakdownSignificant:P1}");
    }

    [Fact]
    public void Whole_departments_trained_together_do_not_make_a_null_effect_significant()
    {
        var runs = TrainingEffectSimulation.Run(SampleScenario.DepartmentRollout, 100, employees: 1000).ToList();
        var summary = Report(SampleScenario.DepartmentRollout, runs);
        Assert.True(summary.Coverage >= 0.90, $"coverage {summary.Coverage:P1}");
        Assert.True(summary.AnyBreakdownSignificant <= 0.10, $"a breakdown row significant in {summary.AnyBreakdownSignificant:P1}");
        Assert.All(runs, r => Assert.True(r.Result.Clusters >= 10));
    }

    [Fact]
    public void A_pre_existing_trend_is_flagged_and_gets_no_verdict()
    {
        var runs = TrainingEffectSimulation.Run(SampleScenario.PreTrend, 100, employees: 2000).ToList();
        var summary = Report(SampleScenario.PreTrend, runs);
        Assert.True(summary.PreTrendFlagged >= 0.80, $"pre-trend flagged {summary.PreTrendFlagged:P1}");
        Assert.All(runs.Where(r => r.PreTrendFlagged), r => Assert.StartsWith("No verdict", r.Result.Verdict));
    }

    [Fact]
    public void A_mandatory_course_outside_Course_no_longer_empties_the_comparison_group()
    {
        var withCourse = TrainingEffectSimulation.Run(SampleScenario.MandatoryCourse, 50, configure: o => o.Courses = SocialCourses).ToList();
        var summary = Report(SampleScenario.MandatoryCourse, withCourse, " (-Course SOC-101,SOC-201,SOC-301)");
        Assert.InRange(summary.MeanEffect - summary.MeanTruth, -0.05, 0.05);
        Assert.True(summary.Coverage >= 0.85, $"coverage {summary.Coverage:P1}");

        // Counting every course, the comparison group is the 15% who skipped the mandatory one: -Course gives it back.
        var all = TrainingEffectSimulation.Run(SampleScenario.MandatoryCourse, 5).ToList();
        for (var i = 0; i < all.Count; i++)
        {
            Assert.True(withCourse[i].Result.ControlPeople > 3 * all[i].Result.ControlPeople, $"{withCourse[i].Result.ControlPeople} vs {all[i].Result.ControlPeople}");
        }
    }

    [Fact]
    public void Course_work_before_completion_does_not_hide_the_effect()
    {
        var runs = TrainingEffectSimulation.Run(SampleScenario.Anticipation, 50).ToList();
        var summary = Report(SampleScenario.Anticipation, runs);
        Assert.InRange(summary.MeanError, -0.05, 0.05);
        Assert.True(summary.Coverage >= 0.85, $"coverage {summary.Coverage:P1}");
        Assert.All(runs, r => Assert.Contains(r.Result.EventStudy, w => w.Anticipation));
    }

    [Fact]
    public void New_joiners_ramping_up_are_left_out_and_counted_not_taken_for_an_effect()
    {
        var runs = TrainingEffectSimulation.Run(SampleScenario.Joiners, 50).ToList();
        var summary = Report(SampleScenario.Joiners, runs);
        Assert.InRange(summary.MeanError, -0.05, 0.05);
        Assert.All(runs, r => Assert.Contains(r.Result.LeftOut, l => l.Reason.StartsWith("Joined too late", StringComparison.Ordinal) && l.Trained > 0));
    }

    [Fact]
    public void Growing_staggered_effects_stay_within_the_event_study_band()
    {
        var runs = TrainingEffectSimulation.Run(SampleScenario.Staggered, 100, employees: 1000).ToList();
        Report(SampleScenario.Staggered, runs);
        var held = 0;
        var weeksChecked = 0;
        var weeksHeld = 0;
        foreach (var run in runs)
        {
            var truth = run.Truth.EventWeeks.ToDictionary(w => w.Week, w => w.Effect);
            var banded = run.Result.EventStudy.Where(w => w.Low.HasValue).ToList();
            Assert.NotEmpty(banded);
            var inside = banded.Count(w => w.Low <= truth[w.Week] && truth[w.Week] <= w.High);
            weeksChecked += banded.Count;
            weeksHeld += inside;
            held += inside == banded.Count ? 1 : 0;
        }

        output.WriteLine($"Staggered: {weeksHeld} of {weeksChecked} week intervals hold the truth; every week inside in {held} of {runs.Count} replications");
        Assert.True(weeksHeld >= 0.92 * weeksChecked, $"{weeksHeld} of {weeksChecked}");

        // Intervals that say something: bounded, and narrower than the effect is large once it has grown.
        var grown = runs.Select(r => r.Result.EventStudy.Single(w => w.Week == 6)).Where(w => w.Low.HasValue).ToList();
        Assert.True(grown.Count >= 0.9 * runs.Count, $"{grown.Count} of {runs.Count} with an interval at week 6");
        Assert.True(grown.Count(w => w.Low > 0) >= 0.8 * grown.Count, $"week 6 significant in {grown.Count(w => w.Low > 0)} of {grown.Count}");

        // The effect grows: the band follows it (late weeks above early ones on average).
        var early = runs.Average(r => r.Result.EventStudy.Single(w => w.Week == 1).Effect!.Value);
        var late = runs.Average(r => r.Result.EventStudy.Single(w => w.Week == 8).Effect!.Value);
        Assert.True(late > early + 0.1, $"week 1 {early:0.000}, week 8 {late:0.000}");
    }

    [Fact]
    public void A_real_effect_is_found_with_an_interval_that_holds_it()
    {
        var runs = TrainingEffectSimulation.Run(SampleScenario.Default, 50).ToList();
        var summary = Report(SampleScenario.Default, runs);
        Assert.True(summary.Coverage >= 0.85, $"coverage {summary.Coverage:P1}");
        Assert.True(summary.SignificantShare >= 0.9, $"significant {summary.SignificantShare:P1}");
        Assert.InRange(summary.MeanError, -0.05, 0.05);
    }
}
