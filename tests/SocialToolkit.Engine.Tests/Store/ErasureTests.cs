using System.Text;
using Microsoft.Data.Sqlite;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Imports;
using SocialToolkit.Data.Maintenance;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Imports;
using SocialToolkit.Engine.Tests.Support;
using Xunit;

namespace SocialToolkit.Engine.Tests.Store;

/// <summary>
/// Erasure is exact (whole identifiers only) and final (no trace on disk, never added back), on both backends; compacting
/// while another program reads is about SQLite's file and its write-ahead log, and the future cut-off is refused before
/// any store is opened: those run on the file only.
/// </summary>
public sealed class ErasureTests
{
    private static void Erase(ImportFixture fixture, string who, StoreRemovalSummary? summary = null)
    {
        summary ??= new StoreRemovalSummary();
        StoreCleaner.ApplyErasure(StoreCleaner.PlanErasure(fixture.StorePath, who), summary, new RecordingReporter(), CancellationToken.None);
        if (fixture.IsFile)
        {
            StoreCleaner.Compact(fixture.StorePath, summary, new RecordingReporter(), CancellationToken.None);
        }
    }

    private static string FileText(string path) =>
        Encoding.UTF8.GetString(File.ReadAllBytes(path).Concat(File.Exists(path + "-wal") ? File.ReadAllBytes(path + "-wal") : Array.Empty<byte>()).ToArray());

