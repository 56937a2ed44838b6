using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.FakeGraph;
using SocialToolkit.Graph.Reading;
using Xunit;

namespace SocialToolkit.Engine.Tests.Graph;

public sealed class TrainingReaderTests
{
    private static List<Learner> Learners(GraphFixture graph) => graph.Server.Tenant.Users.Select(u => new Learner(u.Id, u.UserPrincipalName)).ToList();

    [Fact]
    public async Task Viva_Learning_reads_course_activities_in_batches_with_titles_from_learning_contents()
    {
        await using var graph = await GraphFixture.StartAsync(users: 45);
        graph.Learning.WithGenerated(graph.Server.Tenant, courses: 5);
        using var session = await graph.ConnectAsync(delegated: true);

        var records = await TrainingReader.ReadAsync(session, TrainingSource.Create("VivaLearning", null, null, null), Learners(graph), null, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None);

        Assert.Equal(graph.Learning.Activities.Count, records.Count);
        Assert.Equal(15, records.Count);
        var first = records.Single(r => r.UserPrincipalName == "user000000@contoso.test");
        Assert.Equal(("prov-0-course-0", "Speaking on social networks, part 1", "LinkedIn Learning", TrainingStatus.Completed), (first.CourseId, first.CourseTitle, first.Provider, first.Status));
        Assert.Equal((new DateTime(2026, 10, 1), 100, new DateTime(2026, 9, 1)), (first.CompletedDate!.Value, first.CompletionPercentage!.Value, first.AssignedDate!.Value));
        Assert.Equal(TrainingStatus.InProgress, records.Single(r => r.UserPrincipalName == "user000003@contoso.test").Status);
        Assert.All(records, r => Assert.StartsWith("Speaking on social networks", r.CourseTitle));
        Assert.Equal(3, graph.Batch.Batches);

        // learningContents came page by page (3 per page, 5 courses).
        Assert.Equal(2, graph.Server.Requests.Count(r => r.PathAndQuery.Contains("/learningContents", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_provider_that_is_not_enabled_is_a_clear_error_naming_it()
    {
        await using var graph = await GraphFixture.StartAsync(users: 6);
        graph.Learning.WithGenerated(graph.Server.Tenant, enabled: false);
        using var session = await graph.ConnectAsync(delegated: true);

        var failure = await Assert.ThrowsAsync<SocialToolkitException>(() => TrainingReader.ReadAsync(session, TrainingSource.Create("VivaLearning", null, null, null), Learners(graph), null, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None));

        Assert.Equal("LearningProviderNotEnabled", failure.ErrorId);
        Assert.Equal(FailureKind.NotEnabled, failure.Kind);
        Assert.Contains("'LinkedIn Learning' is not enabled", failure.Message);
    }

    [Fact]
    public async Task A_disabled_provider_next_to_an_enabled_one_is_a_warning()
    {
        await using var graph = await GraphFixture.StartAsync(users: 6);
        graph.Learning.WithGenerated(graph.Server.Tenant).WithGenerated(graph.Server.Tenant, providerName: "Old LMS", enabled: false);
        using var session = await graph.ConnectAsync(delegated: true);
        var reporter = new RecordingReporter();

        var records = await TrainingReader.ReadAsync(session, TrainingSource.Create("VivaLearning", null, null, null), Learners(graph), null, GraphFixture.FastRetries, reporter, CancellationToken.None);

        Assert.NotEmpty(records);
        Assert.Contains(reporter.Warnings, w => w.Contains("'Old LMS' is not enabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task App_only_session_is_refused_before_any_course_activity_request()
    {
        await using var graph = await GraphFixture.StartAsync(users: 6);
        graph.Learning.WithGenerated(graph.Server.Tenant);
        using var session = await graph.ConnectAsync(delegated: false);

        var failure = await Assert.ThrowsAsync<SocialToolkitException>(() => TrainingReader.ReadAsync(session, TrainingSource.Create("VivaLearning", null, null, null), Learners(graph), null, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None));

        Assert.Equal("VivaLearningNeedsDelegatedSignIn", failure.ErrorId);
        Assert.Contains("delegated", failure.Message);
        Assert.Contains("-DeviceCode", failure.RecommendedAction);
        Assert.DoesNotContain(graph.Server.Requests, r => r.PathAndQuery.Contains("learningCourseActivities", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_fake_itself_refuses_course_activities_to_app_only_tokens()
    {
        await using var graph = await GraphFixture.StartAsync(users: 2);
        using var session = await graph.ConnectAsync(delegated: false);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => session.Client.Users[graph.Server.Tenant.Users[0].Id].EmployeeExperience.LearningCourseActivities.GetAsync());
        Assert.Contains("403", SocialToolkit.Graph.Connection.GraphFailures.Translate(failure, "test").Message);
    }

    [Fact]
    public async Task SharePoint_list_is_read_page_by_page_through_the_column_map()
    {
        await using var graph = await GraphFixture.StartAsync(users: 3);
        var list = new FakeList { ListId = "training-list" };
        for (var i = 0; i < 120; i++)
        {
            list.Items.Add(new Dictionary<string, object?>
            {
                ["Title"] = $"row {i}",
                ["Employee"] = $"user{i:D6}@contoso.test",
                ["Course"] = i % 2 == 0 ? "SOC-101" : "SOC-201",
                ["CourseName"] = i % 2 == 0 ? "Social basics" : "Answering criticism",
                ["State"] = i % 3 == 0 ? "Completed" : i % 3 == 1 ? "In progress" : "Not started",
                ["Done"] = i % 3 == 0 ? new DateTime(2026, 10, 5) : null,
                ["Percent"] = i % 3 == 0 ? 100 : 30.5,
            });
        }

        list.Items.Add(new Dictionary<string, object?> { ["Title"] = "blank row" });
        graph.Lists.Lists.Add(list);
        using var session = await graph.ConnectAsync();
        var map = new Dictionary<string, string> { ["UserPrincipalName"] = "Employee", ["CourseId"] = "Course", ["CourseTitle"] = "CourseName", ["Status"] = "State", ["CompletedDate"] = "Done", ["CompletionPercentage"] = "Percent" };
        var reporter = new RecordingReporter();

        var records = await TrainingReader.ReadAsync(session, TrainingSource.Create("SharePointList", list.SiteId, list.ListId, map), Array.Empty<Learner>(), null, GraphFixture.FastRetries, reporter, CancellationToken.None);

        Assert.Equal(120, records.Count);
        Assert.Equal(3, graph.Server.Requests.Count(r => r.PathAndQuery.Contains("/items", StringComparison.Ordinal)));
        var zero = records.Single(r => r.UserPrincipalName == "user000000@contoso.test");
        Assert.Equal(("SOC-101", "Social basics", TrainingStatus.Completed, new DateTime(2026, 10, 5), 100, "SharePointList"), (zero.CourseId, zero.CourseTitle, zero.Status, zero.CompletedDate!.Value, zero.CompletionPercentage!.Value, zero.Source));
        var one = records.Single(r => r.UserPrincipalName == "user000001@contoso.test");
        Assert.Equal((TrainingStatus.InProgress, (DateTime?)null, 31), (one.Status, one.CompletedDate, one.CompletionPercentage!.Value));
        Assert.Contains(reporter.Warnings, w => w.Contains("1 item(s)", StringComparison.Ordinal) && w.Contains("'Employee'", StringComparison.Ordinal));

        var filtered = await TrainingReader.ReadAsync(session, TrainingSource.Create("SharePointList", list.SiteId, list.ListId, map), Array.Empty<Learner>(), new[] { "USER000002@contoso.test" }, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None);
        Assert.Equal("user000002@contoso.test", Assert.Single(filtered).UserPrincipalName);
    }

    [Fact]
    public async Task A_bad_status_in_the_list_names_the_item_and_column()
    {
        await using var graph = await GraphFixture.StartAsync(users: 1);
        var list = new FakeList { ListId = "bad" };
        list.Items.Add(new Dictionary<string, object?> { ["UserPrincipalName"] = "user000000@contoso.test", ["CourseId"] = "C1", ["Etat"] = "Maybe" });
        graph.Lists.Lists.Add(list);
        using var session = await graph.ConnectAsync();

        var failure = await Assert.ThrowsAsync<SocialToolkitException>(() => TrainingReader.ReadAsync(session, TrainingSource.Create("SharePointList", list.SiteId, list.ListId, new Dictionary<string, string> { ["status"] = "Etat" }), Array.Empty<Learner>(), null, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None));

        Assert.Contains("item 1", failure.Message);
        Assert.Contains("'Etat' (Status)", failure.Message);
        Assert.Contains("'Maybe'", failure.Message);
    }

    [Fact]
    public void Column_map_with_an_unknown_field_names_it()
    {
        var failure = Assert.Throws<SocialToolkitException>(() => TrainingSource.Create("SharePointList", "site", "list", new Dictionary<string, string> { ["Grade"] = "Score" }));
        Assert.Equal("UnknownColumnMapField", failure.ErrorId);
        Assert.Contains("'Grade'", failure.Message);
    }
}
