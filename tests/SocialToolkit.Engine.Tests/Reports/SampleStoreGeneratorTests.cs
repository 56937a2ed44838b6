using System.Globalization;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Sample;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Support;
using Xunit;

namespace SocialToolkit.Engine.Tests.Reports;

/// <summary>
/// The sample organisation: the generator and the file New-SocialSampleStore writes (its determinism, its traps,
/// overwriting, cancelling, SQLite's strftime in a check). On the file only; the organisation generated into a server
/// store is what the report tests on PostgreSQL read (SampleStoreFixture), and WorkbookTests checks its measured effect.
/// </summary>
public sealed class SampleStoreGeneratorTests
{
    private static readonly DateTime End = new(2026, 5, 31);

    internal static SampleStoreInfo Create(string path, int employees = 500, int days = 180, int seed = 7, double uplift = 0.6, bool overwrite = false) =>
        SampleStoreGenerator.Create(path, Options(employees, days, seed, uplift), overwrite, SilentReporter.Instance, CancellationToken.None);

    /// <summary>
    /// The sample organisation in a store as New-SocialSampleStore leaves it: a new file, or a database initialised by its
    /// owner (<see cref="StoreTarget.ForFirstUse"/>) and filled by the same generator.
    /// </summary>
    internal static SampleStoreInfo Create(StoreTarget target, int employees = 500, int days = 180, int seed = 7, double uplift = 0.6) =>
        Create(target, Options(employees, days, seed, uplift));

    internal static SampleStoreInfo Create(StoreTarget target, SampleStoreOptions options)
    {
        if (!target.Location.IsServer)
        {
            return SampleStoreGenerator.Create(target.Location.FilePath!, options, false, SilentReporter.Instance, CancellationToken.None);
        }

        using var store = target.Open();
        return SampleStoreGenerator.Generate(store, options, SilentReporter.Instance, CancellationToken.None);
    }

    /// <summary>What every sample fixture holds: 500 people, 180 days, seed 7, an uplift of 0.6 active days a week.</summary>
    internal static SampleStoreOptions Options(int employees = 500, int days = 180, int seed = 7, double uplift = 0.6) =>
        new() { Employees = employees, Days = days, Seed = seed, TrainingUplift = uplift, EndDate = End };

    private static string Fingerprint(SocialStore store)
    {
        using var command = store.Command("SELECT count(*), sum(posts), sum(replies), sum(reactions), sum(reads), sum(person_id * 7 + length(day)) FROM activity");
        using var reader = command.ExecuteReader();
        reader.Read();
        var people = string.Join("|", store.ReadPeople().Select(p => $"{p.UserPrincipalName}/{p.Department}/{p.Country}/{p.Enabled}/{p.HireDate:yyyy-MM-dd}/{p.ManagerUserPrincipalName}"));
        var training = string.Join("|", store.ReadTraining().Select(t => $"{t.UserPrincipalName}/{t.CourseId}/{t.Status}/{t.CompletedDate:yyyy-MM-dd}"));
        return string.Join(";", Enumerable.Range(0, 6).Select(i => reader.GetValue(i).ToString())) + people.GetHashCode(StringComparison.Ordinal) + "/" + people.Length + "/" + training;
    }

    [Fact]
    public void Same_seed_gives_the_same_organisation_and_another_seed_does_not()
    {
        using var temp = new TempDirectory();
        Create(temp.File("a.db"), employees: 120, days: 60);
        Create(temp.File("b.db"), employees: 120, days: 60);
        Create(temp.File("c.db"), employees: 120, days: 60, seed: 8);
        using var a = SocialStore.Open(temp.File("a.db"), createIfMissing: false);
        using var b = SocialStore.Open(temp.File("b.db"), createIfMissing: false);
        using var c = SocialStore.Open(temp.File("c.db"), createIfMissing: false);
        Assert.Equal(Fingerprint(a), Fingerprint(b));
        Assert.NotEqual(Fingerprint(a), Fingerprint(c));
    }

