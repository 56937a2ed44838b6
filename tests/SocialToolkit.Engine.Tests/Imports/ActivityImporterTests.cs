using System.Globalization;
using ClosedXML.Excel;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Imports;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using Xunit;

namespace SocialToolkit.Engine.Tests.Imports;

/// <summary>
/// Activity imports. A report day stored with its coverage, a day that would lose stored rows (refused, then replaced with
/// -Replace), and a network export covering its days run on both backends. The rest (formats, dates, cultures, columns,
/// duplicate and unmatched rows, xlsx cells) is decided from the file and the people read from the store, by the same code
/// whatever the store, before anything is written: it runs on the file only.
/// </summary>
public sealed class ActivityImporterTests
{
    internal const string VivaEngageHeader = "Report Refresh Date,User Principal Name,Display Name,User State,State Change Date,Last Activity Date,Posted Count,Read Count,Liked Count,Assigned Products,Report Period";
    internal const string TeamsHeader = "Report Refresh Date,User Id,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Post Messages,Reply Messages,Urgent Messages,Report Period,Is Licensed";

    private static ActivityImportOptions Options(ImportFixture fixture, string path, string? network = null, CultureInfo? culture = null, System.Collections.IDictionary? map = null, bool requireAll = false) => new()
    {
        Path = path, StorePath = fixture.StorePath, Network = network, Culture = culture, ColumnMap = map, RequireAllMatched = requireAll,
    };

    private static Core.Store.ActivityImportSummary Import(ActivityImportOptions options, RecordingReporter? reporter = null)
    {
        reporter ??= new RecordingReporter();
        return ActivityImporter.Apply(ActivityImporter.Prepare(options, reporter, CancellationToken.None), reporter, CancellationToken.None);
    }

    private static SocialToolkitException Fails(ImportFixture fixture, ActivityImportOptions options) =>
        fixture.FailsLeavingStoreUnchanged(() => Import(options));

    private static List<ActivityDay> Activity(ImportFixture fixture)
    {
        using var store = SocialStore.Open(fixture.StorePath, createIfMissing: false);
        return store.ReadActivity(DateTime.MinValue, DateTime.MaxValue).ToList();
    }

    private static List<CoveredDay> Coverage(ImportFixture fixture)
    {
        using var store = SocialStore.Open(fixture.StorePath, createIfMissing: false);
        return store.ReadCoverage().ToList();
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_one_day_Viva_Engage_export_is_recognised_and_stored_on_its_refresh_date(string backend)
    {
        using var fixture = new ImportFixture(backend);
        var path = fixture.Write("YammerActivityUserDetail.csv", "\uFEFF" + VivaEngageHeader + "\n" +
            "2026-03-30,alice@contoso.test,Alice Martin,Active,,2026-03-30,3,12,4,Microsoft 365 E3,1\n" +
            "2026-03-30,Helene.Leroy@contoso.test,Hélène Leroy,Active,,2026-03-30,0,5,0,Microsoft 365 E3,1\n" +
            "2026-03-30,bob@contoso.test,Bob Durand,Active,,,0,0,0,Microsoft 365 E3,1\n" +
            "2026-03-30,stranger@contoso.test,Stranger,Active,,,1,0,0,Microsoft 365 E3,1\n");

        var summary = Import(Options(fixture, path));

        Assert.Equal((ActivityFileKinds.VivaEngageUserDetail, SocialNetworks.VivaEngage, 4, 3, 2, 1), (summary.Kind, summary.Network, summary.RowsRead, summary.PeopleMatched, summary.RowsStored, summary.DaysCovered));
        Assert.Equal(new DateTime(2026, 3, 30), summary.FirstDay);
        Assert.Equal((5, "stranger@contoso.test"), (summary.UnmatchedRows.Single().Row, summary.UnmatchedRows.Single().Value));
        var alice = Activity(fixture).Single(a => a.UserPrincipalName == "alice@contoso.test");
        Assert.Equal((3, 0, 4, 12, 0, "ReportFile"), (alice.Posts, alice.Replies, alice.Reactions, alice.Reads, alice.Shares, alice.Source));
        var day = Assert.Single(Coverage(fixture));
        Assert.Equal((SocialNetworks.VivaEngage, new DateTime(2026, 3, 30), "ReportFile", 2), (day.Network, day.Day, day.Source, day.RowCount));
    }

    [Fact]
    public void A_one_day_report_given_its_date_is_stored_on_that_day_as_the_sync_stores_it()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("YammerActivityUserDetail.csv", VivaEngageHeader + "\n" +
            "2026-03-30,alice@contoso.test,Alice Martin,Active,,2026-03-28,3,12,4,Microsoft 365 E3,1\n" +
            "2026-03-30,bob@contoso.test,Bob Durand,Active,,2026-03-28,1,0,0,Microsoft 365 E3,1\n");
        var options = Options(fixture, path);
        options.ReportDate = new DateTime(2026, 3, 28);

        var summary = Import(options);

        Assert.Equal(((DateTime?)new DateTime(2026, 3, 28), (DateTime?)new DateTime(2026, 3, 28)), (summary.FirstDay, summary.LastDay));
        Assert.All(Activity(fixture), a => Assert.Equal(new DateTime(2026, 3, 28), a.Day));
        Assert.Equal(new[] { new DateTime(2026, 3, 28) }, Coverage(fixture).Where(c => c.Network == SocialNetworks.VivaEngage).Select(c => c.Day));
    }

