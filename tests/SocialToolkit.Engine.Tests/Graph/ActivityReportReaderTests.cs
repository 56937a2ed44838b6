using System.Text;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.FakeGraph;
using SocialToolkit.Graph.Reading;
using Xunit;

namespace SocialToolkit.Engine.Tests.Graph;

public sealed class ActivityReportReaderTests
{
    [Fact]
    public async Task Date_report_follows_the_302_and_parses_the_documented_Viva_Engage_columns()
    {
        await using var graph = await GraphFixture.StartAsync(users: 30);
        using var session = await graph.ConnectAsync();
        var day = GraphFixture.Today.AddDays(-5);

        var rows = await ActivityReportReader.ReadAsync(session, SocialNetworks.VivaEngage, null, day, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None);

        Assert.Equal(30, rows.Count);
        for (var i = 0; i < 30; i++)
        {
            var expected = graph.Reports.ActivityOf(i, day);
            var row = rows.Single(r => r.UserPrincipalName == graph.Server.Tenant.Users[i].UserPrincipalName);
            Assert.Equal((expected.Posted, expected.Read, expected.Liked, 0), (row.Posts, row.Reads, row.Reactions, row.Replies));
            Assert.Equal(day, row.Day);
            Assert.Equal(1, row.ReportPeriodDays);
            Assert.Equal(graph.Server.Tenant.Users[i].DisplayName, row.DisplayName);
        }

        Assert.Contains(graph.Server.Requests, r => r.PathAndQuery == $"/v1.0/reports/getYammerActivityUserDetail(date={day:yyyy-MM-dd})");
        var download = Assert.Single(graph.Server.Requests, r => r.PathAndQuery.StartsWith("/reports-download/", StringComparison.Ordinal));
        Assert.NotNull(download);
    }

    [Fact]
    public async Task Teams_period_report_sums_the_days_of_the_period()
    {
        await using var graph = await GraphFixture.StartAsync(users: 12);
        using var session = await graph.ConnectAsync();

        var rows = await ActivityReportReader.ReadAsync(session, SocialNetworks.Teams, "D7", null, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None);

        Assert.Equal(12, rows.Count);
        var days = Enumerable.Range(0, 7).Select(i => graph.Reports.LatestDataDay.AddDays(-i)).ToList();
        for (var i = 0; i < 12; i++)
        {
            var row = rows.Single(r => r.UserId == graph.Server.Tenant.Users[i].Id);
            Assert.Equal(days.Sum(d => graph.Reports.ActivityOf(i, d).PostMessages), row.Posts);
            Assert.Equal(days.Sum(d => graph.Reports.ActivityOf(i, d).ReplyMessages), row.Replies);
            Assert.Equal(days.Sum(d => graph.Reports.ActivityOf(i, d).TeamChat + graph.Reports.ActivityOf(i, d).PrivateChat), row.ChatMessages);
            Assert.Equal(7, row.ReportPeriodDays);
            Assert.Null(row.Day);
            Assert.Equal(graph.Reports.LatestDataDay, row.ReportRefreshDate);
        }
    }

    [Fact]
    public async Task Concealed_names_are_an_error_that_names_the_setting_and_where_to_change_it()
    {
        await using var graph = await GraphFixture.StartAsync(users: 10);
        using var session = await graph.ConnectAsync();
        graph.Reports.ConcealNames = true;

        var failure = await Assert.ThrowsAsync<SocialToolkitException>(() => ActivityReportReader.ReadAsync(session, SocialNetworks.VivaEngage, "D7", null, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None));

        Assert.Equal("ConcealedReportNames", failure.ErrorId);
        Assert.Contains("displayConcealedNames", failure.Message);
        Assert.Contains("Settings > Org settings > Services > Reports", failure.Message);
        Assert.Contains("PATCH /admin/reportSettings", failure.Message);
        Assert.Contains("10 of 10 rows", failure.Message);

        // The admin turns the setting off through Graph; the same report now reads.
        await session.Client.Admin.ReportSettings.PatchAsync(new Microsoft.Graph.Models.AdminReportSettings { DisplayConcealedNames = false });
        Assert.False(graph.Reports.ConcealNames);
        var rows = await ActivityReportReader.ReadAsync(session, SocialNetworks.VivaEngage, "D7", null, GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None);
        Assert.Equal(10, rows.Count);
    }

    [Fact]
    public async Task A_date_outside_the_last_28_days_is_refused_with_a_clear_error()
    {
        await using var graph = await GraphFixture.StartAsync(users: 2);
        using var session = await graph.ConnectAsync();

        var failure = await Assert.ThrowsAsync<SocialToolkitException>(() => ActivityReportReader.ReadAsync(session, SocialNetworks.Teams, null, GraphFixture.Today.AddDays(-40), GraphFixture.FastRetries, SilentReporter.Instance, CancellationToken.None));

        Assert.Equal("ReportDateOutOfRange", failure.ErrorId);
        Assert.Contains("28 days", failure.Message);
    }

    [Fact]
    public void Csv_with_a_missing_column_names_it()
    {
        var csv = "\uFEFFReport Refresh Date,User Principal Name,Posted Count,Read Count\r\n2026-11-28,a@x.test,1,2\r\n";
        var failure = Assert.Throws<SocialToolkitException>(() => UsageReportCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), SocialNetworks.VivaEngage, null, "test"));
        Assert.Equal("UsageReportUnreadable", failure.ErrorId);
        Assert.Contains("'Liked Count'", failure.Message);
    }

    [Fact]
    public void Csv_with_a_bad_number_names_the_column_and_line()
    {
        var csv = "Report Refresh Date,User Principal Name,Posted Count,Read Count,Liked Count\r\n2026-11-28,a@x.test,1,2,3\r\n2026-11-28,b@x.test,x,2,3\r\n";
        var failure = Assert.Throws<SocialToolkitException>(() => UsageReportCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), SocialNetworks.VivaEngage, null, "test"));
        Assert.Contains("'Posted Count' on line 3", failure.Message);
    }
}
