using Microsoft.Data.Sqlite;
using SocialToolkit.Core.Model;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using Xunit;

namespace SocialToolkit.Engine.Tests.Store;

public sealed class SocialStoreTests
{
    private static Person Person(string upn, string department = "Sales") => new() { Id = upn.ToLowerInvariant(), UserPrincipalName = upn, DisplayName = upn.ToLowerInvariant(), Mail = upn.ToLowerInvariant().Replace("@", ".mail@"), Department = department };

    [Fact]
    public void New_store_is_at_the_current_schema_in_WAL_mode_and_private_to_its_owner()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "nested", "store.db");
        using var store = SocialStore.Open(path);

        Assert.Equal(SocialStore.CurrentSchemaVersion, store.SchemaVersion);
        using var journal = store.Command("PRAGMA journal_mode");
        Assert.Equal("wal", journal.ExecuteScalar());
        Assert.Equal("ok", store.IntegrityCheck());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }
    }

    [Fact]
    public void Missing_store_is_an_error_naming_the_path_when_creation_is_not_allowed()
    {
        using var temp = new TempDirectory();
        var failure = Assert.Throws<SocialToolkit.Core.Operations.SocialToolkitException>(() => SocialStore.Open(temp.File("absent.db"), createIfMissing: false));
        Assert.Equal("StoreNotFound", failure.ErrorId);
        Assert.Contains("absent.db", failure.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Upserting_people_counts_added_and_really_changed_people(string backend)
    {
        using var target = StoreTarget.Create(backend);
        using var store = target.Open();
        var first = store.InTransaction(t => store.UpsertPeople(new[] { Person("a@x.test"), Person("b@x.test") }, "Test", t));
        Assert.Equal((2, 0), (first.Added, first.Updated));

        var second = store.InTransaction(t => store.UpsertPeople(new[] { Person("A@X.TEST"), Person("b@x.test", "Legal"), Person("c@x.test") }, "Test", t));
        Assert.Equal((1, 1), (second.Added, second.Updated));
        Assert.Equal(new[] { "a@x.test", "b@x.test", "c@x.test" }, store.ReadPeople().Select(p => p.UserPrincipalName));
        Assert.Equal("Legal", store.ReadPeople().Single(p => p.UserPrincipalName == "b@x.test").Department);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Replacing_an_activity_day_twice_stores_it_once_and_skips_rows_without_activity(string backend)
    {
        using var target = StoreTarget.Create(backend);
        using var store = target.Open();
        store.InTransaction(t => store.UpsertPeople(new[] { Person("a@x.test"), Person("b@x.test") }, "Test", t));
        var people = store.LoadPersonDirectory();
        var day = new DateTime(2026, 11, 2);
        var rows = new[]
        {
            (people.Find("a@x.test")!.Value, new ActivityDay { Day = day, Posts = 2, Reads = 5 }),
            (people.Find("B.MAIL@x.test")!.Value, new ActivityDay { Day = day }),
        };

        for (var run = 0; run < 2; run++)
        {
            Assert.Equal(1, store.InTransaction(t => store.ReplaceActivityDay(SocialNetworks.VivaEngage, day, rows, "GraphReport", t)));
        }

        var stored = Assert.Single(store.ReadActivity(day, day));
        Assert.Equal(("a@x.test", 2, 5, SocialNetworks.VivaEngage), (stored.UserPrincipalName, stored.Posts, stored.Reads, stored.Network));
        var covered = Assert.Single(store.ReadCoverage());
        Assert.Equal((day, 1), (covered.Day, covered.RowCount));
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_failed_unit_of_work_leaves_nothing_behind(string backend)
    {
        using var target = StoreTarget.Create(backend);
        using var store = target.Open();
        Assert.Throws<InvalidOperationException>(() => store.InTransaction<int>(t =>
        {
            store.UpsertPeople(new[] { Person("a@x.test") }, "Test", t);
            throw new InvalidOperationException("simulated failure");
        }));

        Assert.Empty(store.ReadPeople());
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Erasing_a_person_cascades_to_training_and_activity(string backend)
    {
        using var target = StoreTarget.Create(backend);
        using var store = target.Open();
        store.InTransaction(t => store.UpsertPeople(new[] { Person("a@x.test") }, "Test", t));
        var id = store.LoadPersonDirectory().Find("a@x.test")!.Value;
        store.InTransaction(t => store.UpsertTraining(new[] { (id, new TrainingRecord { CourseId = "c1", CourseTitle = "Course", Status = TrainingStatus.Completed, CompletedDate = new DateTime(2026, 1, 5), Source = "File" }) }, t));
        store.InTransaction(t => store.UpsertActivity(new[] { (id, new ActivityDay { Day = new DateTime(2026, 1, 6), Network = SocialNetworks.LinkedIn, Posts = 1 }) }, "File", t));

        using (var delete = store.Command("DELETE FROM person WHERE id = @id"))
        {
            delete.Parameters.AddWithValue("@id", id);
            delete.ExecuteNonQuery();
        }

        Assert.Empty(store.ReadTraining());
        Assert.Empty(store.ReadActivity(DateTime.MinValue, DateTime.MaxValue));
    }
}