    [Fact]
    public void Organisation_looks_real_and_records_its_ground_truth()
    {
        using var temp = new TempDirectory();
        var info = Create(temp.File("s.db"));
        Assert.Equal(500, info.Employees);
        Assert.Equal(new DateTime(2026, 5, 31), info.To);
        Assert.Equal(new DateTime(2025, 12, 3), info.From);
        Assert.Equal(50, info.TrainedPeople);
        Assert.False(File.Exists(temp.File("s.db") + "-wal"));
        Assert.Single(Directory.GetFiles(temp.Path));

        using var store = SocialStore.Open(temp.File("s.db"), createIfMissing: false);
        var everyone = store.ReadPeople();
        var people = everyone.Where(p => p.UserType == StaffAccount.Member).ToList();
        Assert.Equal(500, people.Count);

        // Guests from partner organisations, leavers with their leave date, joiners with their hire date.
        var guests = everyone.Where(p => p.UserType == StaffAccount.Guest).ToList();
        Assert.Equal(5, guests.Count);
        Assert.All(guests, g => Assert.Contains("#EXT#@", g.UserPrincipalName, StringComparison.Ordinal));
        Assert.Equal(5, info.Guests);
        Assert.Contains(people, p => p.LeaveDate.HasValue && !p.Enabled && p.LeaveDate <= info.To.AddDays(1));
        Assert.Contains(people, p => p.HireDate > info.From);
        Assert.All(people.Where(p => !p.Enabled), p => Assert.NotNull(p.LeaveDate));

        var departments = people.GroupBy(p => p.Department).ToDictionary(g => g.Key!, g => g.Count());
        Assert.True(departments.Count >= 10);
        Assert.Contains(departments.Values, size => size < 5);
        Assert.Contains(departments.Values, size => size > 100);
        Assert.True(people.Select(p => p.Country).Distinct().Count() >= 5);
        Assert.Contains(people, p => !p.Enabled);
        Assert.True(people.Count(p => p.ManagerUserPrincipalName != null) >= 490);
        Assert.Equal(everyone.Count, everyone.Select(p => p.UserPrincipalName).Distinct(StringComparer.OrdinalIgnoreCase).Count());

        var coverage = store.ReadCoverage();
        Assert.Equal(180 * 3, coverage.Count);
        Assert.Equal(new[] { "LinkedIn", "Teams", "VivaEngage" }, coverage.Select(c => c.Network).Distinct().OrderBy(n => n));

        // Weekdays carry most of the activity.
        using var byWeekday = store.Command("SELECT strftime('%w', day) AS dow, count(*) FROM activity WHERE posts + replies > 0 GROUP BY dow");
        using var reader = byWeekday.ExecuteReader();
        var counts = new Dictionary<string, long>();
        while (reader.Read()) counts[reader.GetString(0)] = reader.GetInt64(1);
        Assert.True(counts["2"] > 5 * counts["0"], $"Tuesday {counts["2"]} vs Sunday {counts["0"]}");

        var training = store.ReadTraining();
        var medianMonths = training.Where(t => t.Status == TrainingStatus.Completed).GroupBy(t => t.CourseId)
            .Select(g => g.OrderBy(t => t.CompletedDate).ElementAt(g.Count() / 2).CompletedDate!.Value.Month).ToList();
        Assert.Equal(3, medianMonths.Distinct().Count());
        Assert.Contains(training, t => t.Status != TrainingStatus.Completed);

        var metadata = store.ReadMetadata();
        Assert.Equal("0.6", metadata[SampleMetadata.TrainingUplift]);
        Assert.Equal("7", metadata[SampleMetadata.Seed]);
        Assert.Equal("500", metadata[SampleMetadata.Employees]);
        Assert.Equal("180", metadata[SampleMetadata.Days]);
        Assert.Equal(SampleStoreGenerator.GeneratorVersion, metadata[SampleMetadata.GeneratorVersion]);
        Assert.Contains("SOC-201", metadata[SampleMetadata.Courses]);
        Assert.Equal("Default", metadata[SampleMetadata.Scenario]);
        Assert.Equal(0.6, double.Parse(metadata[SampleMetadata.TrueEffect], CultureInfo.InvariantCulture), 6);
        Assert.Equal(21, metadata[SampleMetadata.TrueEventStudy].Split(' ').Length);
        Assert.Equal("SOC-101, SOC-201, SOC-301", metadata[SampleMetadata.TrueEffectCourses]);
        Assert.Equal(info.TrueEffect, double.Parse(metadata[SampleMetadata.TrueEffect], CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(SampleScenario.NoEffect, 0.0)]
    [InlineData(SampleScenario.PreTrend, 0.0)]
    [InlineData(SampleScenario.DepartmentRollout, 0.0)]
    [InlineData(SampleScenario.MandatoryCourse, 0.6)]
    [InlineData(SampleScenario.Anticipation, 0.6)]
    [InlineData(SampleScenario.Joiners, 0.6)]
    public void Each_scenario_records_its_truth_and_its_trap(SampleScenario scenario, double truth)
    {
        using var temp = new TempDirectory();
        var info = SampleStoreGenerator.Create(temp.File("s.db"), new SampleStoreOptions { Employees = 200, Days = 180, EndDate = End, Seed = 3, Scenario = scenario }, false, SilentReporter.Instance, CancellationToken.None);
        Assert.Equal(scenario, info.Scenario);
        Assert.Equal(truth, info.TrueEffect, 6);
        using var store = SocialStore.Open(temp.File("s.db"), createIfMissing: false);
        var metadata = store.ReadMetadata();
        Assert.Equal(scenario.ToString(), metadata[SampleMetadata.Scenario]);
        Assert.False(string.IsNullOrWhiteSpace(metadata[SampleMetadata.Trap]));
        if (scenario == SampleScenario.MandatoryCourse)
        {
            var completed = store.ReadTraining().Where(t => t.CourseId == "COMP-100" && t.Status == TrainingStatus.Completed).Select(t => t.UserPrincipalName).Distinct().Count();
            Assert.InRange(completed, 0.65 * 200, 0.9 * 200);
            Assert.Equal("SOC-101, SOC-201, SOC-301", metadata[SampleMetadata.TrueEffectCourses]);
        }
    }

    [Fact]
    public void The_simulation_in_memory_draws_what_the_store_holds()
    {
        using var target = StoreTarget.ForFirstUse(StoreTarget.Sqlite);
        var options = new SampleStoreOptions { Employees = 120, Days = 60, EndDate = End, Seed = 5, Scenario = SampleScenario.Staggered };
        Create(target, options);
        var data = SampleStoreGenerator.Simulate(options);
        using var store = target.Open();
        var ids = store.ReadReportPeople().ToDictionary(p => p.Id, p => p.UserPrincipalName);
        var stored = store.StreamContributionDays(data.FirstDay, data.LastDay).Select(r => (ids[r.PersonId], r.Day, r.Posts)).OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Day).ToList();
        var simulated = data.Contributions.Select(r => (data.People[r.Person].UserPrincipalName, r.Day, r.Posts)).OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Day).ToList();
        Assert.Equal(stored, simulated);
    }

