using SocialToolkit.Core.Operations;
using SocialToolkit.FakeGraph;
using SocialToolkit.Graph.Reading;
using Xunit;

namespace SocialToolkit.Engine.Tests.Graph;

public sealed class StaffReaderTests
{
    [Fact]
    public async Task Reads_2500_users_in_pages_of_999_with_select_and_resolves_managers_without_expand()
    {
        await using var graph = await GraphFixture.StartAsync(users: 2500);
        using var session = await graph.ConnectAsync();

        var people = await StaffReader.ReadAsync(session, new StaffQuery { IncludeDisabled = true }, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None);

        Assert.Equal(2500, people.Count);
        Assert.Equal(2500, people.Select(p => p.UserPrincipalName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var pages = graph.Server.Requests.Where(r => r.PathAndQuery.StartsWith("/v1.0/users?", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Contains("$top=999", p.PathAndQuery, StringComparison.Ordinal));
        Assert.All(pages, p => Assert.Contains("$select=", p.PathAndQuery, StringComparison.Ordinal));
        Assert.DoesNotContain(graph.Server.Requests, r => r.PathAndQuery.Contains("$expand", StringComparison.OrdinalIgnoreCase));

        // Managers come from $batch, 20 lookups per batch.
        Assert.Equal(125, graph.Batch.Batches);
        var managerSteps = graph.Server.Requests.Where(r => r.PathAndQuery.EndsWith("/manager?$select=id,userPrincipalName", StringComparison.Ordinal)).ToList();
        Assert.Equal(2500, managerSteps.Count);
        var p11 = people.Single(p => p.UserPrincipalName == "user000011@contoso.test");
        Assert.Equal(("00000000-0000-0000-0000-000000000010", "user000010@contoso.test"), (p11.ManagerId, p11.ManagerUserPrincipalName));
        var top = people.Single(p => p.UserPrincipalName == "user000010@contoso.test");
        Assert.Null(top.ManagerId);
        Assert.Equal(("Sales", "Manager", "Paris", "France"), (top.Department, top.JobTitle, top.OfficeLocation, top.Country));
        Assert.Equal(new DateTime(2015, 11, 1), top.HireDate);
    }

    [Fact]
    public async Task Department_filter_and_disabled_accounts()
    {
        await using var graph = await GraphFixture.StartAsync(users: 100, disabledEvery: 4);
        using var session = await graph.ConnectAsync();

        var enabledSales = await StaffReader.ReadAsync(session, new StaffQuery { Department = "Sales" }, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None);
        var allSales = await StaffReader.ReadAsync(session, new StaffQuery { Department = "Sales", IncludeDisabled = true, IncludeManager = false }, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None);

        var expectedAll = graph.Server.Tenant.Users.Where(u => u.Department == "Sales").ToList();
        Assert.Equal(expectedAll.Count, allSales.Count);
        Assert.Equal(expectedAll.Count(u => u.AccountEnabled), enabledSales.Count);
        Assert.All(enabledSales, p => Assert.True(p.Enabled && p.Department == "Sales"));
        Assert.Contains(allSales, p => !p.Enabled);
        Assert.Contains(graph.Server.Requests, r => r.PathAndQuery.Contains("$filter=department eq 'Sales' and accountEnabled eq true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttled_batch_steps_are_retried_alone_after_Retry_After()
    {
        await using var graph = await GraphFixture.StartAsync(users: 45);
        using var session = await graph.ConnectAsync();
        graph.Server.Faults.Add(FaultKind.Throttle, firstCount: 3, pathContains: "/manager", retryAfterSeconds: 1);
        graph.Server.Faults.Add(FaultKind.Unavailable, firstCount: 2, pathContains: "/users/00000000-0000-0000-0000-000000000044/manager");
        var reporter = new RecordingReporter();

        var people = await StaffReader.ReadAsync(session, new StaffQuery(), GraphFixture.FastRetries, reporter, CancellationToken.None);

        Assert.Equal(3, graph.Server.Faults.Injected[FaultKind.Throttle]);
        Assert.Equal(2, graph.Server.Faults.Injected[FaultKind.Unavailable]);
        Assert.Equal(40, people.Count(p => p.ManagerId != null));

        // The batches answered 200: the retried steps are exactly the failed ones, each asked again.
        var managerSteps = graph.Server.Requests.Count(r => r.PathAndQuery.EndsWith("/manager?$select=id,userPrincipalName", StringComparison.Ordinal));
        Assert.Equal(45 + 3 + 2, managerSteps);
        Assert.Contains(reporter.Verbose, v => v.Contains("throttled or unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_of_more_than_20_requests_is_refused_by_the_fake_like_Graph()
    {
        await using var graph = await GraphFixture.StartAsync(users: 1);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GraphFixture.Token(graph.Server.Tenant.TenantId, false));
        graph.Server.RequiredBearerToken = GraphFixture.Token(graph.Server.Tenant.TenantId, false);
        var steps = string.Join(",", Enumerable.Range(1, 21).Select(i => $"{{\"id\":\"{i}\",\"method\":\"GET\",\"url\":\"/users\"}}"));
        var answer = await http.PostAsync(graph.Server.BaseUrl + "/$batch", new StringContent("{\"requests\":[" + steps + "]}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)answer.StatusCode);
        Assert.Contains("exceeds the limit", await answer.Content.ReadAsStringAsync());
    }
}
