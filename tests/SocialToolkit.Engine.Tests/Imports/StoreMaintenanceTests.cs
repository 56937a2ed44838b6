using System.Text;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Maintenance;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using Xunit;

namespace SocialToolkit.Engine.Tests.Imports;

/// <summary>
/// Get-SocialStoreInfo, retention and erasure, on both backends; compaction (VACUUM of the file) and the bytes of the
/// file are the file's alone.
/// </summary>
public sealed class StoreMaintenanceTests
{
    private static void Seed(ImportFixture fixture)
    {
        using var store = SocialStore.Open(fixture.StorePath, createIfMissing: false);
        var people = store.LoadPersonDirectory();
        long Id(string upn) => people.Find(upn)!.Value;
        store.InTransaction(t =>
        {
            foreach (var day in new[] { 1, 2, 3, 6, 7, 10 })
            {
                store.ReplaceActivityDay(SocialNetworks.VivaEngage, new DateTime(2026, 3, day), new[]
                {
                    (Id("alice@contoso.test"), new ActivityDay { Day = new DateTime(2026, 3, day), Posts = 1 }),
                    (Id("bob@contoso.test"), new ActivityDay { Day = new DateTime(2026, 3, day), Reads = 2 }),
                }, "GraphReport", t);
            }

            store.UpsertActivity(new[] { (Id("bob@contoso.test"), new ActivityDay { Day = new DateTime(2026, 3, 4), Network = SocialNetworks.LinkedIn, Shares = 1 }) }, "File", t);
            store.UpsertTraining(new[]
            {
                (Id("alice@contoso.test"), new TrainingRecord { CourseId = "C-1", CourseTitle = "Speaking up", Status = TrainingStatus.Completed, CompletedDate = new DateTime(2026, 3, 2), Source = "File" }),
                (Id("bob@contoso.test"), new TrainingRecord { CourseId = "C-1", CourseTitle = "Speaking up", Status = TrainingStatus.InProgress, AssignedDate = new DateTime(2026, 3, 8), Source = "File" }),
                (Id("helene@contoso.test"), new TrainingRecord { CourseId = "C-2", CourseTitle = "Tone", Status = TrainingStatus.NotStarted, Source = "File" }),
            }, t);
            store.SetMetadata("sample.truth", "{\"trained\":[\"bob@contoso.test\",\"alice@contoso.test\"]}", t);
            store.SetMetadata("pseudonym_key", "c2VjcmV0", t);
            // A key naming the person (whole address); "jean.bob@contoso.test" would be someone else.
            store.SetMetadata("note:BOB@contoso.test", "manual exclusion", t);
            store.SetMetadata("note:jean.bob@contoso.test.fr", "someone else", t);
            return 0;
        });
        var log = store.StartLog("Sync-SocialData");
        store.FinishLog(log, "Succeeded", "VivaEngage 2026-03-10: bob@contoso.test skipped once");
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Store_info_counts_people_days_gaps_courses_and_hides_secret_metadata(string backend)
    {
        using var fixture = new ImportFixture(backend);
        Seed(fixture);

        var info = StoreInspector.Read(fixture.StorePath, new RecordingReporter(), CancellationToken.None);

        Assert.Equal((4, 3, 1, SocialStore.CurrentSchemaVersion), (info.People, info.EnabledPeople, info.DisabledPeople, info.SchemaVersion));
        Assert.True(info.SizeBytes > 0);
        var engage = info.Networks.Single(n => n.Network == SocialNetworks.VivaEngage);
        Assert.Equal((6, new DateTime(2026, 3, 1), new DateTime(2026, 3, 10), 12L), (engage.DaysCovered, engage.FirstDay, engage.LastDay, engage.ActivityRows));
        Assert.Equal(new[] { "2026-03-04..2026-03-05", "2026-03-08..2026-03-09" }, engage.Gaps.Select(g => g.ToString()));
        Assert.Equal(new[] { 2, 2 }, engage.Gaps.Select(g => g.Days));
        Assert.Equal(new[] { "GraphReport" }, engage.Sources);
        var linkedIn = info.Networks.Single(n => n.Network == SocialNetworks.LinkedIn);
        Assert.Empty(linkedIn.Gaps);
        var course = info.Courses.Single(c => c.CourseId == "C-1");
        Assert.Equal((2, 1, 1, 0), (course.Records, course.Completed, course.InProgress, course.NotStarted));
        Assert.Equal(3, info.TrainingRecords);
        Assert.Equal(("Sync-SocialData", "Succeeded"), (info.LastSync!.Operation, info.LastSync.Outcome));
        Assert.True(info.Metadata.ContainsKey("sample.truth"));
        Assert.False(info.Metadata.ContainsKey("pseudonym_key"));
        Assert.NotNull(info.CreatedAt);
    }

    [Fact]
    public void Gaps_of_a_sorted_day_list()
    {
        var days = new[] { 1, 2, 5, 6, 9 }.Select(d => new DateTime(2026, 1, d)).ToList();
        Assert.Equal(new[] { "2026-01-03..2026-01-04", "2026-01-07..2026-01-08" }, StoreInspector.Gaps(days).Select(g => g.ToString()));
        Assert.Empty(StoreInspector.Gaps(new[] { new DateTime(2026, 1, 1) }));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Retention_removes_old_activity_and_coverage_and_keeps_training_unless_asked(string backend)
    {
        using var fixture = new ImportFixture(backend);
        Seed(fixture);
        var plan = StoreCleaner.PlanRetention(fixture.StorePath, new DateTime(2026, 3, 6), includeTraining: false);
        Assert.Equal((7, 4, 0), (plan.Activity, plan.Coverage, plan.Training));

        var summary = new StoreRemovalSummary();
        StoreCleaner.ApplyRetention(plan, summary, new RecordingReporter(), CancellationToken.None);
        Assert.Equal((7, 4, 0), (summary.ActivityRemoved, summary.CoverageRemoved, summary.TrainingRemoved));

        using (var store = SocialStore.Open(fixture.StorePath, createIfMissing: false))
        {
            Assert.All(store.ReadActivity(DateTime.MinValue, DateTime.MaxValue), a => Assert.True(a.Day >= new DateTime(2026, 3, 6)));
            Assert.Equal(3, store.ReadCoverage().Count);
            Assert.Equal(3, store.ReadTraining().Count);
        }

        var withTraining = StoreCleaner.PlanRetention(fixture.StorePath, new DateTime(2026, 3, 6), includeTraining: true);
        Assert.Equal(1, withTraining.Training);
        StoreCleaner.ApplyRetention(withTraining, summary, new RecordingReporter(), CancellationToken.None);
        using (var store = SocialStore.Open(fixture.StorePath, createIfMissing: false))
        {
            Assert.Equal(new[] { "bob@contoso.test", "helene@contoso.test" }, store.ReadTraining().Select(t => t.UserPrincipalName).OrderBy(u => u));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Retention_with_training_keeps_a_completed_record_whose_completion_date_is_unknown(string backend)
    {
        using var fixture = new ImportFixture(backend);
        using (var store = SocialStore.Open(fixture.StorePath, createIfMissing: false))
        {
            var people = store.LoadPersonDirectory();
            store.InTransaction(t => store.UpsertTraining(new[]
            {
                // Assigned before the cut-off, completed on a day the course list did not give: maybe after the cut-off.
                (people.Find("alice@contoso.test")!.Value, new TrainingRecord { CourseId = "C-1", CourseTitle = "Speaking up", Status = TrainingStatus.Completed, AssignedDate = new DateTime(2026, 3, 1), Source = "File" }),
                (people.Find("bob@contoso.test")!.Value, new TrainingRecord { CourseId = "C-1", CourseTitle = "Speaking up", Status = TrainingStatus.InProgress, AssignedDate = new DateTime(2026, 3, 1), Source = "File" }),
                (people.Find("helene@contoso.test")!.Value, new TrainingRecord { CourseId = "C-1", CourseTitle = "Speaking up", Status = TrainingStatus.Completed, AssignedDate = new DateTime(2026, 3, 1), CompletedDate = new DateTime(2026, 3, 6), Source = "File" }),
            }, t));
        }

        var plan = StoreCleaner.PlanRetention(fixture.StorePath, new DateTime(2026, 3, 6), includeTraining: true);
        Assert.Equal(1, plan.Training);
        var summary = new StoreRemovalSummary();
        StoreCleaner.ApplyRetention(plan, summary, new RecordingReporter(), CancellationToken.None);

        Assert.Equal(1, summary.TrainingRemoved);
        using var after = SocialStore.Open(fixture.StorePath, createIfMissing: false);
        Assert.Equal(new[] { "alice@contoso.test", "helene@contoso.test" }, after.ReadTraining().Select(t => t.UserPrincipalName).OrderBy(u => u));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Erasing_a_manager_clears_a_reference_held_by_directory_id_under_an_older_address(string backend)
    {
        using var fixture = new ImportFixture(backend);
        using (var store = SocialStore.Open(fixture.StorePath, createIfMissing: false))
        {
            // Helene's row still names Alice by the address she had before a rename, and by her directory id.
            store.InTransaction(t => store.UpsertPeople(new[]
            {
                new Person { Id = "3", UserPrincipalName = "helene@contoso.test", Mail = "helene.leroy@contoso.test", DisplayName = "Hélène Leroy", Department = "RH", ManagerUserPrincipalName = "amartin@contoso.test", ManagerId = "1" },
            }, "Graph", t));
        }

        var plan = StoreCleaner.PlanErasure(fixture.StorePath, "alice@contoso.test");
        Assert.Equal(2, plan.ManagerReferences);
        var summary = new StoreRemovalSummary();
        StoreCleaner.ApplyErasure(plan, summary, new RecordingReporter(), CancellationToken.None);

        Assert.Equal(2, summary.ManagerReferencesCleared);
        using var after = SocialStore.Open(fixture.StorePath, createIfMissing: false);
        var helene = after.ReadPeople().Single(p => p.UserPrincipalName == "helene@contoso.test");
        Assert.Equal((null, null), (helene.ManagerUserPrincipalName, helene.ManagerId));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Erasure_leaves_no_trace_of_the_person_in_any_table_or_in_the_file(string backend)
    {
        using var fixture = new ImportFixture(backend);
        Seed(fixture);
        var plan = StoreCleaner.PlanErasure(fixture.StorePath, "Bob.Durand@Contoso.test");
        Assert.Equal(("bob@contoso.test", 1, 7, 2, 1, 0), (plan.UserPrincipalName, plan.Training, plan.Activity, plan.MetadataMentions, plan.LogMentions, plan.ManagerReferences));
        Assert.Contains("bob@contoso.test", fixture.Snapshot());

        var summary = new StoreRemovalSummary();
        StoreCleaner.ApplyErasure(plan, summary, new RecordingReporter(), CancellationToken.None);

        Assert.Equal((1, 1, 7, 2, 1), (summary.PeopleRemoved, summary.TrainingRemoved, summary.ActivityRemoved, summary.MetadataRedacted, summary.LogEntriesRedacted));
        Assert.Equal(new[] { "bob@contoso.test" }, summary.ErasedPeople);
        var snapshot = fixture.Snapshot();
        Assert.Contains("note:jean.bob@contoso.test.fr", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("bob", snapshot.Replace("note:jean.bob@contoso.test.fr", string.Empty), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("alice@contoso.test", snapshot);
        Assert.Contains("[erased]", snapshot);

        if (fixture.IsFile)
        {
            // Secure delete and the emptied log mean the bytes are gone from the file too, before any VACUUM. (A server
            // keeps its files to itself: what a store role can see is the tables above.)
            var bytes = File.ReadAllBytes(fixture.FilePath).Concat(File.Exists(fixture.FilePath + "-wal") ? File.ReadAllBytes(fixture.FilePath + "-wal") : Array.Empty<byte>()).ToArray();
            Assert.DoesNotContain("bob@contoso.test|", Encoding.UTF8.GetString(bytes).Replace("jean.bob@contoso.test.fr", string.Empty), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("bob@contoso", Encoding.UTF8.GetString(bytes).Replace("jean.bob@contoso.test.fr", string.Empty), StringComparison.OrdinalIgnoreCase);

            StoreCleaner.Compact(fixture.StorePath, summary, new RecordingReporter(), CancellationToken.None);
            Assert.True(summary.Compacted);
        }

        using var store = SocialStore.Open(fixture.StorePath, createIfMissing: false);
        Assert.Equal("ok", store.IntegrityCheck());
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Erasing_a_manager_clears_the_reference_and_an_unknown_person_only_scrubs_mentions(string backend)
    {
        using var fixture = new ImportFixture(backend);
        Seed(fixture);
        var alice = StoreCleaner.PlanErasure(fixture.StorePath, "alice@contoso.test");
        Assert.Equal(1, alice.ManagerReferences);
        var summary = new StoreRemovalSummary();
        StoreCleaner.ApplyErasure(alice, summary, new RecordingReporter(), CancellationToken.None);
        Assert.Equal(1, summary.ManagerReferencesCleared);
        using (var store = SocialStore.Open(fixture.StorePath, createIfMissing: false))
        {
            Assert.Null(store.ReadPeople().Single(p => p.UserPrincipalName == "bob@contoso.test").ManagerUserPrincipalName);
        }

        var nobody = StoreCleaner.PlanErasure(fixture.StorePath, "nobody@contoso.test");
        Assert.False(nobody.Found);
        Assert.False(nobody.HasAnything);
    }

    // A missing file; a server store that is not there is the PostgreSQL backend's own failure (StoreRolesTests).
    [Fact]
    public void Maintenance_on_a_missing_store_is_not_found()
    {
        using var fixture = new ImportFixture();
        var missing = fixture.File("none.db");
        Assert.Equal("StoreNotFound", Assert.Throws<SocialToolkitException>(() => StoreInspector.Read(missing, new RecordingReporter(), CancellationToken.None)).ErrorId);
        Assert.Equal("StoreNotFound", Assert.Throws<SocialToolkitException>(() => StoreCleaner.PlanRetention(missing, DateTime.Today, false)).ErrorId);
        Assert.False(File.Exists(missing));
    }
}