    [Fact]
    public void Existing_store_needs_overwrite_and_bad_parameters_are_named()
    {
        using var temp = new TempDirectory();
        var path = temp.File("s.db");
        File.WriteAllText(path, "keep me");
        var exists = Assert.Throws<SocialToolkitException>(() => Create(path, employees: 20, days: 14));
        Assert.Equal("OutputFileExists", exists.ErrorId);
        Assert.Equal("keep me", File.ReadAllText(path));

        Create(path, employees: 20, days: 14, overwrite: true);
        using (var store = SocialStore.Open(path, createIfMissing: false))
        {
            Assert.Equal(20, store.ReadPeople().Count);
        }

        var employees = Assert.Throws<SocialToolkitException>(() => Create(temp.File("x.db"), employees: 0));
        Assert.Contains("-Employees", employees.Message);
        var uplift = Assert.Throws<SocialToolkitException>(() => Create(temp.File("x.db"), uplift: 9));
        Assert.Contains("-TrainingUplift", uplift.Message);
        Assert.False(File.Exists(temp.File("x.db")));
    }

    [Fact]
    public void Cancelling_leaves_no_file_behind()
    {
        using var temp = new TempDirectory();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SampleStoreGenerator.Create(temp.File("s.db"), new SampleStoreOptions { Employees = 50, Days = 30, EndDate = End }, false, SilentReporter.Instance, cancelled.Token));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_file_written_in_bulk_gets_its_usual_durability_back_when_the_writing_stops_midway()
    {
        using var temp = new TempDirectory();
        using var store = SocialStore.Open(temp.File("s.db"));
        using var cancelled = new CancellationTokenSource();
        var duringBulk = new List<long>();
        var midway = new ProgressReporter(status =>
        {
            if (status.StartsWith("Activity: day", StringComparison.Ordinal))
            {
                duringBulk.Add(Synchronous(store));
                if (duringBulk.Count == 2)
                {
                    // The first week's activity is stored; the second week's is never written.
                    cancelled.Cancel();
                }
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => SampleStoreGenerator.Generate(store, new SampleStoreOptions { Employees = 50, Days = 30, EndDate = End }, midway, cancelled.Token));

        // 0 = OFF while the generator wrote; 1 = NORMAL, what every open of a store file sets, once it stopped.
        Assert.Equal(new long[] { 0, 0 }, duringBulk);
        Assert.Equal(1, Synchronous(store));
        using var rows = store.Command("SELECT count(*) FROM activity");
        Assert.True(Convert.ToInt64(rows.ExecuteScalar(), CultureInfo.InvariantCulture) > 0, "the generator stopped after writing some activity");
    }

    private static long Synchronous(SocialStore store)
    {
        using var command = store.Command("PRAGMA synchronous");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs an action at each progress status, on the generator's own thread.</summary>
    private sealed class ProgressReporter : IOperationReporter
    {
        private readonly Action<string> onProgress;

        public ProgressReporter(Action<string> onProgress) => this.onProgress = onProgress;

        public void Progress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1) => onProgress(status);

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
        }

        public void Notice(string message)
        {
        }
    }
}
