using System.Diagnostics;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Reading;
using SocialToolkit.Graph.Sync;

namespace SocialToolkit.Benchmarks.Shared;

/// <summary>What one backfill stored, and how long it took.</summary>
public sealed record BackfillResult(TimeSpan Elapsed, int DaysStored, int LargestReportRows, long RowsStored);

/// <summary>
/// The 28-day backfill a first Sync-SocialData runs: every day of the last 28 that has landed, for each workload, read
/// from the usage reports (one CSV a day, a row per person) and stored, through the real sync with pacing off. Staff and
/// training are left out, so the figure is the reports' alone: store the people first.
/// </summary>
public static class ReportBackfill
{
    /// <summary>Viva Engage alone, or Viva Engage and Teams.</summary>
    public static IReadOnlyList<string> Workloads(bool both) =>
        both ? new[] { SocialNetworks.VivaEngage, SocialNetworks.Teams } : new[] { SocialNetworks.VivaEngage };

    public static async Task<BackfillResult> RunAsync(GraphSession session, StoreLocation store, IReadOnlyList<string> workloads, DateTime today, GraphReadOptions readOptions)
    {
        var request = new SyncRequest
        {
            StorePath = store,
            Workloads = workloads.ToArray(),
            SkipStaff = true,
            SkipTraining = true,
            PaceWindow = TimeSpan.Zero,
            Today = today,
            ReadOptions = readOptions,
        };
        var clock = Stopwatch.StartNew();
        var summary = await SocialSync.RunAsync(session, request, SocialSync.Plan(request), SilentReporter.Instance, CancellationToken.None);
        var elapsed = clock.Elapsed;
        if (summary.Failures.Count > 0)
        {
            throw new InvalidOperationException("The backfill failed: " + string.Join("; ", summary.Failures.Select(f => f.What + ": " + f.Exception.Message)));
        }

        return new BackfillResult(
            elapsed,
            summary.Days.Count(d => d.Outcome == SyncDayOutcomes.Stored),
            summary.Days.Count == 0 ? 0 : summary.Days.Max(d => d.ReportRows),
            summary.RowsStored);
    }
}