    [Fact]
    public void A_date_for_a_file_of_several_report_dates_or_in_the_future_is_refused()
    {
        using var fixture = new ImportFixture();
        var mixed = fixture.Write("mixed.csv", VivaEngageHeader + "\n" +
            "2026-03-30,alice@contoso.test,Alice Martin,Active,,,3,12,4,Microsoft 365 E3,1\n" +
            "2026-03-29,bob@contoso.test,Bob Durand,Active,,,1,0,0,Microsoft 365 E3,1\n");
        var options = Options(fixture, mixed);
        options.ReportDate = new DateTime(2026, 3, 28);
        Assert.Equal("ImportMixedReportDates", Fails(fixture, options).ErrorId);

        var single = fixture.Write("single.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,Alice Martin,Active,,,3,12,4,Microsoft 365 E3,1\n");
        options = Options(fixture, single);
        options.ReportDate = DateTime.UtcNow.Date.AddDays(2);
        var failure = Fails(fixture, options);
        Assert.Equal(("ImportFutureDate", "Date"), (failure.ErrorId, failure.Target as string));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_one_day_report_listing_fewer_people_is_refused_and_replaces_the_day_only_with_Replace(string backend)
    {
        using var fixture = new ImportFixture(backend);
        Import(Options(fixture, fixture.Write("a.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,A,Active,,,3,12,4,E3,1\n2026-03-30,bob@contoso.test,B,Active,,,1,0,0,E3,1\n")));
        var partial = fixture.Write("b.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,A,Active,,,5,12,4,E3,1\n");

        var failure = Fails(fixture, Options(fixture, partial));
        Assert.Equal(("ImportWouldRemoveActivity", FailureKind.InvalidOperation), (failure.ErrorId, failure.Kind));
        Assert.Contains("the file lists 1 known people for VivaEngage 2026-03-30, but the store holds activity that day for 2, 1 of whom the file does not list (such as bob@contoso.test)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, Activity(fixture).Count);

        var options = Options(fixture, partial);
        options.Replace = true;
        Import(options);
        var stored = Assert.Single(Activity(fixture));
        Assert.Equal(("alice@contoso.test", 5), (stored.UserPrincipalName, stored.Posts));
    }

    // The day a report replaces is the one it is stored on: with -Date, that day, not the file's refresh date.
    [Fact]
    public void A_report_given_its_date_that_lists_fewer_people_than_that_day_holds_is_refused()
    {
        using var fixture = new ImportFixture();
        var whole = Options(fixture, fixture.Write("a.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,A,Active,,,3,12,4,E3,1\n2026-03-30,bob@contoso.test,B,Active,,,1,0,0,E3,1\n"));
        whole.ReportDate = new DateTime(2026, 3, 28);
        Import(whole);
        var partial = Options(fixture, fixture.Write("b.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,A,Active,,,5,12,4,E3,1\n"));
        partial.ReportDate = new DateTime(2026, 3, 28);

        var failure = Fails(fixture, partial);

        Assert.Equal(("ImportWouldRemoveActivity", FailureKind.InvalidOperation), (failure.ErrorId, failure.Kind));
        Assert.Contains("for VivaEngage 2026-03-28, but the store holds activity that day for 2, 1 of whom the file does not list (such as bob@contoso.test)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { ("alice@contoso.test", 3), ("bob@contoso.test", 1) }, Activity(fixture).OrderBy(a => a.UserPrincipalName).Select(a => (a.UserPrincipalName, a.Posts)));
    }

    [Fact]
    public void A_complete_report_of_the_same_day_updates_it_without_Replace()
    {
        using var fixture = new ImportFixture();
        Import(Options(fixture, fixture.Write("a.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,A,Active,,,3,12,4,E3,1\n")));
        Import(Options(fixture, fixture.Write("b.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,A,Active,,,5,12,4,E3,1\n2026-03-30,bob@contoso.test,B,Active,,,1,0,0,E3,1\n")));
        Assert.Equal(new[] { ("alice@contoso.test", 5), ("bob@contoso.test", 1) }, Activity(fixture).OrderBy(a => a.UserPrincipalName).Select(a => (a.UserPrincipalName, a.Posts)));
    }

    [Fact]
    public void A_row_with_another_report_date_is_refused_instead_of_wiping_that_day()
    {
        using var fixture = new ImportFixture();
        Import(Options(fixture, fixture.Write("a.csv", VivaEngageHeader + "\n2026-03-29,alice@contoso.test,A,Active,,,3,12,4,E3,1\n2026-03-29,bob@contoso.test,B,Active,,,1,0,0,E3,1\n")));
        var mixed = fixture.Write("b.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,A,Active,,,5,12,4,E3,1\n2026-03-30,bob@contoso.test,B,Active,,,1,0,0,E3,1\n2026-03-29,helene@contoso.test,H,Active,,,1,0,0,E3,1\n");

        var failure = Fails(fixture, Options(fixture, mixed));

        Assert.Equal("ImportMixedReportDates", failure.ErrorId);
        Assert.Contains("rows of 2 report dates (2026-03-29, 2026-03-30)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Activity_dated_in_the_future_is_refused()
    {
        using var fixture = new ImportFixture();
        var tomorrow = DateTime.UtcNow.Date.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = fixture.Write("x.csv", "Email,Date,Posts\nalice@contoso.test," + tomorrow + ",2\n");

        var failure = Fails(fixture, Options(fixture, path, network: SocialNetworks.LinkedIn));

        Assert.Equal("ImportFutureDate", failure.ErrorId);
        Assert.Contains(path + ": row 2, column 'Date' (Day): " + tomorrow + " is in the future", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("french")]
    [InlineData("xx-YY")]
    public void A_culture_the_system_does_not_know_is_refused(string name)
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("x.csv", "Email,Date,Posts\nalice@contoso.test,03/11/2026,2\n");

        var failure = Fails(fixture, Options(fixture, path, network: SocialNetworks.LinkedIn, culture: new CultureInfo(name)));

        Assert.Equal(("UnknownCulture", FailureKind.InvalidArgument, (object?)"Culture"), (failure.ErrorId, failure.Kind, failure.Target));
    }

    [Fact]
    public void A_Teams_user_activity_export_maps_channel_posts_and_replies()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("TeamsUserActivityUserDetail.csv", TeamsHeader + "\n" +
            "2026-03-29,00000000-0000-0000-0000-000000000001,alice@contoso.test,2026-03-29,False,,Teams,7,40,2,3,5,2,0,1,Yes\n");
        var summary = Import(Options(fixture, path));
        Assert.Equal((ActivityFileKinds.TeamsUserActivityUserDetail, SocialNetworks.Teams), (summary.Kind, summary.Network));
        var alice = Assert.Single(Activity(fixture));
        Assert.Equal((SocialNetworks.Teams, new DateTime(2026, 3, 29), 5, 2, 0, 0), (alice.Network, alice.Day, alice.Posts, alice.Replies, alice.Reactions, alice.Reads));
    }

    [Fact]
    public void A_period_export_from_the_admin_centre_is_refused_with_an_explanation()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("YammerActivityUserDetail.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,Alice,Active,,2026-03-30,3,12,4,E3,7\n");
        var failure = Fails(fixture, Options(fixture, path));
        Assert.Equal(("ImportAggregatedReport", FailureKind.InvalidData), (failure.ErrorId, failure.Kind));
        Assert.Contains(path + ": row 2, column 'Report Period': this export adds up 7 days per person (Report Period 7) up to 2026-03-30", failure.Message);
        Assert.Contains("Only daily exports", failure.Message);
        Assert.Contains("Sync-SocialData", failure.Message);
    }

    [Fact]
    public void Concealed_user_names_are_explained()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("YammerActivityUserDetail.csv", VivaEngageHeader + "\n" +
            "2026-03-30,FE7CC8C15246EDCCA289C9A4022762F7,,Active,,,3,12,4,E3,1\n2026-03-30,0A7CC8C15246EDCCA289C9A4022762F8,,Active,,,0,1,0,E3,1\n");
        var failure = Fails(fixture, Options(fixture, path));
        Assert.Equal("ImportConcealedNames", failure.ErrorId);
        Assert.Contains("row 2, column 'User Principal Name': the report's user names are concealed", failure.Message);
        Assert.Contains("Org settings > Reports", failure.Message);
    }

    [Fact]
    public void A_file_that_is_no_known_report_needs_a_Network()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("linkedin.csv", "Email,Date,Posts\nalice@contoso.test,2026-03-01,1\n");
        var failure = Fails(fixture, Options(fixture, path));
        Assert.Equal("ImportUnknownFormat", failure.ErrorId);
        Assert.Contains("row 1 (header)", failure.Message);
        Assert.Contains("-Network", failure.Message);

        var wrong = Fails(fixture, Options(fixture, fixture.Write("v.csv", VivaEngageHeader + "\n2026-03-30,alice@contoso.test,A,Active,,,3,12,4,E3,1\n"), SocialNetworks.LinkedIn));
        Assert.Equal("ImportWrongNetwork", wrong.ErrorId);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_network_export_with_a_column_map_and_french_dates_is_stored_and_covers_its_days(string backend)
    {
        using var fixture = new ImportFixture(backend);
        var path = fixture.Write("linkedin.csv", "Adresse;Jour;Publications;Commentaires;J'aime;Partages\n" +
            "alice@contoso.test;02/03/2026;2;1;5;0\n" +
            "helene.leroy@contoso.test;02/03/2026;0;0;0;0\n" +
            "alice@contoso.test;04/03/2026;;;1 234;1\n");
        var summary = Import(Options(fixture, path, SocialNetworks.LinkedIn, CultureInfo.GetCultureInfo("fr-FR"), new System.Collections.Hashtable
        {
            ["UserPrincipalName"] = "Adresse", ["Replies"] = "Commentaires", ["Reactions"] = "J'aime", ["Shares"] = "Partages",
        }));

        Assert.Equal((ActivityFileKinds.NetworkExport, 3, 2, 2, 2), (summary.Kind, summary.RowsRead, summary.RowsStored, summary.PeopleMatched, summary.DaysCovered));
        var rows = Activity(fixture);
        Assert.Equal(new[] { (new DateTime(2026, 3, 2), 2, 1, 5, 0), (new DateTime(2026, 3, 4), 0, 0, 1234, 1) }, rows.Select(r => (r.Day, r.Posts, r.Replies, r.Reactions, r.Shares)));
        Assert.All(rows, r => Assert.Equal((SocialNetworks.LinkedIn, "File"), (r.Network, r.Source)));
        Assert.Equal(new[] { new DateTime(2026, 3, 2), new DateTime(2026, 3, 4) }, Coverage(fixture).Select(c => c.Day));
    }

    [Fact]
    public void The_same_person_and_day_twice_names_both_rows()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("x.csv", "UserPrincipalName,Day,Posts\nalice@contoso.test,2026-03-02,1\nbob@contoso.test,2026-03-02,1\nAlice.Martin@contoso.test,2026-03-02T10:00:00,3\n");
        var failure = Fails(fixture, Options(fixture, path, SocialNetworks.X));
        Assert.Equal("ImportDuplicateRow", failure.ErrorId);
        Assert.Contains(path + ": row 4, column 'UserPrincipalName' and 'Day': rows 2 and 4 are both about Alice.Martin@contoso.test on 2026-03-02 (X)", failure.Message);
    }

    [Fact]
    public void Bad_counts_and_dates_name_row_and_column()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("fb.csv", "Email,Date,Likes\nalice@contoso.test,2026-03-02,-1\nbob@contoso.test,03/02/2026,2\n");
        var failure = Fails(fixture, Options(fixture, path, SocialNetworks.Facebook));
        Assert.StartsWith(path + ": row 2, column 'Likes' (Reactions): '-1' is not a whole number of zero or more.", failure.Message);
        Assert.Contains(path + ": row 3, column 'Date' (Day): '03/02/2026' is not a date in the expected format (yyyy-MM-dd).", failure.Message);
    }