    /// <summary>
    /// What the store holds, as far as anyone could read it: the file's bytes, or every row of a server store. The store's
    /// random keys (base64) are blanked: a short name such as "bob" turns up in one by chance in a few stores in a thousand.
    /// </summary>
    private static string Everything(ImportFixture fixture)
    {
        var text = fixture.IsFile ? FileText(fixture.FilePath) : fixture.Snapshot();
        using var store = SocialStore.OpenReadOnly(fixture.StorePath);
        foreach (var key in new[] { SocialStore.ErasureKeyMetadata, SocialStore.PseudonymKeyMetadata })
        {
            if (store.GetMetadata(key) is { Length: > 0 } value)
            {
                text = text.Replace(value, "[random key]", StringComparison.Ordinal);
            }
        }

        return text;
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Erasing_a_short_identifier_touches_whole_matches_only_and_keeps_keys_intact(string backend)
    {
        using var fixture = new ImportFixture(backend);
        using (var store = SocialStore.Open(fixture.StorePath))
        {
            store.SetMetadata("note", "a team with alice@contoso.test, not malice@contoso.test or alice@contoso.test.fr");
            store.GetOrCreatePseudonymKey();
        }

        string KeyOf()
        {
            using var store = SocialStore.Open(fixture.StorePath);
            return store.GetMetadata(SocialStore.PseudonymKeyMetadata)!;
        }

        var key = KeyOf();
        var plan = StoreCleaner.PlanErasure(fixture.StorePath, "a");
        Assert.Equal((0, 0, false), (plan.MetadataMentions, plan.LogMentions, plan.HasAnything));

        Erase(fixture, "alice@contoso.test");

        using var after = SocialStore.Open(fixture.StorePath);
        Assert.Equal("a team with [erased], not malice@contoso.test or alice@contoso.test.fr", after.GetMetadata("note"));
        Assert.Equal(key, after.GetMetadata(SocialStore.PseudonymKeyMetadata));
        Assert.Equal(3, after.ReadPeople().Count);
    }

    // The release ledger keeps published populations as person ids: a newcomer given an erased person's id would be taken
    // for a member of groups they were never in. SQLite hands out the largest id plus one; old@ has the largest here.
    // A copy to a server starts its identity after the largest id ever erased too.
    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_newcomer_never_gets_the_id_of_an_erased_person_even_after_a_copy_to_a_server(string backend)
    {
        using var fixture = new ImportFixture(backend);
        long erasedId;
        using (var store = SocialStore.Open(fixture.StorePath))
        {
            erasedId = store.LoadPersonDirectory().Find("old@contoso.test")!.Value;
            Assert.Equal(erasedId, store.PersonIdRange().Last);
        }

        Erase(fixture, "old@contoso.test");
        Erase(fixture, "old@contoso.test");
        long NewcomerId(StoreLocation location, string upn)
        {
            using var store = SocialStore.Open(location, createIfMissing: false);
            store.InTransaction(t => store.UpsertPeople(new[] { new Person { Id = upn, UserPrincipalName = upn, DisplayName = "New" } }, "Test", t));
            return store.LoadPersonDirectory().Find(upn)!.Value;
        }

        Assert.True(NewcomerId(fixture.StorePath, "new@contoso.test") > erasedId, "the newcomer was given the erased person's id");

        if (backend != StoreTarget.Sqlite)
        {
            return;
        }

        Skip.IfNot(TestPostgres.Available, TestPostgres.SkipReason);
        using var server = StoreTarget.CreateEmpty(StoreTarget.PostgreSql);
        using (var file = SocialStore.Open(fixture.StorePath))
        {
            using var drop = file.Command("DELETE FROM person WHERE upn = 'new@contoso.test'");
            drop.ExecuteNonQuery();
        }

        StoreCopier.Copy(fixture.StorePath, server.Location, force: false, SilentReporter.Instance, CancellationToken.None);
        Assert.True(NewcomerId(server.Location, "later@contoso.test") > erasedId, "the copy's first newcomer was given the erased person's id");
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void An_erased_person_is_never_added_back_by_a_sync_write_or_a_staff_import(string backend)
    {
        using var fixture = new ImportFixture(backend);
        Erase(fixture, "bob.durand@contoso.test");

        using (var store = SocialStore.Open(fixture.StorePath))
        {
            var written = store.InTransaction(t => store.UpsertPeople(new[]
            {
                new Person { Id = "2", UserPrincipalName = "BOB@contoso.test", DisplayName = "Bob Durand" },
                new Person { Id = "x", UserPrincipalName = "robert@contoso.test", Mail = "bob.durand@contoso.test", DisplayName = "Robert" },
                new Person { Id = "9", UserPrincipalName = "new@contoso.test", DisplayName = "New" },
            }, "Graph", t));
            Assert.Equal((1, 2), (written.Added, written.RefusedErased));
        }

        var path = fixture.Write("hr.csv", "Email,Department\r\nbob@contoso.test,Legal\r\n");
        var reporter = new RecordingReporter();
        var summary = StaffImporter.Apply(StaffImporter.Prepare(new StaffImportOptions { Path = path, StorePath = fixture.StorePath }, reporter, CancellationToken.None), reporter, CancellationToken.None);

        Assert.Equal((0, 1), (summary.PeopleAdded, summary.PeopleRefusedErased));
        Assert.Contains(reporter.Warnings, w => w.Contains("erased from this store", StringComparison.Ordinal));
        using var check = SocialStore.Open(fixture.StorePath);
        Assert.DoesNotContain(check.ReadPeople(), p => p.UserPrincipalName.StartsWith("bob", StringComparison.OrdinalIgnoreCase) || p.UserPrincipalName == "robert@contoso.test");

        // The list holds keyed hashes, not the identifiers.
        Assert.DoesNotContain("bob", Everything(fixture), StringComparison.OrdinalIgnoreCase);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void An_erased_manager_does_not_come_back_as_someone_elses_manager_with_the_next_sync_or_staff_import(string backend)
    {
        using var fixture = new ImportFixture(backend);
        Erase(fixture, "alice@contoso.test");

        // The directory still names Alice as Bob's manager the next morning, by UPN and id, and HR's file by her mail.
        using (var store = SocialStore.Open(fixture.StorePath))
        {
            store.InTransaction(t => store.UpsertPeople(new[]
            {
                new Person { Id = "2", UserPrincipalName = "bob@contoso.test", Mail = "bob.durand@contoso.test", DisplayName = "Bob Durand", Department = "Legal", ManagerUserPrincipalName = "Alice@contoso.test", ManagerId = "1" },
            }, "Graph", t));
        }

        var path = fixture.Write("hr.csv", "Email,Department,Manager Email\r\nhelene@contoso.test,RH,ALICE.MARTIN@contoso.test\r\n");
        var reporter = new RecordingReporter();
        StaffImporter.Apply(StaffImporter.Prepare(new StaffImportOptions { Path = path, StorePath = fixture.StorePath }, reporter, CancellationToken.None), reporter, CancellationToken.None);
        Assert.Contains(reporter.Warnings, w => w.Contains("1 row(s) name a manager who was erased", StringComparison.Ordinal));
        Assert.DoesNotContain(reporter.Warnings, w => w.Contains("alice", StringComparison.OrdinalIgnoreCase));

        using (var check = SocialStore.Open(fixture.StorePath))
        {
            var people = check.ReadPeople();
            Assert.Null(people.Single(p => p.UserPrincipalName == "bob@contoso.test").ManagerUserPrincipalName);
            Assert.Null(people.Single(p => p.UserPrincipalName == "bob@contoso.test").ManagerId);
            Assert.Null(people.Single(p => p.UserPrincipalName == "helene@contoso.test").ManagerUserPrincipalName);
        }

        Assert.DoesNotContain("alice", Everything(fixture), StringComparison.OrdinalIgnoreCase);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_mail_alias_shared_by_two_people_erases_neither_by_the_alias_and_never_locks_out_the_other(string backend)
    {
        using var fixture = new ImportFixture(backend);
        Person Carol() => new Person { Id = "5", UserPrincipalName = "carol@contoso.test", Mail = "sales@contoso.test", DisplayName = "Carol", Department = "Sales" };
        using (var store = SocialStore.Open(fixture.StorePath))
        {
            store.InTransaction(t => store.UpsertPeople(new[]
            {
                new Person { Id = "1", UserPrincipalName = "alice@contoso.test", Mail = "sales@contoso.test", DisplayName = "Alice Martin", Department = "Sales" },
                Carol(),
            }, "File", t));
        }

        var before = fixture.Snapshot();
        var failure = Assert.Throws<SocialToolkitException>(() => StoreCleaner.PlanErasure(fixture.StorePath, "Sales@contoso.test"));
        Assert.Equal(("ErasureAmbiguous", FailureKind.InvalidData, (object?)"UserPrincipalName"), (failure.ErrorId, failure.Kind, failure.Target));
        Assert.Contains("alice@contoso.test", failure.Message, StringComparison.Ordinal);
        Assert.Contains("carol@contoso.test", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Snapshot());

        // Erasing Alice by her UPN must not put Carol's address on the erasure list: the next sync keeps Carol.
        Erase(fixture, "alice@contoso.test");
        using var check = SocialStore.Open(fixture.StorePath);
        var written = check.InTransaction(t => check.UpsertPeople(new[] { Carol() }, "Graph", t));
        Assert.Equal(0, written.RefusedErased);
        Assert.Contains(check.ReadPeople(), p => p.UserPrincipalName == "carol@contoso.test" && p.Mail == "sales@contoso.test");
        Assert.DoesNotContain(check.ReadPeople(), p => p.UserPrincipalName == "alice@contoso.test");
    }

    [Fact]
    public void Compacting_while_another_program_reads_is_refused_and_never_claimed()
    {
        using var fixture = new ImportFixture();
        var summary = new StoreRemovalSummary();
        StoreCleaner.ApplyErasure(StoreCleaner.PlanErasure(fixture.StorePath, "helene@contoso.test"), summary, new RecordingReporter(), CancellationToken.None);
        var attempts = StoreCleaner.CheckpointAttempts;
        StoreCleaner.CheckpointAttempts = 2;
        try
        {
            using (var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fixture.FilePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            {
                reader.Open();
                using var transaction = reader.BeginTransaction();
                using var read = reader.CreateCommand();
                read.Transaction = transaction;
                read.CommandText = "SELECT count(*) FROM person";
                read.ExecuteScalar();

                var failure = Assert.Throws<SocialToolkitException>(() => StoreCleaner.Compact(fixture.StorePath, summary, new RecordingReporter(), CancellationToken.None));

                Assert.Equal("StoreInUse", failure.ErrorId);
                Assert.Equal(FailureKind.InvalidOperation, failure.Kind);
                Assert.Contains("Another program is reading", failure.Message, StringComparison.Ordinal);
                Assert.False(summary.Compacted);
            }

            StoreCleaner.Compact(fixture.StorePath, summary, new RecordingReporter(), CancellationToken.None);
            Assert.True(summary.Compacted);
            Assert.DoesNotContain("helene", FileText(fixture.FilePath), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Hélène", FileText(fixture.FilePath), StringComparison.Ordinal);
        }
        finally
        {
            StoreCleaner.CheckpointAttempts = attempts;
        }
    }

    [Fact]
    public void A_retention_cut_off_in_the_future_is_refused()
    {
        using var fixture = new ImportFixture();
        var before = fixture.Snapshot();

        var failure = Assert.Throws<SocialToolkitException>(() => StoreCleaner.PlanRetention(fixture.StorePath, DateTime.UtcNow.Date.AddDays(2), includeTraining: true));

        Assert.Equal(("RetentionDateInFuture", FailureKind.InvalidArgument, (object?)"OlderThan"), (failure.ErrorId, failure.Kind, failure.Target));
        Assert.Equal(before, fixture.Snapshot());
    }
}
