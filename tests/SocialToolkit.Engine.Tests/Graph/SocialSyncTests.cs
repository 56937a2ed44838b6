using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.FakeGraph;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Reading;
using SocialToolkit.Graph.Sync;
using Xunit;

namespace SocialToolkit.Engine.Tests.Graph;

/// <summary>
/// Syncs against the fake Graph, on both backends. Surviving Graph's faults (429s, 503s, dropped connections, a training
/// source that refuses app-only access), pacing (the wait between report requests) and the plan of a store that does not
/// exist yet (a file that must not be created) are no matter of where the store lives: they run on the file.
/// </summary>
public sealed class SocialSyncTests
{
    private static SyncRequest Request(StoreLocation store, TrainingSource? training = null, GraphReadOptions? options = null) => new()
    {
        StorePath = store,
        Today = GraphFixture.Today,
        PaceWindow = TimeSpan.Zero,
        TrainingSource = training,
        ReadOptions = options ?? GraphFixture.FastRetries,
    };

    private static async Task<SyncSummary> SyncAsync(GraphSession session, SyncRequest request, IOperationReporter? reporter = null) =>
        await SocialSync.RunAsync(session, request, SocialSync.Plan(request), reporter ?? SilentReporter.Instance, CancellationToken.None);

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public async Task Sync_stores_staff_and_every_landed_day_and_a_second_run_adds_nothing(string backend)
    {
        using var target = StoreTarget.ForFirstUse(backend);
        await using var graph = await GraphFixture.StartAsync(users: 40, disabledEvery: 8);
        graph.Reports.UnknownUsers = 2;
        using var session = await graph.ConnectAsync();
        var store = target.Location;

        var first = await SyncAsync(session, Request(store));

        Assert.Equal((40, 0), (first.PeopleAdded, first.PeopleUpdated));
        // Days today-28 .. today-2 (27 per network) have landed.
        Assert.Equal(27, first.VivaEngageDaysAdded);
        Assert.Equal(27, first.TeamsDaysAdded);
        Assert.Equal(2 * 27 * 2, first.UnmatchedRows);
        Assert.Contains(first.Skipped, s => s.What == "Report rows" && s.Count == 108);
        Assert.Contains(first.Skipped, s => s.What == "Training" && s.Reason.Contains("-TrainingSource", StringComparison.Ordinal));
        var before = StoreSnapshot.Read(store);

        using (var opened = SocialStore.Open(store))
        {
            var expectedRows = Enumerable.Range(0, 40).Sum(i => graph.Reports.ActivityOf(i, GraphFixture.Today.AddDays(-10), graph.Server.Tenant.Users[i].AccountEnabled).AnyVivaEngage ? 1 : 0);
            var coverage = opened.ReadCoverage(SocialNetworks.VivaEngage).Single(c => c.Day == GraphFixture.Today.AddDays(-10));
            Assert.Equal(expectedRows, coverage.RowCount);
            var stored = opened.ReadActivity(GraphFixture.Today.AddDays(-10), GraphFixture.Today.AddDays(-10), SocialNetworks.VivaEngage).Single(a => a.UserPrincipalName == "user000003@contoso.test");
            var expected = graph.Reports.ActivityOf(3, GraphFixture.Today.AddDays(-10));
            Assert.Equal((expected.Posted, expected.Read, expected.Liked), (stored.Posts, stored.Reads, stored.Reactions));
            Assert.Equal("Succeeded", opened.ReadLog(1).Single().Outcome);
        }

        var reportRequests = graph.Reports.ReportRequests;
        var second = await SyncAsync(session, Request(store));

        Assert.Equal((0, 0, 0, 0), (second.PeopleAdded, second.PeopleUpdated, second.VivaEngageDaysAdded, second.TeamsDaysAdded));
        Assert.Empty(second.Days);
        Assert.Equal(reportRequests, graph.Reports.ReportRequests);
        Assert.Equal(before, StoreSnapshot.Read(store));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public async Task Days_that_have_not_landed_are_left_for_a_later_sync(string backend)
    {
        using var target = StoreTarget.ForFirstUse(backend);
        await using var graph = await GraphFixture.StartAsync(users: 10);
        graph.Reports.DataLagDays = 4;
        using var session = await graph.ConnectAsync();

        var summary = await SyncAsync(session, Request(target.Location));

        Assert.Equal(25, summary.VivaEngageDaysAdded);
        var waiting = summary.Days.Where(d => d.Outcome == SyncDayOutcomes.NotYetAvailable).ToList();
        Assert.Equal(4, waiting.Count);
        // One empty report per network is enough to know the newer days have not landed either.
        Assert.Equal(2 * 25 + 2, graph.Reports.ReportRequests);

        graph.Reports.DataLagDays = 2;
        var later = await SyncAsync(session, Request(target.Location));
        Assert.Equal((2, 2), (later.VivaEngageDaysAdded, later.TeamsDaysAdded));
    }

    [Fact]
    public async Task A_day_synced_through_429s_503s_and_dropped_connections_stores_exactly_what_a_fault_free_run_stores()
    {
        using var cleanStore = StoreTarget.ForFirstUse(StoreTarget.Sqlite);
        using var faultyStore = StoreTarget.ForFirstUse(StoreTarget.Sqlite);
        await using var clean = await GraphFixture.StartAsync(users: 60);
        await using var faulty = await GraphFixture.StartAsync(users: 60);
        clean.Reports.DataLagDays = faulty.Reports.DataLagDays = 24;
        using var cleanSession = await clean.ConnectAsync();
        using var faultySession = await faulty.ConnectAsync();
        faulty.Server.Faults
            .Add(FaultKind.Drop, firstCount: 1, pathContains: "/reports/")
            .Add(FaultKind.Drop, firstCount: 1, pathContains: "/reports-download/")
            .Add(FaultKind.Drop, firstCount: 1, pathContains: "/v1.0/users/delta")
            .Add(FaultKind.Throttle, fraction: 0.1, retryAfterSeconds: 1, seed: 11)
            .Add(FaultKind.Unavailable, fraction: 0.1, seed: 12);

        var reference = await SyncAsync(cleanSession, Request(cleanStore.Location));
        var reporter = new RecordingReporter();
        var survived = await SyncAsync(faultySession, Request(faultyStore.Location), reporter);

        Assert.Equal(3, faulty.Server.Faults.Injected[FaultKind.Drop]);
        Assert.True(faulty.Server.Faults.Injected.GetValueOrDefault(FaultKind.Throttle) > 0);
        Assert.True(faulty.Server.Faults.Injected.GetValueOrDefault(FaultKind.Unavailable) > 0);
        Assert.Equal(5, survived.VivaEngageDaysAdded);
        Assert.Equal(reference.RowsStored, survived.RowsStored);
        Assert.Equal(StoreSnapshot.Read(cleanStore.Location), StoreSnapshot.Read(faultyStore.Location));
        Assert.Contains(reporter.Verbose, v => v.Contains("HttpRequestException", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public async Task Concealed_names_stop_the_sync_with_the_setting_named_and_store_no_activity(string backend)
    {
        using var target = StoreTarget.ForFirstUse(backend);
        await using var graph = await GraphFixture.StartAsync(users: 10);
        graph.Reports.ConcealNames = true;
        using var session = await graph.ConnectAsync();
        var store = target.Location;

        var failure = await Assert.ThrowsAsync<SocialToolkitException>(() => SyncAsync(session, Request(store)));

        Assert.Equal("ConcealedReportNames", failure.ErrorId);
        Assert.Contains("displayConcealedNames", failure.Message);
        using var opened = SocialStore.Open(store);
        Assert.Empty(opened.ReadCoverage());
        Assert.Empty(opened.ReadActivity(DateTime.MinValue.AddYears(2000), DateTime.MaxValue.AddYears(-1)));
        Assert.Equal("Failed", opened.ReadLog(1).Single().Outcome);
        Assert.Equal(10, opened.ReadPeople().Count);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public async Task The_training_source_is_given_once_and_remembered(string backend)
    {
        using var target = StoreTarget.ForFirstUse(backend);
        await using var graph = await GraphFixture.StartAsync(users: 10);
        graph.Reports.DataLagDays = 27;
        var list = new FakeList { ListId = "t" };
        list.Items.Add(new Dictionary<string, object?> { ["Mail"] = "USER000001@contoso.test", ["Course"] = "SOC-101", ["Done"] = "2026-10-02" });
        list.Items.Add(new Dictionary<string, object?> { ["Mail"] = "stranger@elsewhere.test", ["Course"] = "SOC-101" });
        graph.Lists.Lists.Add(list);
        using var session = await graph.ConnectAsync();
        var store = target.Location;
        var source = TrainingSource.Create("SharePointList", list.SiteId, list.ListId, new Dictionary<string, string> { ["UserPrincipalName"] = "Mail", ["CourseId"] = "Course", ["CompletedDate"] = "Done" });

        var first = await SyncAsync(session, Request(store, source));
        Assert.Equal(("SharePointList", 1, 1), (first.TrainingSource, first.TrainingRecordsStored, first.TrainingRecordsSkipped));

        list.Items.Add(new Dictionary<string, object?> { ["Mail"] = "user000002@contoso.test", ["Course"] = "SOC-201", ["Done"] = "2026-10-03" });
        var plan = SocialSync.Plan(Request(store));
        Assert.True(plan.TrainingRemembered);
        var second = await SyncAsync(session, Request(store));
        Assert.Equal(("SharePointList", 2), (second.TrainingSource, second.TrainingRecordsStored));
        using var opened = SocialStore.Open(store);
        var training = opened.ReadTraining();
        Assert.Equal(2, training.Count);
        Assert.Equal((TrainingStatus.Completed, new DateTime(2026, 10, 2)), (training[0].Status, training[0].CompletedDate!.Value));
    }

    [Fact]
    public async Task Viva_Learning_failing_in_an_app_only_sync_is_a_warning_and_activity_is_still_stored()
    {
        using var target = StoreTarget.ForFirstUse(StoreTarget.Sqlite);
        await using var graph = await GraphFixture.StartAsync(users: 6);
        graph.Reports.DataLagDays = 27;
        graph.Learning.WithGenerated(graph.Server.Tenant);
        using var session = await graph.ConnectAsync(delegated: false);
        var reporter = new RecordingReporter();

        var summary = await SyncAsync(session, Request(target.Location, TrainingSource.Create("VivaLearning", null, null, null)), reporter);

        Assert.Contains(reporter.Warnings, w => w.Contains("delegated sign-in", StringComparison.Ordinal));
        Assert.Contains(summary.Skipped, s => s.What == "Training");
        Assert.Equal(2, summary.VivaEngageDaysAdded);
    }

    [Fact]
    public async Task Pacing_waits_between_report_requests_and_reports_the_wait()
    {
        using var temp = new TempDirectory();
        await using var graph = await GraphFixture.StartAsync(users: 5);
        graph.Reports.DataLagDays = 25;
        using var session = await graph.ConnectAsync();
        var reporter = new RecordingReporter();
        var request = Request(temp.File("s.db"));
        request.Workloads = new[] { SocialNetworks.VivaEngage };
        request.ReportRequestsPerWindow = 2;
        request.PaceWindow = TimeSpan.FromSeconds(2);

        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        var summary = await SyncAsync(session, request, reporter);
        elapsed.Stop();

        Assert.Equal(4, summary.VivaEngageDaysAdded);
        var waits = reporter.Progress.Where(p => p.Status.StartsWith("Waiting", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(waits);
        Assert.All(waits, w => Assert.InRange(w.SecondsRemaining, 1, 2));
        Assert.Contains(waits, w => w.Status.Contains("2 report requests per 2 s", StringComparison.Ordinal));

        // At least four report requests at 2 per 2 s: the third could not be sent before the first was 2 s old. A
        // lower bound on the whole run holds however loaded the machine is (load only adds time), unlike the gaps
        // between the server's arrival times, which a busy machine can squeeze.
        Assert.True(graph.Server.Requests.Count(r => r.PathAndQuery.StartsWith("/v1.0/reports/", StringComparison.Ordinal)) >= 4);
        Assert.True(elapsed.Elapsed >= TimeSpan.FromSeconds(2), $"the report requests took {elapsed.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task Plan_lists_missing_days_without_creating_the_store()
    {
        using var temp = new TempDirectory();
        var store = temp.File("absent.db");
        var plan = SocialSync.Plan(new SyncRequest { StorePath = store, Today = GraphFixture.Today, Workloads = new[] { SocialNetworks.Teams } });

        Assert.Equal(27, plan.Days.Count);
        Assert.Equal(GraphFixture.Today.AddDays(-28), plan.Days[0].Day);
        Assert.Equal(GraphFixture.Today.AddDays(-2), plan.Days[^1].Day);
        Assert.False(File.Exists(store));
        await Task.CompletedTask;
    }
}
