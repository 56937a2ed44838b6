using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;
using SocialToolkit.Data.Sample;

namespace SocialToolkit.Simulation.Tests;

/// <summary>One estimate on one simulated organisation, next to its truth.</summary>
public sealed record Replication(int Seed, SampleTruth Truth, TrainingEffectResult Result)
{
    public bool Covered => Result.Overall?.IntervalLow is double low && Result.Overall.IntervalHigh is double high && low <= Truth.Headline && Truth.Headline <= high;

    public bool Significant => Result.Overall?.Significant == true;

    public bool PreTrendFlagged => Result.PreTrend == PreTrendCheck.Failed;

    public double Error => (Result.Overall?.Effect ?? double.NaN) - Truth.Headline;
}

/// <summary>What a batch of replications shows (the figures the benchmark prints and the tests assert on).</summary>
public sealed record SimulationSummary(SampleScenario Scenario, int Replications, double Coverage, double SignificantShare, double PreTrendFlagged, double MeanError, double MeanTruth, double MeanEffect, double AnyBreakdownSignificant)
{
    public override string ToString() => FormattableString.Invariant(
        $"{Scenario,-18} n={Replications,4}  coverage={Coverage:P1}  significant={SignificantShare:P1}  pre-trend flagged={PreTrendFlagged:P1}  any breakdown row significant={AnyBreakdownSignificant:P1}  truth={MeanTruth:+0.000;-0.000}  estimate={MeanEffect:+0.000;-0.000}  bias={MeanError:+0.000;-0.000}");
}

/// <summary>
/// Runs the estimator on seeded sample organisations (<see cref="SampleStoreGenerator.Simulate"/>): the same generator as
/// New-SocialSampleStore, in memory.
/// </summary>
public static class TrainingEffectSimulation
{
    public static readonly DateTime EndDate = new(2026, 6, 28);

    public static IEnumerable<Replication> Run(SampleScenario scenario, int replications, int employees = 500, int days = 180, int firstSeed = 1, double uplift = 0.6, int draws = 499, Action<TrainingEffectOptions>? configure = null)
    {
        for (var r = 0; r < replications; r++)
        {
            var seed = firstSeed + r;
            var data = SampleStoreGenerator.Simulate(new SampleStoreOptions { Employees = employees, Days = days, EndDate = EndDate, Seed = seed, TrainingUplift = uplift, Scenario = scenario });
            var options = new TrainingEffectOptions { BootstrapReplicates = draws, Seed = seed };
            configure?.Invoke(options);
            yield return new Replication(seed, data.Truth, data.Calculator(options).Build());
        }
    }

    public static SimulationSummary Summarise(SampleScenario scenario, IReadOnlyList<Replication> runs)
    {
        var measured = runs.Where(r => r.Result.Overall != null).ToList();
        return new SimulationSummary(
            scenario,
            runs.Count,
            runs.Count(r => r.Covered) / (double)runs.Count,
            runs.Count(r => r.Significant) / (double)runs.Count,
            runs.Count(r => r.PreTrendFlagged) / (double)runs.Count,
            measured.Count == 0 ? double.NaN : measured.Average(r => r.Error),
            runs.Average(r => r.Truth.Headline),
            measured.Count == 0 ? double.NaN : measured.Average(r => r.Result.Overall!.Effect),
            runs.Count(r => r.Result.ByCourse.Concat(r.Result.ByCohort).Concat(r.Result.ByDepartment).Any(g => g.Figures?.Significant == true)) / (double)runs.Count);
    }
}
