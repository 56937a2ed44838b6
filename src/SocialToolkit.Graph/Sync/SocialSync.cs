using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Reading;

namespace SocialToolkit.Graph.Sync
{
    /// <summary>What Sync-SocialData was asked to do.</summary>
    public sealed class SyncRequest
    {
        /// <summary>The store file or server (-StorePath, -StoreConnection, $env:SOCIALTOOLKIT_STORE).</summary>
        public StoreLocation StorePath { get; set; } = StorePaths.Default();

        /// <summary>VivaEngage and/or Teams.</summary>
        public IReadOnlyList<string> Workloads { get; set; } = ActivityReportReader.Workloads;

        /// <summary>A training source given now; remembered in the store for later runs.</summary>
        public TrainingSource? TrainingSource { get; set; }

        public bool SkipStaff { get; set; }

        /// <summary>Keep guests (B2B accounts) in the store; they are never counted as staff.</summary>
        public bool IncludeGuests { get; set; }

        /// <summary>List every user again instead of reading the changes since the last sync.</summary>
        public bool FullStaffSync { get; set; }

        public bool SkipTraining { get; set; }

        public int ReportRequestsPerWindow { get; set; } = ReportPacer.GraphLimit;

        /// <summary>The pacing window; zero turns pacing off.</summary>
        public TimeSpan PaceWindow { get; set; } = ReportPacer.GraphWindow;

        /// <summary>Today (UTC) as the sync sees it; tests pin it.</summary>
        public DateTime? Today { get; set; }

        public GraphReadOptions ReadOptions { get; set; } = GraphReadOptions.Default;
    }

    /// <summary>A day of one network's report the sync would fetch.</summary>
    public sealed class PlannedDay
    {
        public PlannedDay(string network, DateTime day)
        {
            Network = network;
            Day = day;
        }

        public string Network { get; }

        public DateTime Day { get; }

        public override string ToString() => Network + " " + Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>What a sync would do, worked out without Graph and without writing: the cmdlet asks ShouldProcess per item.</summary>
    public sealed class SyncPlan
    {
        public StoreLocation StorePath { get; set; } = StorePaths.Default();

        public bool Staff { get; set; }

        public TrainingSource? Training { get; set; }

        /// <summary>True when the training source came from the store rather than from parameters.</summary>
        public bool TrainingRemembered { get; set; }

        public List<PlannedDay> Days { get; set; } = new List<PlannedDay>();

        /// <summary>Report requests allowed per pacing window, and the window (zero: no pacing).</summary>
        public int RequestsPerWindow { get; set; } = ReportPacer.GraphLimit;

        public TimeSpan PaceWindow { get; set; } = ReportPacer.GraphWindow;

        /// <summary>The least time the report requests take under the pacing (the first window's requests go at once).</summary>
        public TimeSpan ExpectedReportDuration =>
            PaceWindow <= TimeSpan.Zero || Days.Count <= RequestsPerWindow
                ? TimeSpan.Zero
                : TimeSpan.FromTicks(PaceWindow.Ticks * ((Days.Count + RequestsPerWindow - 1) / RequestsPerWindow - 1));

        /// <summary>
        /// The whole plan in one sentence, said before any wait: "27 report days × 2 networks = 54 requests; at 14 per
        /// 10 min this takes about 30 minutes".
        /// </summary>
        public string Describe()
        {
            var parts = new List<string>();
            if (Staff)
            {
                parts.Add("staff from /users/delta");
            }

            if (Training != null)
            {
                parts.Add("training records from " + Training);
            }

            if (Days.Count == 0)
            {
                parts.Add("no report day to fetch");
                return "Plan: " + string.Join("; ", parts) + ".";
            }

            var perNetwork = Days.GroupBy(d => d.Network, StringComparer.Ordinal).Select(g => (Network: g.Key, Count: g.Count())).ToList();
            var requests = perNetwork.Count > 1 && perNetwork.All(n => n.Count == perNetwork[0].Count)
                ? string.Format(CultureInfo.InvariantCulture, "{0} report days × {1} networks = {2} requests", perNetwork[0].Count, perNetwork.Count, Days.Count)
                : string.Format(CultureInfo.InvariantCulture, "{0} report request(s) ({1})", Days.Count, string.Join(", ", perNetwork.Select(n => n.Network + " " + n.Count.ToString(CultureInfo.InvariantCulture))));
            string pace;
            if (PaceWindow <= TimeSpan.Zero)
            {
                pace = "pacing is off";
            }
            else
            {
                var expected = ExpectedReportDuration;
                pace = string.Format(CultureInfo.InvariantCulture, "at {0} per {1} this takes {2}", RequestsPerWindow, ReportPacer.Describe(PaceWindow),
                    expected == TimeSpan.Zero ? "no wait" : "about " + Math.Ceiling(expected.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " minutes");
            }

            parts.Add(requests + "; " + pace);
            return "Plan: " + string.Join("; ", parts) + ".";
        }
    }

