using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Imports;
using SocialToolkit.Data.Maintenance;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Graph;
using SocialToolkit.Engine.Tests.Imports;
using SocialToolkit.Engine.Tests.Reports;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Graph.Sync;
using SocialToolkit.Reports;
using Xunit;
using ImportReporter = SocialToolkit.Engine.Tests.Imports.RecordingReporter;

namespace SocialToolkit.Engine.Tests.Store;

/// <summary>
/// Who may do what on a shared store is the database's decision: each test signs in with a login role that holds one of
/// the roles Initialize-SocialStore creates, as an administrator grants them to people, and runs the real engines. A
/// refused step is StoreAccessDenied naming the role it needs, and leaves the store exactly as it was.
/// </summary>
public sealed class StoreRolesTests : IClassFixture<SampleStoreFixture>
{
    private const string Reader = "socialtoolkit_reader";
    private const string Writer = "socialtoolkit_writer";
    private const string Privacy = "socialtoolkit_privacy";

    private readonly SampleStoreFixture samples;

    public StoreRolesTests(SampleStoreFixture samples) => this.samples = samples;

    private static void Import(StoreLocation store, string path)
    {
        var options = new StaffImportOptions { Path = path, StorePath = store, SeenOn = DateTime.UtcNow.Date.AddDays(1) };
        StaffImporter.Apply(StaffImporter.Prepare(options, new ImportReporter(), CancellationToken.None), new ImportReporter(), CancellationToken.None);
    }

    private static void Erase(StoreLocation store, string who) =>
        StoreCleaner.ApplyErasure(StoreCleaner.PlanErasure(store, who), new StoreRemovalSummary(), new ImportReporter(), CancellationToken.None);

    private static void ApplyRetention(StoreLocation store, DateTime before) =>
        StoreCleaner.ApplyRetention(StoreCleaner.PlanRetention(store, before, includeTraining: true), new StoreRemovalSummary(), new ImportReporter(), CancellationToken.None);

    private static async Task<SyncSummary> SyncAsync(GraphFixture graph, StoreLocation store)
    {
        using var session = await graph.ConnectAsync();
        var request = new SyncRequest { StorePath = store, Today = GraphFixture.Today, PaceWindow = TimeSpan.Zero, SkipTraining = true, ReadOptions = GraphFixture.FastRetries };
        return await SocialSync.RunAsync(session, request, SocialSync.Plan(request), SilentReporter.Instance, CancellationToken.None);
    }

    /// <summary>Asserts a refusal by the database: its id, the role the message asks for, and no change to the store.</summary>
    private static void Refused(ImportFixture fixture, string neededRole, Action work)
    {
        var before = fixture.Snapshot();
        var failure = Assert.Throws<SocialToolkitException>(work);
        Assert.Equal(("StoreAccessDenied", FailureKind.PermissionDenied), (failure.ErrorId, failure.Kind));
        Assert.Contains(neededRole, failure.Message, StringComparison.Ordinal);
        Assert.Contains("42501", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Snapshot());
    }

    /// <summary>Seeds three days of Viva Engage activity, as the owner, for retention to remove.</summary>
    private static void SeedActivity(ImportFixture fixture)
    {
        using var store = SocialStore.Open(fixture.StorePath);
        var alice = store.LoadPersonDirectory().Find("alice@contoso.test")!.Value;
        foreach (var day in new[] { new DateTime(2026, 3, 1), new DateTime(2026, 3, 2), new DateTime(2026, 3, 9) })
        {
            store.InTransaction(t => store.ReplaceActivityDay(SocialNetworks.VivaEngage, day, new[] { (alice, new ActivityDay { Day = day, Posts = 1 }) }, "GraphReport", t));
        }
    }

