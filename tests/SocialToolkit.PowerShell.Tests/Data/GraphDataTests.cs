using System.Management.Automation;
using System.Text;
using SocialToolkit.FakeGraph;
using SocialToolkit.PowerShell.Tests.Connection;
using SocialToolkit.PowerShell.Tests.Hosting;
using Xunit;

namespace SocialToolkit.PowerShell.Tests.Data;

public sealed class GraphDataTests
{
    private sealed class Graph : IAsyncDisposable
    {
        public required FakeGraphServer Server { get; init; }
        public required ReportsFeature Reports { get; init; }
        public required LearningFeature Learning { get; init; }
        public required ListsFeature Lists { get; init; }

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }

    private static async Task<Graph> StartAsync(int users = 20)
    {
        var reports = new ReportsFeature();
        var learning = new LearningFeature();
        var lists = new ListsFeature();
        var server = await FakeGraphServer.StartAsync(new FakeTenant().WithGeneratedUsers(users, disabledEvery: 5), reports, learning, lists, new BatchFeature());
        return new Graph { Server = server, Reports = reports, Learning = learning, Lists = lists };
    }

    private static string DelegatedToken(string tenantId)
    {
        static string Segment(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var payload = $"{{\"tid\":\"{tenantId}\",\"scp\":\"User.Read.All LearningContent.Read.All LearningAssignedCourse.Read.All\",\"exp\":{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}";
        return Segment("{\"alg\":\"none\"}") + "." + Segment(payload) + ".c2ln";
    }

    private static ModuleSession Connected(Graph graph, bool delegated = false)
    {
        var token = delegated ? DelegatedToken(graph.Server.Tenant.TenantId) : ConnectTests.FakeAccessToken(graph.Server.Tenant.TenantId, "User.Read.All", "Reports.Read.All", "Sites.Read.All");
        graph.Server.RequiredBearerToken = token;
        var session = new ModuleSession();
        session.Run(
            "Connect-SocialToolkit -AccessToken $token -GraphEndpoint $endpoint | Out-Null",
            new Dictionary<string, object?> { ["token"] = ConnectTests.Secure(token), ["endpoint"] = graph.Server.BaseUrl }).AssertNoErrors();
        return session;
    }

    private static string TempStore() => Path.Combine(Path.GetTempPath(), "socialtoolkit-ps-tests", Guid.NewGuid().ToString("N"), "store.db");

    [Fact]
    public async Task Get_SocialStaff_returns_people_with_managers_and_filters_by_department()
    {
        await using var graph = await StartAsync(users: 30);
        using var session = Connected(graph);

        var everyone = session.Run("Get-SocialStaff").AssertNoErrors().Output;
        var sales = session.Run("Get-SocialStaff -Department Sales -IncludeDisabled").AssertNoErrors().Output;

        Assert.Equal(graph.Server.Tenant.Users.Count(u => u.AccountEnabled), everyone.Count);
        Assert.Equal("SocialToolkit.Core.Model.Person", everyone[0].BaseObject.GetType().FullName);
        var eleven = everyone.Single(p => (string)p.Properties["UserPrincipalName"].Value == "user000011@contoso.test");
        Assert.Equal("user000010@contoso.test", eleven.Properties["ManagerUserPrincipalName"].Value);
        Assert.Equal(graph.Server.Tenant.Users.Count(u => u.Department == "Sales"), sales.Count);
        Assert.All(sales, p => Assert.Equal("Sales", p.Properties["Department"].Value));
    }

    [Fact]
    public async Task Staff_pipe_into_Get_SocialTrainingRecord_by_property_name()
    {
        await using var graph = await StartAsync(users: 10);
        var list = new FakeList { ListId = "training" };
        for (var i = 0; i < 10; i++)
        {
            list.Items.Add(new Dictionary<string, object?> { ["Employee"] = $"user{i:D6}@contoso.test", ["Code"] = "SOC-1", ["State"] = "Completed", ["On"] = "2026-10-01" });
        }

        graph.Lists.Lists.Add(list);
        using var session = Connected(graph);

        var result = session.Run(
            "Get-SocialStaff -Department Engineering | Get-SocialTrainingRecord -Source SharePointList -SiteId $site -ListId training -ColumnMap @{ UserPrincipalName = 'Employee'; CourseId = 'Code'; Status = 'State'; CompletedDate = 'On' }",
            new Dictionary<string, object?> { ["site"] = list.SiteId }).AssertNoErrors();

        var expected = graph.Server.Tenant.Users.Where(u => u.Department == "Engineering" && u.AccountEnabled).Select(u => u.UserPrincipalName).OrderBy(u => u).ToList();
        Assert.Equal(expected, result.Output.Select(o => (string)o.Properties["UserPrincipalName"].Value).OrderBy(u => u).ToList());
        Assert.All(result.Output, o => Assert.Equal("Completed", o.Properties["Status"].Value.ToString()));
    }

    [Fact]
    public async Task Viva_Learning_needs_a_delegated_session_and_an_enabled_provider()
    {
        await using var graph = await StartAsync(users: 6);
        graph.Learning.WithGenerated(graph.Server.Tenant, enabled: false);

        using (var appOnly = Connected(graph))
        {
            var error = Assert.Single(appOnly.Run("Get-SocialTrainingRecord -Source VivaLearning").Errors);
            Assert.StartsWith("VivaLearningNeedsDelegatedSignIn,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("-DeviceCode", error.ErrorDetails.RecommendedAction);
        }

        using var user = Connected(graph, delegated: true);
        var disabled = Assert.Single(user.Run("Get-SocialTrainingRecord -Source VivaLearning").Errors);
        Assert.StartsWith("LearningProviderNotEnabled,", disabled.FullyQualifiedErrorId);
        Assert.Contains("'LinkedIn Learning'", disabled.Exception.Message);

        graph.Learning.Providers[0].IsEnabled = true;
        var records = user.Run("Get-SocialTrainingRecord -Source VivaLearning").AssertNoErrors().Output;
        Assert.Equal(graph.Learning.Activities.Count, records.Count);
    }

    [Fact]
    public async Task Get_SocialActivity_with_concealed_names_is_the_ConcealedReportNames_error()
    {
        await using var graph = await StartAsync(users: 5);
        graph.Reports.ConcealNames = true;
        using var session = Connected(graph);

        var result = session.Run("$ErrorActionPreference = 'Stop'; Get-SocialActivity -Workload VivaEngage -Period D7");

        var error = ((IContainsErrorRecord)result.Terminating!).ErrorRecord;
        Assert.Equal("ConcealedReportNames,SocialToolkit.PowerShell.Commands.Data.GetSocialActivityCommand", error.FullyQualifiedErrorId);
        Assert.Contains("displayConcealedNames", error.Exception.Message);
        Assert.Contains("Microsoft 365 admin centre", error.ErrorDetails.RecommendedAction);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Get_SocialActivity_reads_a_day_or_a_period_but_not_both()
    {
        await using var graph = await StartAsync(users: 5);
        using var session = Connected(graph);

        var day = session.Run("Get-SocialActivity -Workload Teams -Date $day", new Dictionary<string, object?> { ["day"] = DateTime.UtcNow.Date.AddDays(-3) }).AssertNoErrors().Output;
        var both = session.Run("Get-SocialActivity").AssertNoErrors().Output;
        var conflict = session.Run("Get-SocialActivity -Period D30 -Date 2026-11-01");

        Assert.Equal(5, day.Count);
        Assert.All(day, r => Assert.Equal(DateTime.UtcNow.Date.AddDays(-3), r.Properties["Day"].Value));
        Assert.Equal(10, both.Count);
        Assert.Equal(7, both[0].Properties["ReportPeriodDays"].Value);
        Assert.Contains(Assert.Single(conflict.Errors).FullyQualifiedErrorId, new[] { "AmbiguousParameterSet,SocialToolkit.PowerShell.Commands.Data.GetSocialActivityCommand" });
    }

    [Fact]
    public async Task Sync_twice_adds_nothing_the_second_time()
    {
        await using var graph = await StartAsync(users: 15);
        graph.Reports.DataLagDays = 24;
        using var session = Connected(graph);
        var store = TempStore();

        var first = session.Run("Sync-SocialData -StorePath $store -PaceWindow 0", new Dictionary<string, object?> { ["store"] = store }).AssertNoErrors();
        var second = session.Run("Sync-SocialData -StorePath $store -PaceWindow 0").AssertNoErrors();

        var summary = Assert.Single(first.Output);
        Assert.Equal(15, summary.Properties["PeopleAdded"].Value);
        Assert.Equal(5, summary.Properties["VivaEngageDaysAdded"].Value);
        Assert.Equal(5, summary.Properties["TeamsDaysAdded"].Value);
        var again = Assert.Single(second.Output);
        Assert.Equal((0, 0, 0, 0), ((int)again.Properties["PeopleAdded"].Value, (int)again.Properties["PeopleUpdated"].Value, (int)again.Properties["VivaEngageDaysAdded"].Value, (int)again.Properties["TeamsDaysAdded"].Value));
        Directory.Delete(Path.GetDirectoryName(store)!, recursive: true);
    }

    [Fact]
    public async Task An_unreadable_day_is_a_non_terminating_error_and_the_summary_still_comes()
    {
        await using var graph = await StartAsync(users: 6);
        var bad = DateTime.UtcNow.Date.AddDays(-20);
        graph.Reports.PoisonedDays.Add(bad);
        using var session = Connected(graph);
        var store = TempStore();

        var result = session.Run("Sync-SocialData -StorePath $store -PaceWindow 0 -Workload VivaEngage", new Dictionary<string, object?> { ["store"] = store });

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("UsageReportUnreadable,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal("getYammerActivityUserDetail(date=" + bad.ToString("yyyy-MM-dd") + ")", error.TargetObject);
        var summary = Assert.Single(result.Output);
        Assert.Equal(26, summary.Properties["VivaEngageDaysAdded"].Value);

        var stopped = session.Run("Sync-SocialData -StorePath $store -PaceWindow 0 -Workload VivaEngage -ErrorAction Stop", new Dictionary<string, object?> { ["store"] = store });
        // -ErrorAction Stop makes the failed day end the command, as for any non-terminating error.
        var stop = Assert.IsAssignableFrom<IContainsErrorRecord>(stopped.Terminating);
        Assert.StartsWith("UsageReportUnreadable,", stop.ErrorRecord.FullyQualifiedErrorId, StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(store)!, recursive: true);
    }

    [Fact]
    public async Task Sync_WhatIf_lists_the_days_and_writes_nothing()
    {
        await using var graph = await StartAsync(users: 3);
        using var session = Connected(graph);
        var store = TempStore();

        var result = session.Run("Sync-SocialData -StorePath $store -Workload VivaEngage -WhatIf", new Dictionary<string, object?> { ["store"] = store }).AssertNoErrors();

        Assert.Empty(result.Output);
        Assert.False(File.Exists(store));
        var whatIf = session.Host.UI.Lines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
        Assert.Equal(27 + 1, whatIf.Count);
        Assert.Contains(whatIf, l => l.Contains("VivaEngage " + DateTime.UtcNow.Date.AddDays(-28).ToString("yyyy-MM-dd"), StringComparison.Ordinal));
        Assert.Contains(whatIf, l => l.Contains("/users", StringComparison.Ordinal));
        Assert.DoesNotContain(graph.Server.Requests, r => r.PathAndQuery.Contains("/reports/", StringComparison.Ordinal) || r.PathAndQuery.StartsWith("/v1.0/users", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_pacing_waits_and_shows_the_wait_in_the_progress_bar()
    {
        await using var graph = await StartAsync(users: 3);
        graph.Reports.DataLagDays = 25;
        using var session = Connected(graph);
        var store = TempStore();

        var result = session.Run("Sync-SocialData -StorePath $store -Workload VivaEngage -SkipTraining -ReportRequestsPerWindow 2 -PaceWindow 00:00:02", new Dictionary<string, object?> { ["store"] = store }).AssertNoErrors();

        Assert.Equal(4, Assert.Single(result.Output).Properties["VivaEngageDaysAdded"].Value);
        var waits = result.Progress.Where(p => p.StatusDescription.StartsWith("Waiting", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(waits);
        Assert.All(waits, w => Assert.InRange(w.SecondsRemaining, 1, 2));
        Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Completed);
        Directory.Delete(Path.GetDirectoryName(store)!, recursive: true);
    }
}