    /// <summary>
    /// Graph → store: staff, then training, then every report day of the last 28 the store lacks, oldest first
    /// (the oldest are the next to disappear from Graph). Each day is stored in one transaction, so a sync killed
    /// at any moment leaves whole days only, and a re-run fetches just what is missing.
    /// </summary>
    public static class SocialSync
    {
        /// <summary>Graph keeps per-day usage reports for about 28 days.</summary>
        public const int WindowDays = 28;

        /// <summary>Usage data lands 24 to 72 hours late: days newer than this are not asked for.</summary>
        public const int NewestDayLag = 2;

        public const string TrainingSourceKey = "sync.training_source";

        public const string LastSuccessKey = "sync.last_success";

        /// <summary>The /users/delta link of the last staff sync: the next one reads only what changed since.</summary>
        public const string StaffDeltaLinkKey = "sync.users_delta_link";


        private const string Activity = "Sync-SocialData";

        private static readonly ConcurrentDictionary<string, ReportPacer> Pacers = new ConcurrentDictionary<string, ReportPacer>(StringComparer.Ordinal);

        /// <summary>Works out what to fetch. Reads the store if it exists; writes nothing.</summary>
        public static SyncPlan Plan(SyncRequest request)
        {
            foreach (var workload in request.Workloads)
            {
                if (!ActivityReportReader.Workloads.Contains(workload))
                {
                    throw new SocialToolkitException("UnknownWorkload", FailureKind.InvalidArgument, $"-Workload must be VivaEngage or Teams, not '{workload}'.", "Workload");
                }
            }

            var location = request.StorePath;
            var plan = new SyncPlan { StorePath = location, Staff = !request.SkipStaff };
            var covered = new HashSet<(string, DateTime)>();
            TrainingSource? remembered = null;
            var people = 0;
            if (location.IsServer || File.Exists(location.FilePath))
            {
                using var store = SocialStore.OpenReadOnly(location, allowOlderSchema: true);
                foreach (var day in store.ReadCoverage())
                {
                    covered.Add((day.Network, day.Day));
                }

                remembered = TrainingSource.Deserialize(store.GetMetadata(TrainingSourceKey));
                people = store.CountPeople();
            }

            if (request.SkipStaff && people == 0 && request.Workloads.Count > 0)
            {
                // Report rows are matched to stored people: with nobody stored, every day would be read for nothing.
                throw new SocialToolkitException("SyncNeedsStaff", FailureKind.InvalidOperation,
                    $"-SkipStaff was given but the store {location} holds no people, so no report row could be matched and no day stored. Run Sync-SocialData without -SkipStaff, or Import-SocialStaff first.",
                    "SkipStaff");
            }

            plan.RequestsPerWindow = request.ReportRequestsPerWindow;
            plan.PaceWindow = request.PaceWindow;

            if (!request.SkipTraining)
            {
                plan.Training = request.TrainingSource ?? remembered;
                plan.TrainingRemembered = request.TrainingSource == null && remembered != null;
            }

            var today = (request.Today ?? DateTime.UtcNow).Date;
            for (var day = today.AddDays(-WindowDays); day <= today.AddDays(-NewestDayLag); day = day.AddDays(1))
            {
                foreach (var workload in ActivityReportReader.Workloads.Where(request.Workloads.Contains))
                {
                    if (!covered.Contains((workload, day)))
                    {
                        plan.Days.Add(new PlannedDay(workload, day));
                    }
                }
            }

            return plan;
        }

