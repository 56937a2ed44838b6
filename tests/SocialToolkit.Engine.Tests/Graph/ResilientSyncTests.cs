using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.FakeGraph;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Sync;
using Xunit;

namespace SocialToolkit.Engine.Tests.Graph;

/// <summary>
/// A sync that survives bad days, failed steps and hostile answers, and never records what it did not store. What it
/// stores or refuses runs on both backends; Graph's own misbehaviour (hostile links, huge Retry-After, malformed JSON, an
/// expired delta link), the plan's wording and a refused -SkipStaff that must not create a file run on the file only: the
/// store plays no part in them.
/// </summary>
public sealed class ResilientSyncTests
{
    private static SyncRequest Request(StoreLocation store, bool skipStaff = false, bool includeGuests = false) => new()
    {
        StorePath = store,
        Today = GraphFixture.Today,
        PaceWindow = TimeSpan.Zero,
        SkipStaff = skipStaff,
        SkipTraining = true,
        IncludeGuests = includeGuests,
        ReadOptions = GraphFixture.FastRetries,
    };

    private static Task<SyncSummary> SyncAsync(GraphSession session, SyncRequest request, IOperationReporter? reporter = null, CancellationToken cancellationToken = default) =>
        SocialSync.RunAsync(session, request, SocialSync.Plan(request), reporter ?? SilentReporter.Instance, cancellationToken);

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public async Task An_unreadable_day_is_recorded_and_skipped_later_days_are_stored_and_the_next_sync_tries_it_again(string backend)
    {
        using var target = StoreTarget.ForFirstUse(backend);
        await using var graph = await GraphFixture.StartAsync(users: 20);
        var bad = GraphFixture.Today.AddDays(-20);
        graph.Reports.PoisonedDays.Add(bad);
        using var session = await graph.ConnectAsync();
        var store = target.Location;

        var first = await SyncAsync(session, Request(store));

        // Every other day of both networks is stored; the bad day of each network failed with its own id and target.
        Assert.Equal(26, first.VivaEngageDaysAdded);
        Assert.Equal(26, first.TeamsDaysAdded);
        Assert.Equal(2, first.Failures.Count);
        var failure = first.Failures.First(f => f.What.StartsWith(SocialNetworks.VivaEngage, StringComparison.Ordinal));
        Assert.Equal("UsageReportUnreadable", failure.ErrorId);
        Assert.Equal(FailureKind.InvalidData, failure.Kind);
        Assert.Equal("getYammerActivityUserDetail(date=" + bad.ToString("yyyy-MM-dd") + ")", failure.Target);
        Assert.Contains("not-a-number", failure.Message, StringComparison.Ordinal);
        Assert.Contains(first.Days, d => d.Day == bad && d.Outcome == SyncDayOutcomes.Failed && d.ErrorId == "UsageReportUnreadable");
        using (var opened = SocialStore.Open(store))
        {
            Assert.DoesNotContain(opened.ReadCoverage(), c => c.Day == bad);
            Assert.Contains(opened.ReadCoverage(), c => c.Day == bad.AddDays(1));
            var recorded = opened.ReadDayFailures();
            Assert.Equal(2, recorded.Count);
            Assert.All(recorded, r => Assert.Equal((bad, "UsageReportUnreadable", 1), (r.Day, r.ErrorId, r.Attempts)));
        }

        var info = SocialToolkit.Data.Maintenance.StoreInspector.Read(store, SilentReporter.Instance, CancellationToken.None);
        Assert.Equal(2, info.FailedDays.Count);
        Assert.Contains("not-a-number", info.FailedDays[0].Reason, StringComparison.Ordinal);
        using (var opened = SocialStore.Open(store))
        {
            Assert.Equal("Succeeded", opened.ReadLog(1).Single().Outcome);
        }

        // The next sync plans only the failed days, and stores them once the report reads.
        var plan = SocialSync.Plan(Request(store));
        Assert.Equal(new[] { bad, bad }, plan.Days.Select(d => d.Day));
        graph.Reports.PoisonedDays.Clear();
        var second = await SyncAsync(session, Request(store));
        Assert.Equal((1, 1), (second.VivaEngageDaysAdded, second.TeamsDaysAdded));
        Assert.Empty(second.Failures);
        using (var opened = SocialStore.Open(store))
        {
            Assert.Contains(opened.ReadCoverage(), c => c.Day == bad);
            Assert.Empty(opened.ReadDayFailures());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public async Task A_failed_staff_step_is_a_failure_in_the_summary_and_the_days_are_still_stored_for_known_people(string backend)
    {
        using var target = StoreTarget.ForFirstUse(backend);
        await using var graph = await GraphFixture.StartAsync(users: 12);
        using var session = await graph.ConnectAsync();
        var store = target.Location;
        graph.Reports.DataLagDays = 4;
        await SyncAsync(session, Request(store));
        graph.Reports.DataLagDays = 2;
        graph.Server.Faults.Add(FaultKind.Unavailable, firstCount: 100, pathContains: "/users/delta");

        var summary = await SyncAsync(session, Request(store));

        var staff = Assert.Single(summary.Failures);
        Assert.Equal("Staff", staff.What);
        Assert.Equal("GraphServiceUnavailable", staff.ErrorId);
        Assert.Equal(FailureKind.ServiceUnavailable, staff.Kind);
        Assert.Equal(2, summary.VivaEngageDaysAdded);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public async Task Report_days_that_match_nobody_are_not_covered_and_say_why(string backend)
    {
        using var target = StoreTarget.ForFirstUse(backend);
        await using var graph = await GraphFixture.StartAsync(users: 10);
        using var session = await graph.ConnectAsync();
        var store = target.Location;
        using (var opened = SocialStore.Open(store))
        {
            opened.InTransaction(t => opened.UpsertPeople(new[] { new Person { Id = "x", UserPrincipalName = "someone@elsewhere.test", DisplayName = "Someone" } }, "File", t));
        }

        var reporter = new RecordingReporter();
        var summary = await SyncAsync(session, Request(store, skipStaff: true), reporter);

        Assert.Equal(0, summary.VivaEngageDaysAdded);
        Assert.All(summary.Days, d => Assert.Equal(SyncDayOutcomes.Unmatched, d.Outcome));
        Assert.Contains(reporter.Warnings, w => w.Contains("matches a person in the store; the day is not covered", StringComparison.Ordinal));
        using var check = SocialStore.Open(store);
        Assert.Empty(check.ReadCoverage());

        // A later full sync fetches those days again and stores them.
        var full = await SyncAsync(session, Request(store));
        Assert.Equal(27, full.VivaEngageDaysAdded);
    }

    [Fact]
    public async Task SkipStaff_on_a_store_without_people_is_refused_before_any_request()
    {
        using var temp = new TempDirectory();
        var store = temp.File("new.db");

        var failure = Assert.Throws<SocialToolkitException>(() => SocialSync.Plan(Request(store, skipStaff: true)));

        Assert.Equal("SyncNeedsStaff", failure.ErrorId);
        Assert.Equal(FailureKind.InvalidOperation, failure.Kind);
        Assert.Contains("-SkipStaff", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(store));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public async Task Guests_are_left_out_by_default_kept_with_IncludeGuests_and_leave_dates_and_kinds_are_stored(string backend)
    {
        using var membersStore = StoreTarget.ForFirstUse(backend);
        using var guestsStore = StoreTarget.ForFirstUse(backend);
        await using var graph = await GraphFixture.StartAsync(users: 10);
        var users = graph.Server.Tenant.Users;
        users[1].UserType = "Guest";
        users[2].UserPrincipalName = "partner_fabrikam.test#EXT#@contoso.test";
        users[3].EmployeeLeaveDateTime = new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero);
        using var session = await graph.ConnectAsync();

        var members = await SyncAsync(session, Request(membersStore.Location));
        var withGuests = await SyncAsync(session, Request(guestsStore.Location, includeGuests: true));

        Assert.Equal((8, 2), (members.PeopleAdded, members.PeopleNotStaff));
        Assert.Contains(members.Skipped, s => s.What == "Guests" && s.Count == 2);
        Assert.Equal(10, withGuests.PeopleAdded);
        using var opened = SocialStore.Open(guestsStore.Location);
        var people = opened.ReadReportPeople().ToDictionary(p => p.UserPrincipalName);
        Assert.Equal(StaffAccount.Guest, people[users[1].UserPrincipalName].UserType);
        Assert.Equal(StaffAccount.Guest, people[users[2].UserPrincipalName].UserType);
        Assert.Equal(new DateTime(2026, 10, 31), people[users[3].UserPrincipalName].LeaveDate);
        Assert.Equal(users[3].EmployeeHireDate!.Value.UtcDateTime.Date, people[users[3].UserPrincipalName].HireDate);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public async Task The_daily_staff_sync_reads_only_changes_through_the_delta_link_and_keeps_history(string backend)
    {
        using var target = StoreTarget.ForFirstUse(backend);
        await using var graph = await GraphFixture.StartAsync(users: 450);
        var tenant = graph.Server.Tenant;
        using var session = await graph.ConnectAsync();
        var store = target.Location;
        var request = Request(store);
        request.Workloads = Array.Empty<string>();
        var first = await SyncAsync(session, request);
        Assert.Equal(("Full", 450), (first.StaffReadMode, first.PeopleAdded));

        tenant.Change(tenant.Users[5], u => u.Department = "Legal");
        tenant.Change(tenant.Users[7], u => u.ManagerId = tenant.Users[20].Id);
        tenant.RemoveUser(tenant.Users[9]);
        var before = graph.Server.Requests.Count;
        request.Today = GraphFixture.Today.AddDays(1);
        var second = await SyncAsync(session, request);

        Assert.Equal("Delta", second.StaffReadMode);
        Assert.Equal((0, 3), (second.PeopleAdded, second.PeopleUpdated));
        Assert.Equal(1, graph.Server.Requests.Skip(before).Count(r => r.PathAndQuery.Contains("/users/delta", StringComparison.Ordinal)));
        using (var opened = SocialStore.Open(store))
        {
            var history = opened.ReadPersonHistory("user000005@contoso.test").Where(h => h.Field == "Department").ToList();
            Assert.Equal(new[] { ("Sales", GraphFixture.Today), ("Legal", GraphFixture.Today.AddDays(1)) }, history.Select(h => (h.Value ?? string.Empty, h.SeenFrom)));
            var manager = opened.ReadPersonHistory("user000007@contoso.test").Where(h => h.Field == "Manager").Select(h => h.Value).ToList();
            Assert.Equal(new[] { "user000000@contoso.test", "user000020@contoso.test" }, manager);
            var removed = opened.ReadPeople().Single(p => p.UserPrincipalName == "user000009@contoso.test");
            Assert.False(removed.Enabled);
            Assert.Equal((GraphFixture.Today, GraphFixture.Today.AddDays(1)), opened.ReadListedDays("user000005@contoso.test"));
        }

        // The same round applied twice changes nothing (Graph may send a change again).
        var third = await SyncAsync(session, request);
        Assert.Equal((0, 0), (third.PeopleAdded, third.PeopleUpdated));
    }

    [Fact]
    public async Task An_expired_delta_link_gives_a_full_resync_with_a_warning()
    {
        using var target = StoreTarget.ForFirstUse(StoreTarget.Sqlite);
        await using var graph = await GraphFixture.StartAsync(users: 30);
        using var session = await graph.ConnectAsync();
        var request = Request(target.Location);
        request.Workloads = Array.Empty<string>();
        await SyncAsync(session, request);
        graph.Server.Tenant.DeltaTokensExpired = true;
        graph.Server.Tenant.Change(graph.Server.Tenant.Users[0], u => u.Country = "Belgium");

        var reporter = new RecordingReporter();
        var resync = await SyncAsync(session, request, reporter);

        Assert.Equal("Full", resync.StaffReadMode);
        Assert.Equal((0, 1), (resync.PeopleAdded, resync.PeopleUpdated));
        Assert.Contains(reporter.Warnings, w => w.Contains("410", StringComparison.Ordinal) && w.Contains("reading every user again", StringComparison.Ordinal));
        Assert.Empty(resync.Failures);
    }

    [Theory]
    [InlineData("other-port", "GraphLinkRefused")]
    [InlineData("repeat", "GraphLinkRepeated")]
    public async Task A_hostile_next_link_is_not_followed_and_the_token_does_not_leave_the_endpoint(string kind, string errorId)
    {
        using var temp = new TempDirectory();
        await using var graph = await GraphFixture.StartAsync(users: 30);
        await using var other = await FakeGraphServer.StartAsync();
        var tenant = graph.Server.Tenant;
        tenant.DeltaPageSize = 10;
        tenant.HostileNextLink = kind == "other-port"
            ? other.BaseUrl + "/users/delta()?$skiptoken=10-0"
            : graph.Server.BaseUrl + "/users/delta()?$select=id&$skiptoken=0-0";
        using var session = await graph.ConnectAsync();
        var request = Request(temp.File("s.db"));
        request.Workloads = Array.Empty<string>();

        var summary = await SyncAsync(session, request);

        var failure = Assert.Single(summary.Failures);
        Assert.Equal(errorId, failure.ErrorId);
        Assert.Equal(FailureKind.InvalidData, failure.Kind);
        Assert.DoesNotContain("skiptoken", failure.Message, StringComparison.Ordinal);
        Assert.Empty(other.Requests);
        Assert.True(graph.Server.Requests.Count(r => r.PathAndQuery.Contains("/users/delta", StringComparison.Ordinal)) <= 2);
    }

    [Fact]
    public async Task The_plan_says_how_many_requests_and_how_long_before_any_wait()
    {
        using var temp = new TempDirectory();
        var request = Request(temp.File("none.db"));
        request.PaceWindow = ReportPacer.GraphWindow;
        var plan = SocialSync.Plan(request);

        Assert.Equal("Plan: staff from /users/delta; 27 report days × 2 networks = 54 requests; at 14 per 10 min this takes about 30 minutes.", plan.Describe());
        Assert.Equal(TimeSpan.FromMinutes(30), plan.ExpectedReportDuration);

        await using var graph = await GraphFixture.StartAsync(users: 5);
        using var session = await graph.ConnectAsync();
        var fast = Request(temp.File("s.db"));
        var reporter = new RecordingReporter();
        var summary = await SyncAsync(session, fast, reporter);
        Assert.Equal("Plan: staff from /users/delta; 27 report days × 2 networks = 54 requests; pacing is off.", Assert.Single(reporter.Notices));
        Assert.Equal(reporter.Notices[0], summary.PlanDescription);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public async Task A_second_sync_on_the_same_store_stops_with_a_clear_message(string backend)
    {
        using var target = StoreTarget.ForFirstUse(backend);
        await using var graph = await GraphFixture.StartAsync(users: 5);
        graph.Reports.DownloadLatency = TimeSpan.FromMilliseconds(300);
        using var session = await graph.ConnectAsync();
        var store = target.Location;
        using (var opened = SocialStore.Open(store))
        {
        }

        // The first sync takes its lock before its first request; once the second was refused, it is stopped (Ctrl+C).
        using var stop = new CancellationTokenSource();
        var first = SyncAsync(session, Request(store), cancellationToken: stop.Token);
        SyncSummary? second = null;
        SocialToolkitException? refused = null;
        for (var attempt = 0; attempt < 200 && refused == null && !first.IsCompleted; attempt++)
        {
            await Task.Delay(20);
            try
            {
                second = await SyncAsync(session, Request(store));
            }
            catch (SocialToolkitException e)
            {
                refused = e;
            }
        }

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.NotNull(refused);
        Assert.Equal("SyncAlreadyRunning", refused!.ErrorId);
        Assert.Contains("Another Sync-SocialData is running", refused.Message, StringComparison.Ordinal);

        // The stopped sync let go of the store: the next one may run.
        using var next = SocialStore.Open(store);
        next.LockForSync().Dispose();
    }

    [Fact]
    public async Task A_huge_Retry_After_is_capped_and_said_and_exhausted_throttling_has_its_own_id()
    {
        using var temp = new TempDirectory();
        await using var graph = await GraphFixture.StartAsync(users: 5);
        graph.Server.Faults.Add(FaultKind.Throttle, firstCount: 100, pathContains: "/users/delta", retryAfterSeconds: 100000);
        using var session = await graph.ConnectAsync();
        var request = Request(temp.File("s.db"));
        request.Workloads = Array.Empty<string>();
        request.ReadOptions = new SocialToolkit.Graph.Reading.GraphReadOptions { RetryDelaySeconds = 0, MaxRetries = 1, ConnectionAttempts = 2, ConnectionBackoff = TimeSpan.FromMilliseconds(10), MaxRetryAfter = TimeSpan.FromMilliseconds(200) };
        var reporter = new RecordingReporter();

        var summary = await SyncAsync(session, request, reporter);

        Assert.Contains(reporter.Warnings, w => w.Contains("asked to wait 100000 s (Retry-After); waiting 0 s", StringComparison.Ordinal));
        var failure = Assert.Single(summary.Failures);
        Assert.Equal(("GraphThrottled", FailureKind.Throttled), (failure.ErrorId, failure.Kind));
        Assert.Contains("Still throttled after 2 attempt(s)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_JSON_from_Graph_is_its_own_failure_naming_the_request()
    {
        using var temp = new TempDirectory();
        await using var graph = await GraphFixture.StartAsync(users: 5);
        graph.Server.Faults.Add(FaultKind.Malformed, firstCount: 100, pathContains: "/users/delta");
        using var session = await graph.ConnectAsync();
        var request = Request(temp.File("s.db"));
        request.Workloads = Array.Empty<string>();

        var summary = await SyncAsync(session, request);

        var failure = Assert.Single(summary.Failures);
        Assert.Equal(("GraphMalformedAnswer", FailureKind.InvalidData, (object?)"/users/delta"), (failure.ErrorId, failure.Kind, failure.Target));
        Assert.Contains("is not valid JSON", failure.Message, StringComparison.Ordinal);
    }
}
