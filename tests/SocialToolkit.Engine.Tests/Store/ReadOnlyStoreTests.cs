using Microsoft.Data.Sqlite;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Maintenance;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Imports;
using Xunit;

namespace SocialToolkit.Engine.Tests.Store;

/// <summary>
/// Commands that only read never write, work on read-only files and leave other programs' databases alone. About files
/// (their modes, other programs' SQLite files): on the file only; a server's refusals are in StoreRolesTests.
/// </summary>
public sealed class ReadOnlyStoreTests
{
    private static string ForeignDatabase(ImportFixture fixture)
    {
        var path = fixture.File("other-program.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices (amount) VALUES (12.5);";
        command.ExecuteNonQuery();
        return path;
    }

    [Fact]
    public void Another_programs_database_is_refused_and_not_changed()
    {
        using var fixture = new ImportFixture();
        var path = ForeignDatabase(fixture);
        var before = File.ReadAllBytes(path);

        var info = Assert.Throws<SocialToolkitException>(() => StoreInspector.Read(path, SilentReporter.Instance, CancellationToken.None));
        var write = Assert.Throws<SocialToolkitException>(() => SocialStore.Open(path));

        Assert.Equal(("NotAStore", FailureKind.InvalidData, (object?)path), (info.ErrorId, info.Kind, info.Target));
        Assert.Equal("NotAStore", write.ErrorId);
        Assert.Contains("another program", info.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_store_on_a_read_only_file_can_be_read()
    {
        using var fixture = new ImportFixture();
        using (var store = SocialStore.Open(fixture.FilePath))
        {
            using var checkpoint = store.Command("PRAGMA wal_checkpoint(TRUNCATE)");
            checkpoint.ExecuteNonQuery();
        }

        File.Delete(fixture.FilePath + "-wal");
        File.Delete(fixture.FilePath + "-shm");
        File.SetAttributes(fixture.FilePath, FileAttributes.ReadOnly);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fixture.FilePath, UnixFileMode.UserRead);
        }

        try
        {
            var info = StoreInspector.Read(fixture.FilePath, SilentReporter.Instance, CancellationToken.None);
            Assert.Equal(4, info.People);
            using var store = SocialStore.OpenReadOnly(fixture.FilePath);
            Assert.Equal(4, store.ReadReportPeople().Count);
        }
        finally
        {
            File.SetAttributes(fixture.FilePath, FileAttributes.Normal);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(fixture.FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    [Fact]
    public void Reading_a_missing_store_creates_nothing()
    {
        using var fixture = new ImportFixture();
        var path = fixture.File("missing.db");

        var failure = Assert.Throws<SocialToolkitException>(() => SocialStore.OpenReadOnly(path));

        Assert.Equal("StoreNotFound", failure.ErrorId);
        Assert.False(File.Exists(path));
    }
}

/// <summary>
/// What SQLite reports about the file itself (a full disk, a read-only file, damaged pages) becomes a failure with a stable
/// id, never an unexpected one. File only: what a server reports is in StoreRolesTests and StoreSecretsTests.
/// </summary>
public sealed class StoreFailureTests
{
    private static readonly SocialToolkit.Core.Model.Person[] Many = Enumerable.Range(0, 5000)
        .Select(i => new SocialToolkit.Core.Model.Person { Id = "x" + i, UserPrincipalName = $"p{i}@contoso.test", DisplayName = new string('n', 200) + i })
        .ToArray();

    [Fact]
    public void A_full_disk_is_StoreDiskFull_and_the_write_is_rolled_back()
    {
        using var fixture = new ImportFixture();
        using var store = SocialStore.Open(fixture.FilePath);
        using (var limit = store.Command("PRAGMA max_page_count = " + Convert.ToString(store.Command("PRAGMA page_count").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)))
        {
            // SQLite answers SQLITE_FULL when the file may not grow, as on a full disk.
            limit.ExecuteNonQuery();
        }

        var failure = Assert.Throws<SocialToolkitException>(() => store.InTransaction(t => store.UpsertPeople(Many, "Graph", t)));

        Assert.Equal(("StoreDiskFull", FailureKind.WriteFailed, (object?)store.Path), (failure.ErrorId, failure.Kind, failure.Target));
        Assert.Equal(4, store.CountPeople());
    }

    [Fact]
    public void Writing_to_a_store_opened_read_only_is_StoreReadOnly()
    {
        using var fixture = new ImportFixture();
        using var store = SocialStore.OpenReadOnly(fixture.FilePath);

        var failure = Assert.Throws<SocialToolkitException>(() => store.InTransaction(t => store.UpsertPeople(Many.Take(1), "Graph", t)));

        Assert.Equal(("StoreReadOnly", FailureKind.PermissionDenied), (failure.ErrorId, failure.Kind));
    }

    [Fact]
    public void A_damaged_file_is_a_store_failure_with_its_own_id()
    {
        using var fixture = new ImportFixture();
        using (var store = SocialStore.Open(fixture.FilePath))
        {
            store.InTransaction(t => store.UpsertPeople(Many, "Graph", t));
            using var checkpoint = store.Command("PRAGMA wal_checkpoint(TRUNCATE)");
            checkpoint.ExecuteNonQuery();
        }

        // Overwrite the middle of the file (table and index pages) with garbage.
        var bytes = File.ReadAllBytes(fixture.FilePath);
        for (var i = bytes.Length / 3; i < bytes.Length * 2 / 3; i++)
        {
            bytes[i] = 0x5A;
        }

        File.WriteAllBytes(fixture.FilePath, bytes);

        var failure = Assert.Throws<SocialToolkitException>(() =>
        {
            using var store = SocialStore.Open(fixture.FilePath);
            store.InTransaction(t => store.UpsertPeople(Many, "Graph", t));
        });

        Assert.Contains(failure.ErrorId, new[] { "StoreCorrupted", "StoreUnreadable" });
        Assert.Equal(FailureKind.InvalidData, failure.Kind);
        Assert.Equal(fixture.FilePath, failure.Target);
    }
}