    [Fact]
    public void A_network_export_without_any_activity_column_is_refused()
    {
        using var fixture = new ImportFixture();
        var failure = Fails(fixture, Options(fixture, fixture.Write("ig.csv", "Email,Date,Followers\nalice@contoso.test,2026-03-02,10\n"), SocialNetworks.Instagram));
        Assert.Equal("ImportMissingColumn", failure.ErrorId);
        Assert.Contains("no activity column found", failure.Message);
    }

    [Fact]
    public void RequireAllMatched_fails_on_an_unknown_person()
    {
        using var fixture = new ImportFixture();
        var path = fixture.Write("x.csv", "UserPrincipalName,Day,Posts\nalice@contoso.test,2026-03-02,1\nnobody@contoso.test,2026-03-02,1\n");
        var failure = Fails(fixture, Options(fixture, path, SocialNetworks.Other, requireAll: true));
        Assert.Contains(path + ": row 3, column 'UserPrincipalName': no one in the store has the user principal name or mail 'nobody@contoso.test'", failure.Message);
    }

    [Fact]
    public void An_xlsx_network_export_with_real_dates_is_stored()
    {
        using var fixture = new ImportFixture();
        var path = fixture.File("x.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Export");
            sheet.Cell(1, 1).SetValue("Email");
            sheet.Cell(1, 2).SetValue("Date");
            sheet.Cell(1, 3).SetValue("Posts");
            sheet.Cell(2, 1).SetValue("bob@contoso.test");
            sheet.Cell(2, 2).SetValue(new DateTime(2026, 3, 5));
            sheet.Cell(2, 3).SetValue(4);
            workbook.SaveAs(path);
        }

        var summary = Import(Options(fixture, path, SocialNetworks.X));
        Assert.Equal(1, summary.RowsStored);
        Assert.Equal((new DateTime(2026, 3, 5), 4), Activity(fixture).Select(a => (a.Day, a.Posts)).Single());
    }
}