        /// <summary>Runs the (approved part of the) plan against Graph and the store.</summary>
        public static async Task<SyncSummary> RunAsync(GraphSession session, SyncRequest request, SyncPlan plan, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            var summary = new SyncSummary { StorePath = plan.StorePath.Display, StartedAt = DateTimeOffset.UtcNow, PlanDescription = plan.Describe() };
            using var store = SocialStore.Open(plan.StorePath);
            // What the database says here (a role that may not write, a lost connection) has the store's own error id.
            using var running = SocialStore.Guard(store.Path, "locking", store.LockForSync);
            var logId = SocialStore.Guard(store.Path, "writing to", () => store.StartLog("Sync-SocialData"));
            reporter.Notice(summary.PlanDescription);
            try
            {
                if (plan.Staff)
                {
                    try
                    {
                        await SyncStaffAsync(session, store, request, summary, reporter, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (IsStepFailure(e, cancellationToken))
                    {
                        // Report days expire after 28 days: a staff problem must not cost them. Known people still match.
                        var failure = AsKnown(e, "reading staff from /users/delta", "/users/delta");
                        summary.Failures.Add(new SyncFailure("Staff", failure));
                        reporter.Warning("Staff was not synced: " + failure.Message);
                    }
                }

                if (plan.Training != null)
                {
                    await SyncTrainingAsync(session, store, plan.Training, request, summary, reporter, cancellationToken).ConfigureAwait(false);
                }
                else if (!request.SkipTraining)
                {
                    summary.Skipped.Add(new SyncSkip("Training", "No training source yet: give -TrainingSource once (VivaLearning, or SharePointList with -SiteId, -ListId and -ColumnMap); later syncs remember it."));
                }

                await SyncActivityAsync(session, store, request, plan, summary, reporter, cancellationToken).ConfigureAwait(false);

                summary.FinishedAt = DateTimeOffset.UtcNow;
                store.SetMetadata(LastSuccessKey, summary.FinishedAt.ToString("O", CultureInfo.InvariantCulture));
                store.FinishLog(logId, "Succeeded", Describe(summary));
                return summary;
            }
            catch (OperationCanceledException)
            {
                store.FinishLog(logId, "Cancelled", Describe(summary));
                throw;
            }
            catch (DbException e)
            {
                var failure = SocialStore.Failure(e, store.Path, "writing to");
                TryFinishLog(store, logId, "Failed", failure.Message);
                throw failure;
            }
            catch (Exception e)
            {
                TryFinishLog(store, logId, "Failed", e.Message);
                throw;
            }
        }

        /// <summary>Records how the sync ended, unless the store itself is what failed (a full disk).</summary>
        private static void TryFinishLog(SocialStore store, long logId, string outcome, string detail)
        {
            try
            {
                store.FinishLog(logId, outcome, detail);
            }
            catch (DbException)
            {
                // The failure being reported is the better message; the log entry stays "Running", which says the same.
            }
        }

        /// <summary>A failure of one step or day that the rest of the sync can survive.</summary>
        private static bool IsStepFailure(Exception e, CancellationToken cancellationToken)
        {
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            var known = GraphFailures.Translate(e, "syncing");
            if (known is SocialToolkitException failure)
            {
                // Whole-tenant conditions fail every later request the same way: stop and say so once.
                return failure.ErrorId != "ConcealedReportNames"
                    && failure.Kind != FailureKind.AuthenticationFailed
                    && failure.Kind != FailureKind.NotConnected
                    && !failure.ErrorId.StartsWith("Store", StringComparison.Ordinal);
            }

            return !(e is DbException);
        }

        /// <summary>A report request refused for want of a permission: every other day would be refused alike.</summary>
        private static bool IsDeniedForEveryDay(Exception e) =>
            GraphFailures.Translate(e, "syncing") is SocialToolkitException failure && failure.Kind == FailureKind.PermissionDenied;

        private static SocialToolkitException AsKnown(Exception e, string operation, string target) =>
            GraphFailures.Translate(e, operation) as SocialToolkitException
            ?? new SocialToolkitException("SyncStepFailed", FailureKind.InvalidOperation, $"{operation} failed: {e.GetType().Name}: {e.Message}", target, e);

        private static async Task SyncStaffAsync(GraphSession session, SocialStore store, SyncRequest request, SyncSummary summary, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            reporter.Progress(Activity, "Reading staff from /users/delta");
            var today = (request.Today ?? DateTime.UtcNow).Date;
            var link = request.FullStaffSync ? null : store.GetMetadata(StaffDeltaLinkKey);
            var delta = await StaffDeltaReader.ReadAsync(session, link, request.ReadOptions, reporter, cancellationToken).ConfigureAwait(false);
            summary.StaffReadMode = delta.Full ? "Full" : "Delta";
            var (people, notStaff) = StaffChanges.Apply(store.ReadPeople(), delta, request.IncludeGuests);
            summary.PeopleNotStaff = notStaff;
            var fileOwned = StaffAuthority.ReadFileOwned(store);
            var options = new PeopleWriteOptions
            {
                Source = "Graph",
                SeenOn = today,
                Overwrite = PersonFields.All & ~fileOwned,
                FillOnly = fileOwned,
            };
            var written = store.InTransaction(t =>
            {
                var result = store.UpsertPeople(people, options, t);

                // The link is stored with the changes it follows: a sync killed before this commit reads them again.
                store.SetMetadata(StaffDeltaLinkKey, delta.DeltaLink, t);
                return result;
            });
            summary.PeopleAdded = written.Added;
            summary.PeopleUpdated = written.Updated;
            summary.PeopleRefusedErased = written.RefusedErased;
            if (notStaff > 0)
            {
                summary.Skipped.Add(new SyncSkip("Guests", "guest accounts are not staff and are not stored without -IncludeGuests", notStaff));
            }

            if (written.RefusedErased > 0)
            {
                summary.Skipped.Add(new SyncSkip("Erased people", "on the store's erasure list (Remove-SocialStoreData -UserPrincipalName): never added back", written.RefusedErased));
            }

            reporter.Verbose(string.Format(CultureInfo.InvariantCulture, "Staff ({0}, {1} request(s)): {2} change(s) read, {3} added, {4} updated.", summary.StaffReadMode, delta.Requests, delta.Changes.Count, written.Added, written.Updated));
        }

        private static async Task SyncTrainingAsync(GraphSession session, SocialStore store, TrainingSource source, SyncRequest request, SyncSummary summary, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            reporter.Progress(Activity, "Reading training records from " + source);
            try
            {
                var learners = source.Kind == TrainingSource.VivaLearning
                    ? store.ReadPeople(includeDisabled: false).Where(p => !string.IsNullOrEmpty(p.Id)).Select(p => new Learner(p.Id, p.UserPrincipalName)).ToList()
                    : new List<Learner>();
                var records = await TrainingReader.ReadAsync(session, source, learners, null, request.ReadOptions, reporter, cancellationToken).ConfigureAwait(false);
                var (stored, skipped) = store.InTransaction(t =>
                {
                    var directory = store.LoadPersonDirectory(t);
                    var matched = new List<(long, TrainingRecord)>();
                    var unmatched = 0;
                    foreach (var record in records)
                    {
                        var id = directory.Find(record.UserPrincipalName);
                        if (id.HasValue)
                        {
                            matched.Add((id.Value, record));
                        }
                        else
                        {
                            unmatched++;
                        }
                    }

                    store.UpsertTraining(matched, t);
                    store.SetMetadata(TrainingSourceKey, source.Serialize(), t);
                    return (matched.Count, unmatched);
                });
                summary.TrainingSource = source.Kind;
                summary.TrainingRecordsStored = stored;
                summary.TrainingRecordsSkipped = skipped;
                if (skipped > 0)
                {
                    summary.Skipped.Add(new SyncSkip("Training records", "the person is not in the store", skipped));
                }
            }
            catch (Exception e) when (IsStepFailure(e, cancellationToken))
            {
                // Activity days expire after 28 days: a training problem must not cost them. Say it and go on.
                var failure = AsKnown(e, "reading training records from " + source, source.ToString());
                reporter.Warning("Training records were not synced: " + failure.Message);
                summary.Skipped.Add(new SyncSkip("Training", failure.Message));
                summary.Failures.Add(new SyncFailure("Training", failure));
            }
        }

        private static async Task SyncActivityAsync(GraphSession session, SocialStore store, SyncRequest request, SyncPlan plan, SyncSummary summary, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            if (plan.Days.Count == 0)
            {
                return;
            }

            var pacer = PacerFor(session, request);
            var directory = store.LoadPersonDirectory();
            if (directory.Count == 0)
            {
                reporter.Warning("The store holds no people: no report row can be matched, so no day will be covered.");
            }

            var exhausted = new HashSet<string>(StringComparer.Ordinal);
            var done = 0;
            foreach (var planned in plan.Days.OrderBy(d => d.Day).ThenBy(d => Array.IndexOf(ActivityReportReader.Workloads, d.Network)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var percent = 100 * done++ / plan.Days.Count;
                var result = new SyncDayResult { Network = planned.Network, Day = planned.Day };
                summary.Days.Add(result);
                if (exhausted.Contains(planned.Network))
                {
                    result.Outcome = SyncDayOutcomes.NotYetAvailable;
                    continue;
                }

                await pacer.WaitTurnAsync(reporter, Activity, planned.ToString(), cancellationToken).ConfigureAwait(false);
                reporter.Progress(Activity, "Fetching " + planned, percent);
                List<ReportedActivity> rows;
                try
                {
                    rows = await ActivityReportReader.ReadAsync(session, planned.Network, null, planned.Day, request.ReadOptions, reporter, cancellationToken).ConfigureAwait(false);
                }
                catch (SocialToolkitException e) when (e.ErrorId == "ReportDateOutOfRange")
                {
                    result.Outcome = SyncDayOutcomes.OutsideWindow;
                    summary.Skipped.Add(new SyncSkip(planned.ToString(), e.Message));
                    continue;
                }
                catch (Exception e) when (IsStepFailure(e, cancellationToken) && !IsDeniedForEveryDay(e))
                {
                    // One unreadable day must not block the others: it is recorded, stays uncovered and is tried again next time.
                    var report = ActivityReportReader.ReportName(planned.Network, null, planned.Day);
                    var failure = AsKnown(e, "downloading " + report, report);
                    result.Outcome = SyncDayOutcomes.Failed;
                    result.ErrorId = failure.ErrorId;
                    summary.Failures.Add(new SyncFailure(planned.ToString(), failure));
                    store.RecordDayFailure(planned.Network, planned.Day, failure.ErrorId, failure.Message);
                    reporter.Verbose(planned + " failed (" + failure.ErrorId + "); the next sync tries it again.");
                    continue;
                }

                result.ReportRows = rows.Count;
                if (rows.Count == 0)
                {
                    // Every licensed user has a row, active or not: an empty report means the day has not landed yet.
                    // Newer days will not have landed either; a later sync fetches them.
                    result.Outcome = SyncDayOutcomes.NotYetAvailable;
                    exhausted.Add(planned.Network);
                    summary.Skipped.Add(new SyncSkip(planned.ToString(), "The report has no rows yet (usage data lands 24 to 72 hours late); a later sync fetches it and newer days."));
                    continue;
                }

                var matched = new List<(long, ActivityDay)>(rows.Count);
                foreach (var row in rows)
                {
                    var id = directory.Find(row.UserPrincipalName);
                    if (id.HasValue)
                    {
                        matched.Add((id.Value, row.ToActivityDay(planned.Day)));
                    }
                    else
                    {
                        result.UnmatchedRows++;
                    }
                }

                if (matched.Count == 0)
                {
                    // Covered means stored: a day whose rows match nobody would read as a day of zero activity.
                    result.Outcome = SyncDayOutcomes.Unmatched;
                    var reason = string.Format(CultureInfo.InvariantCulture, "none of the report's {0} row(s) matches a person in the store; the day is not covered. Sync or import the staff, then sync again.", rows.Count);
                    summary.Skipped.Add(new SyncSkip(planned.ToString(), reason));
                    reporter.Warning(planned + ": " + reason);
                    continue;
                }

                result.RowsStored = store.InTransaction(t => store.ReplaceActivityDay(planned.Network, planned.Day, matched, "GraphReport", t));
                result.Outcome = SyncDayOutcomes.Stored;
                reporter.Verbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1} report rows, {2} stored, {3} unmatched.", planned, rows.Count, result.RowsStored, result.UnmatchedRows));
            }

            var unmatchedRows = summary.UnmatchedRows;
            if (unmatchedRows > 0)
            {
                summary.Skipped.Add(new SyncSkip("Report rows", "the user principal name matches nobody in the store (deleted or external accounts, or staff not synced)", unmatchedRows));
            }
        }

        /// <summary>One pacer per app and tenant in this process, so back-to-back syncs share the budget.</summary>
        private static ReportPacer PacerFor(GraphSession session, SyncRequest request)
        {
            var key = string.Join("|", session.Info.TenantId, session.Info.ClientId ?? string.Empty, session.Info.GraphEndpoint, request.ReportRequestsPerWindow.ToString(CultureInfo.InvariantCulture), request.PaceWindow.Ticks.ToString(CultureInfo.InvariantCulture));
            return Pacers.GetOrAdd(key, _ => new ReportPacer(request.ReportRequestsPerWindow, request.PaceWindow));
        }

        private static string Describe(SyncSummary summary) => string.Format(
            CultureInfo.InvariantCulture,
            "people +{0} ~{1}; training {2}; days {3}; rows {4}; unmatched {5}",
            summary.PeopleAdded,
            summary.PeopleUpdated,
            summary.TrainingRecordsStored,
            string.Join(", ", summary.DaysAdded.Select(d => d.Key + " " + d.Value.ToString(CultureInfo.InvariantCulture))),
            summary.RowsStored,
            summary.UnmatchedRows);
    }
}
