using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Maintenance;
using SocialToolkit.Data.Sample;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Reports;
using Xunit;
using Reporter = SocialToolkit.Engine.Tests.Graph.RecordingReporter;

namespace SocialToolkit.Engine.Tests.Store;

/// <summary>
/// A store file in which every table holds rows: a 60-person, 30-day sample organisation, a participation workbook
/// written from it (the release ledger), a pseudonym key, a failed report day, a log entry and an erased person.
/// </summary>
public sealed class CopySourceFixture : IDisposable
{
    private readonly TempDirectory folder = new();

    public CopySourceFixture()
    {
        StorePath = folder.File("source.db");
        SampleStoreGenerator.Create(StorePath, new SampleStoreOptions { Employees = 60, Days = 30, EndDate = new DateTime(2026, 3, 31), Seed = 7 }, overwrite: false, SilentReporter.Instance, CancellationToken.None);
        using (var store = SocialStore.Open(StorePath, createIfMissing: false))
        {
            store.GetOrCreatePseudonymKey();
            store.RecordDayFailure(SocialNetworks.Teams, new DateTime(2026, 4, 1), "ReportUnavailable", "The service answered 503 three times.");
            var people = store.ReadPeople().OrderBy(p => p.UserPrincipalName, StringComparer.Ordinal).ToList();
            ErasedPerson = people[5];

            // A person who changed department: the history table.
            var moved = people[0];
            moved.Department = "Moved " + moved.Department;
            store.InTransaction(t => store.UpsertPeople(new[] { moved }, "Test", t));
        }

        StoreCleaner.ApplyErasure(StoreCleaner.PlanErasure(StorePath, ErasedPerson.UserPrincipalName), new StoreRemovalSummary(), SilentReporter.Instance, CancellationToken.None);

        // Last: the workbook's population is then the one every later report of this store, or of a copy, sees.
        Headline = Participation(StorePath, folder.File("source.xlsx"));
        using var check = SocialStore.OpenReadOnly(StorePath);
        Tables = StoreCopier.Checksums(check);
    }

    public string StorePath { get; }

    /// <summary>The person erased from the source; their identifiers are on its erasure list.</summary>
    public Person ErasedPerson { get; }

    /// <summary>Headcount, active contributors and participation rate of the source's participation report.</summary>
    public (int Headcount, int? Active, double? Rate) Headline { get; }

    public IReadOnlyList<StoreTableCopy> Tables { get; }

    /// <summary>A private copy of the source file, for a test that changes it or copies from it.</summary>
    public StoreLocation CopyTo(TempDirectory temp)
    {
        var path = temp.File("source-" + Guid.NewGuid().ToString("N") + ".db");
        File.Copy(StorePath, path);
        return StoreLocation.File(path);
    }

    public static (int Headcount, int? Active, double? Rate) Participation(StoreLocation store, string workbook)
    {
        var info = ParticipationReport.Export(new ParticipationReportRequest { Path = workbook, StorePath = store, Force = true }, SilentReporter.Instance, CancellationToken.None);
        return (info.Headcount, info.ActiveContributors, info.ParticipationRate);
    }

    public void Dispose() => folder.Dispose();
}

public sealed class StoreCopyTests : IClassFixture<CopySourceFixture>
{
    private readonly CopySourceFixture source;

    public StoreCopyTests(CopySourceFixture source) => this.source = source;

    public static IEnumerable<object[]> Backends => StoreTarget.Backends;

    private static IReadOnlyList<StoreTableCopy> ChecksumsOf(StoreLocation location)
    {
        using var store = SocialStore.OpenReadOnly(location);
        return StoreCopier.Checksums(store);
    }

    private static IEnumerable<(string Table, long Rows, string Checksum)> Flat(IEnumerable<StoreTableCopy> tables) =>
        tables.Select(t => (t.Table, t.Rows, t.Checksum));