    [SkippableFact]
    public void A_reader_runs_both_reports_and_reads_store_info_and_its_ledger_entries_are_written()
    {
        var sample = samples.For(StoreTarget.PostgreSql);
        using var temp = new TempDirectory();
        var store = sample.CopyTo(temp);
        using var reader = StoreLogin.Create(store, Reader);

        var participation = ParticipationReport.Export(new ParticipationReportRequest { Path = temp.File("participation.xlsx"), StorePath = reader.Location }, SilentReporter.Instance, CancellationToken.None);
        var training = TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = temp.File("training.xlsx"), StorePath = reader.Location, BootstrapReplicates = 49 }, SilentReporter.Instance, CancellationToken.None);
        var info = StoreInspector.Read(reader.Location, SilentReporter.Instance, CancellationToken.None);

        Assert.True(File.Exists(participation.FullName) && File.Exists(training.FullName));
        Assert.Equal(sample.Info.Employees + sample.Info.Guests, info.People);
        Assert.Equal(SocialStore.CurrentSchemaVersion, info.SchemaVersion);
        using var owner = SocialStore.Open(store);
        Assert.NotEmpty(owner.ReleaseLedger().Comparable(Core.Analytics.ParticipationOptions.ReleaseFamily, 0, int.MaxValue));
        Assert.NotEmpty(owner.ReleaseLedger().Comparable(Core.Analytics.TrainingEffectOptions.ReleaseFamily, 0, int.MaxValue));
    }

    [SkippableFact]
    public async Task A_reader_is_refused_a_sync_day_a_whole_sync_an_import_an_erasure_and_retention_and_the_store_is_unchanged()
    {
        using var fixture = new ImportFixture(StoreTarget.PostgreSql);
        SeedActivity(fixture);
        using var reader = StoreLogin.Create(fixture.StorePath, Reader);
        await using var graph = await GraphFixture.StartAsync(users: 5);
        graph.Reports.DataLagDays = 27;
        var hr = fixture.Write("hr.csv", "Email,Department\r\nalice@contoso.test,Ventes\r\n");
        var day = new DateTime(2026, 3, 3);

        Refused(fixture, Writer, () =>
        {
            using var store = SocialStore.Open(reader.Location);
            var alice = store.LoadPersonDirectory().Find("alice@contoso.test")!.Value;
            store.InTransaction(t => store.ReplaceActivityDay(SocialNetworks.VivaEngage, day, new[] { (alice, new ActivityDay { Day = day, Posts = 3 }) }, "GraphReport", t));
        });
        Refused(fixture, Writer, () => SyncAsync(graph, reader.Location).GetAwaiter().GetResult());
        Refused(fixture, Writer, () => Import(reader.Location, hr));
        Refused(fixture, Privacy, () => Erase(reader.Location, "bob@contoso.test"));
        Refused(fixture, Privacy, () => ApplyRetention(reader.Location, new DateTime(2026, 3, 5)));
    }

    [SkippableFact]
    public async Task A_writer_syncs_and_imports_but_is_refused_an_erasure()
    {
        using var fixture = new ImportFixture(StoreTarget.PostgreSql);
        using var writer = StoreLogin.Create(fixture.StorePath, Writer);
        await using var graph = await GraphFixture.StartAsync(users: 5);
        graph.Reports.DataLagDays = 27;

        var synced = await SyncAsync(graph, writer.Location);
        Import(writer.Location, fixture.Write("hr.csv", "Email,Department\r\nalice@contoso.test,Ventes\r\n"));

        Assert.Empty(synced.Failures);
        Assert.Equal((5, 2, 2), (synced.PeopleAdded, synced.VivaEngageDaysAdded, synced.TeamsDaysAdded));
        using (var store = SocialStore.Open(fixture.StorePath))
        {
            Assert.Equal("Ventes", store.ReadPeople().Single(p => p.UserPrincipalName == "alice@contoso.test").Department);
            Assert.Equal(4, store.ReadCoverage().Count);
            Assert.Equal(new[] { "Import-SocialStaff", "Sync-SocialData" }, store.ReadLog(2).Select(l => l.Operation));
        }

        Refused(fixture, Privacy, () => Erase(writer.Location, "bob@contoso.test"));
    }

    [SkippableFact]
    public void Privacy_erases_and_applies_retention_but_is_refused_an_import()
    {
        using var fixture = new ImportFixture(StoreTarget.PostgreSql);
        SeedActivity(fixture);
        using var privacy = StoreLogin.Create(fixture.StorePath, Privacy);

        Erase(privacy.Location, "bob@contoso.test");
        ApplyRetention(privacy.Location, new DateTime(2026, 3, 5));

        using (var store = SocialStore.Open(fixture.StorePath))
        {
            Assert.DoesNotContain(store.ReadPeople(), p => p.UserPrincipalName == "bob@contoso.test");
            Assert.Equal(new[] { new DateTime(2026, 3, 9) }, store.ReadCoverage().Select(c => c.Day));
            Assert.Equal(new[] { "Remove-SocialStoreData", "Remove-SocialStoreData" }, store.ReadLog(2).Select(l => l.Operation));
        }

        Refused(fixture, Writer, () => Import(privacy.Location, fixture.Write("hr.csv", "Email,Department\r\nalice@contoso.test,Ventes\r\n")));
    }
}