    private static long Count(StoreLocation location, string sql)
    {
        using var store = SocialStore.OpenReadOnly(location);
        using var command = store.Command(sql);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static void Execute(StoreLocation location, string sql)
    {
        using var store = SocialStore.Open(location, createIfMissing: false);
        using var command = store.Command(sql);
        command.ExecuteNonQuery();
    }

    [Fact]
    public void The_source_fixture_has_rows_in_every_table()
    {
        Assert.Equal(StoreCopier.Tables.Select(t => t.Name), source.Tables.Select(t => t.Table));
        Assert.All(source.Tables, t => Assert.True(t.Rows > 0, $"{t.Table} is empty"));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void A_round_trip_through_the_other_store_gives_identical_tables_and_participation_figures(string backend)
    {
        using var middle = StoreTarget.CreateEmpty(backend);
        using var temp = new TempDirectory();
        var back = StoreLocation.File(temp.File("back.db"));

        var there = StoreCopier.Copy(StoreLocation.File(source.StorePath), middle.Location, force: false, new Reporter(), CancellationToken.None);
        var again = StoreCopier.Copy(middle.Location, back, force: false, new Reporter(), CancellationToken.None);

        Assert.True(there.Verified && again.Verified);
        Assert.True(there.CreatedTarget && again.CreatedTarget);
        Assert.Empty(there.Replaced);
        Assert.Empty(there.Notes);
        Assert.Equal(Flat(source.Tables), Flat(there.Tables));
        Assert.Equal(Flat(source.Tables), Flat(ChecksumsOf(middle.Location)));
        Assert.Equal(Flat(source.Tables), Flat(ChecksumsOf(back)));
        Assert.Equal(source.Tables.Sum(t => t.Rows), again.Rows);
        Assert.Equal(middle.Location.Display, there.To);
        Assert.Equal(backend, there.ToBackend);

        // The figures a report shows come out the same from the copy, on its own backend too.
        Assert.True(source.Headline.Headcount > 0 && source.Headline.Active > 0, source.Headline.ToString());
        Assert.Equal(source.Headline, CopySourceFixture.Participation(middle.Location, temp.File("middle.xlsx")));
        Assert.Equal(source.Headline, CopySourceFixture.Participation(back, temp.File("back.xlsx")));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void A_target_holding_data_is_refused_without_Force_and_left_unchanged(string backend)
    {
        using var target = StoreTarget.Create(backend);
        using (var store = target.Open())
        {
            store.InTransaction(t => store.UpsertPeople(new[] { new Person { Id = "t1", UserPrincipalName = "kept@target.test", DisplayName = "Kept" } }, "Test", t));
        }

        var before = Flat(ChecksumsOf(target.Location)).ToList();

        var planned = Assert.Throws<SocialToolkitException>(() => StoreCopier.Plan(StoreLocation.File(source.StorePath), target.Location, force: false));
        var copied = Assert.Throws<SocialToolkitException>(() => StoreCopier.Copy(StoreLocation.File(source.StorePath), target.Location, force: false, new Reporter(), CancellationToken.None));

        Assert.All(new[] { planned, copied }, failure =>
        {
            Assert.Equal("StoreCopyTargetNotEmpty", failure.ErrorId);
            Assert.Contains("1 person row(s)", failure.Message);
            Assert.Contains("-Force", failure.Message);
        });
        Assert.Equal(before, Flat(ChecksumsOf(target.Location)));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Force_replaces_everything_the_target_held_and_says_what(string backend)
    {
        using var target = StoreTarget.Create(backend);
        using (var store = target.Open())
        {
            store.InTransaction(t => store.UpsertPeople(new[] { new Person { Id = "t1", UserPrincipalName = "old1@target.test", DisplayName = "Old" }, new Person { Id = "t2", UserPrincipalName = "old2@target.test", DisplayName = "Older" } }, "Test", t));
            var ids = store.LoadPersonDirectory();
            store.InTransaction(t => store.ReplaceActivityDay(SocialNetworks.LinkedIn, new DateTime(2020, 1, 6), new[] { (ids.Find("old1@target.test")!.Value, new ActivityDay { Day = new DateTime(2020, 1, 6), Posts = 3 }) }, "Test", t));
        }

        var plan = StoreCopier.Plan(StoreLocation.File(source.StorePath), target.Location, force: true);
        Assert.True(plan.ReplacesData);
        Assert.Contains("replacing what it holds (", plan.Description);
        Assert.Contains("2 person row(s)", plan.Description);

        var summary = StoreCopier.Copy(plan, new Reporter(), CancellationToken.None);

        Assert.True(summary.Verified);
        Assert.False(summary.CreatedTarget);
        Assert.Equal(2, summary.Replaced["person"]);
        Assert.Equal(1, summary.Replaced["activity"]);
        Assert.Equal(1, summary.Replaced["coverage"]);
        Assert.Equal(2, summary.Tables.Single(t => t.Table == "person").ReplacedRows);
        Assert.Equal(Flat(source.Tables), Flat(ChecksumsOf(target.Location)));
        Assert.Equal(0, Count(target.Location, "SELECT count(*) FROM person WHERE display_name IN ('Old', 'Older')"));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void A_table_that_differs_after_writing_is_named_and_rolled_back(string backend)
    {
        using var target = StoreTarget.CreateEmpty(backend);
        var plan = StoreCopier.Plan(StoreLocation.File(source.StorePath), target.Location, force: false);

        // Something changes one value of the copied rows before they are verified.
        var failure = Assert.Throws<SocialToolkitException>(() => StoreCopier.Copy(plan, new Reporter(), CancellationToken.None, (store, table, transaction) =>
        {
            if (table == "activity")
            {
                using var tamper = store.Command("UPDATE activity SET posts = posts + 1 WHERE person_id = (SELECT min(person_id) FROM activity) AND day = (SELECT min(day) FROM activity WHERE person_id = (SELECT min(person_id) FROM activity))", transaction);
                Assert.True(tamper.ExecuteNonQuery() > 0);
            }
        }));

        Assert.Equal("StoreCopyMismatch", failure.ErrorId);
        Assert.Contains("The table 'activity' does not match after the copy", failure.Message);
        Assert.Contains("their contents differ", failure.Message);
        Assert.Contains("whole and verified: metadata, erased_identity, person, person_history, training;", failure.Message);
        Assert.Contains("these are empty: activity, coverage", failure.Message);
        Assert.Equal(0, Count(target.Location, "SELECT count(*) FROM activity"));
        Assert.Equal(source.Tables.Single(t => t.Table == "person").Rows, Count(target.Location, "SELECT count(*) FROM person"));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Verify_names_the_table_of_two_stores_that_differ_by_one_value(string backend)
    {
        using var target = StoreTarget.CreateEmpty(backend);
        using var temp = new TempDirectory();
        var original = source.CopyTo(temp);
        StoreCopier.Copy(original, target.Location, force: false, new Reporter(), CancellationToken.None);
        Execute(target.Location, "UPDATE coverage SET row_count = row_count + 1 WHERE day = (SELECT max(day) FROM coverage) AND network = 'Teams'");

        using var a = SocialStore.OpenReadOnly(original);
        using var b = SocialStore.OpenReadOnly(target.Location);
        var failure = Assert.Throws<SocialToolkitException>(() => StoreCopier.Verify(a, b));

        Assert.Equal("StoreCopyMismatch", failure.ErrorId);
        Assert.StartsWith("The table 'coverage' does not match", failure.Message);
        Assert.Contains(target.Location.Display, failure.Message);

        Execute(target.Location, "UPDATE coverage SET row_count = row_count - 1 WHERE day = (SELECT max(day) FROM coverage) AND network = 'Teams'");
        Execute(target.Location, "DELETE FROM sync_log WHERE id = (SELECT max(id) FROM sync_log)");
        using var c = SocialStore.OpenReadOnly(target.Location);
        var missingRow = Assert.Throws<SocialToolkitException>(() => StoreCopier.Verify(a, c));
        var logRows = source.Tables.Single(t => t.Table == "sync_log").Rows;
        Assert.StartsWith($"The table 'sync_log' does not match after the copy: {original.Display} has {logRows} row(s), {target.Location.Display} {logRows - 1}.", missingRow.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Ids_and_the_erasure_list_survive_so_an_erased_person_stays_refused(string backend)
    {
        using var target = StoreTarget.CreateEmpty(backend);
        StoreCopier.Copy(StoreLocation.File(source.StorePath), target.Location, force: false, new Reporter(), CancellationToken.None);

        static List<(long, string)> People(StoreLocation location)
        {
            using var store = SocialStore.OpenReadOnly(location);
            var directory = store.LoadPersonDirectory();
            return store.ReadPeople().Select(p => (directory.Find(p.UserPrincipalName)!.Value, p.UserPrincipalName)).OrderBy(p => p.Item1).ToList();
        }

        Assert.Equal(People(StoreLocation.File(source.StorePath)), People(target.Location));
        using var store = target.Open();
        Assert.Equal(source.Tables.Single(t => t.Table == "erased_identity").Rows, store.LoadErasureList().Count);
        Assert.True(store.LoadErasureList().Contains(source.ErasedPerson));
        var again = store.InTransaction(t => store.UpsertPeople(new[] { source.ErasedPerson }, "Test", t));
        Assert.Equal((0, 1), (again.Added, again.RefusedErased));
        Assert.Null(store.LoadPersonDirectory().Find(source.ErasedPerson.UserPrincipalName));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Rows_added_after_a_copy_get_ids_after_the_copied_ones(string backend)
    {
        using var target = StoreTarget.CreateEmpty(backend);
        StoreCopier.Copy(StoreLocation.File(source.StorePath), target.Location, force: false, new Reporter(), CancellationToken.None);
        var maxPerson = Count(target.Location, "SELECT max(id) FROM person");
        var maxLog = Count(target.Location, "SELECT max(id) FROM sync_log");
        var maxTraining = Count(target.Location, "SELECT max(id) FROM training");

        using var store = target.Open();
        var added = store.InTransaction(t => store.UpsertPeople(new[] { new Person { Id = "new-1", UserPrincipalName = "newcomer@contoso.test", DisplayName = "Newcomer" } }, "Test", t));
        var id = store.LoadPersonDirectory().Find("newcomer@contoso.test")!.Value;
        store.InTransaction(t => store.UpsertTraining(new[] { (id, new TrainingRecord { CourseId = "NEW-1", CourseTitle = "After the copy", Status = TrainingStatus.Completed, CompletedDate = new DateTime(2026, 4, 2), Source = "Test" }) }, t));
        var log = store.StartLog("After the copy");

        Assert.Equal(1, added.Added);
        Assert.Equal(maxPerson + 1, id);
        Assert.Equal(maxLog + 1, log);
        Assert.Equal(maxTraining + 1, Count(target.Location, "SELECT max(id) FROM training"));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void A_stopped_copy_keeps_finished_tables_whole_rolls_back_the_current_one_and_says_so(string backend)
    {
        using var target = StoreTarget.CreateEmpty(backend);
        using var stop = new CancellationTokenSource();
        var reporter = new Reporter();
        var plan = StoreCopier.Plan(StoreLocation.File(source.StorePath), target.Location, force: false);

        Assert.ThrowsAny<OperationCanceledException>(() => StoreCopier.Copy(plan, reporter, stop.Token, (_, table, _) =>
        {
            if (table == "training")
            {
                stop.Cancel();
            }
        }));

        var warning = Assert.Single(reporter.Warnings);
        Assert.Contains("The copy was stopped at the table 'training', whose rows were rolled back", warning);
        Assert.Contains("whole and verified: metadata, erased_identity, person, person_history;", warning);
        Assert.Contains("-Force", warning);
        var copied = ChecksumsOf(target.Location).ToDictionary(t => t.Table);
        foreach (var table in source.Tables)
        {
            if (new[] { "metadata", "erased_identity", "person", "person_history" }.Contains(table.Table))
            {
                Assert.Equal((table.Rows, table.Checksum), (copied[table.Table].Rows, copied[table.Table].Checksum));
            }
            else
            {
                Assert.Equal(0, copied[table.Table].Rows);
            }
        }
    }

    [SkippableFact]
    public void A_database_without_a_store_is_set_up_and_gets_the_pseudonym_key_its_readers_need()
    {
        using var target = StoreTarget.CreateEmpty(StoreTarget.PostgreSql);
        using var temp = new TempDirectory();
        var withoutKey = source.CopyTo(temp);
        Execute(withoutKey, $"DELETE FROM metadata WHERE key = '{SocialStore.PseudonymKeyMetadata}'");

        var plan = StoreCopier.Plan(withoutKey, target.Location, force: false);
        Assert.True(plan.CreatesTarget);
        Assert.Contains("setting up the store in that database", plan.Description);
        var summary = StoreCopier.Copy(plan, new Reporter(), CancellationToken.None);

        Assert.True(summary.CreatedTarget);
        Assert.Contains("pseudonym key", Assert.Single(summary.Notes));
        using var store = target.Open();
        Assert.Equal(SocialStore.CurrentSchemaVersion, store.SchemaVersion);
        Assert.False(string.IsNullOrEmpty(store.GetMetadata(SocialStore.PseudonymKeyMetadata)));
    }

    [SkippableFact]
    public void Copying_a_server_store_to_a_file_warns_that_erasure_on_the_server_does_not_reach_the_file()
    {
        using var middle = StoreTarget.CreateEmpty(StoreTarget.PostgreSql);
        using var temp = new TempDirectory();
        StoreCopier.Copy(StoreLocation.File(source.StorePath), middle.Location, force: false, new Reporter(), CancellationToken.None);
        var reporter = new Reporter();

        StoreCopier.Copy(middle.Location, StoreLocation.File(temp.File("laptop.db")), force: false, reporter, CancellationToken.None);

        Assert.Contains("Erasures and retention on the server do not reach that file", Assert.Single(reporter.Warnings));
    }

    [Fact]
    public void A_source_at_an_older_schema_is_refused_with_the_way_to_upgrade_it()
    {
        using var temp = new TempDirectory();
        var older = source.CopyTo(temp);
        Execute(older, $"PRAGMA user_version = {SocialStore.CurrentSchemaVersion - 1}");

        var failure = Assert.Throws<SocialToolkitException>(() => StoreCopier.Plan(older, StoreLocation.File(temp.File("new.db")), force: false));

        Assert.Equal("StoreNeedsUpgrade", failure.ErrorId);
        Assert.Contains("never changes its source", failure.Message);
        Assert.Contains("Run a command that writes to it (a sync or an import) once", failure.Message);
        Assert.False(File.Exists(temp.File("new.db")));
    }

    [Fact]
    public void A_store_is_not_copied_onto_itself()
    {
        var failure = Assert.Throws<SocialToolkitException>(() => StoreCopier.Plan(source.StorePath, source.StorePath, force: true));
        Assert.Equal("StoreCopySameStore", failure.ErrorId);

        var server = Assert.Throws<SocialToolkitException>(() => StoreCopier.Plan("Host=db.example.org;Database=hr;Username=a", "postgresql://b:secret@DB.example.org:5432/hr", force: true));
        Assert.Equal("StoreCopySameStore", server.ErrorId);
        Assert.DoesNotContain("secret", server.Message);
    }

    [Fact]
    public void Every_table_of_the_schema_is_copied()
    {
        using var temp = new TempDirectory();
        using var store = SocialStore.Open(temp.File("empty.db"));
        using var command = store.Command("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        Assert.Equal(tables, StoreCopier.Tables.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));
    }
}
