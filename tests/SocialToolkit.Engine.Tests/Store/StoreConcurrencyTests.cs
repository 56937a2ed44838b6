using System.Globalization;
using ClosedXML.Excel;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;
using SocialToolkit.Engine.Tests.Reports;
using SocialToolkit.Engine.Tests.Support;
using SocialToolkit.Reports;
using Xunit;

namespace SocialToolkit.Engine.Tests.Store;

/// <summary>
/// What holds when several sessions use one store at once: one sync at a time, and a report computed from one state of the
/// store while a sync replaces days. (A sync killed halfway: Graph/SyncKillTests, on both backends.)
/// </summary>
public sealed class StoreConcurrencyTests : IClassFixture<SampleStoreFixture>
{
    private static readonly string[] Networks = { SocialNetworks.VivaEngage, SocialNetworks.Teams, SocialNetworks.LinkedIn };

    private readonly SampleStoreFixture samples;

    public StoreConcurrencyTests(SampleStoreFixture samples) => this.samples = samples;

    /// <summary>What a sync does when a day's report comes back empty: the day is replaced by no rows, in its own transaction.</summary>
    private static void EmptyDays(StoreLocation store, DateTime from, DateTime to)
    {
        using var other = SocialStore.Open(store);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            foreach (var network in Networks)
            {
                other.InTransaction(t => other.ReplaceActivityDay(network, day, Array.Empty<(long, ActivityDay)>(), "GraphReport", t));
            }
        }
    }

    /// <summary>Every row of the Summary sheet: measure and value (as invariant text, whatever the thread's culture).</summary>
    private static Dictionary<string, string> Summary(string workbook)
    {
        using var book = new XLWorkbook(workbook);
        return book.Worksheet("Summary").Table("Summary").DataRange.Rows()
            .ToDictionary(r => r.Cell(1).GetString(), r => Convert.ToString(r.Cell(2).Value, CultureInfo.InvariantCulture) ?? string.Empty);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_second_sync_is_refused_while_the_first_holds_the_store_and_runs_once_it_has_let_go(string backend)
    {
        using var target = StoreTarget.Create(backend);
        using var first = target.Open();
        using var second = target.Open();

        var running = first.LockForSync();
        var refused = Assert.Throws<SocialToolkitException>(() => second.LockForSync());
        running.Dispose();
        second.LockForSync().Dispose();

        Assert.Equal(("SyncAlreadyRunning", FailureKind.InvalidOperation), (refused.ErrorId, refused.Kind));
        Assert.Contains(target.Location.Display, refused.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_read_snapshot_sees_the_store_as_it_stood_while_another_session_replaces_a_day(string backend)
    {
        using var target = StoreTarget.Create(backend);
        var day = new DateTime(2026, 3, 2);
        using var reader = target.Open();
        reader.InTransaction(t => reader.UpsertPeople(new[] { new Person { Id = "1", UserPrincipalName = "alice@contoso.test", DisplayName = "Alice" } }, "Test", t));
        var alice = reader.LoadPersonDirectory().Find("alice@contoso.test")!.Value;
        reader.InTransaction(t => reader.ReplaceActivityDay(SocialNetworks.VivaEngage, day, new[] { (alice, new ActivityDay { Day = day, Posts = 1 }) }, "GraphReport", t));

        using (reader.ReadSnapshot())
        {
            var before = (reader.ReadActivity(day, day).Single().Posts, reader.ReadCoverage().Single().RowCount);
            using (var writer = target.Open())
            {
                writer.InTransaction(t => writer.ReplaceActivityDay(SocialNetworks.VivaEngage, day, new[] { (alice, new ActivityDay { Day = day, Posts = 7 }) }, "GraphReport", t));
                writer.InTransaction(t => writer.ReplaceActivityDay(SocialNetworks.VivaEngage, day.AddDays(1), Array.Empty<(long, ActivityDay)>(), "GraphReport", t));
            }

            Assert.Equal((1, 1), before);
            Assert.Equal((1, 1), (reader.ReadActivity(day, day).Single().Posts, reader.ReadCoverage().Single().RowCount));
        }

        Assert.Equal(7, reader.ReadActivity(day, day).Single().Posts);
        Assert.Equal(2, reader.ReadCoverage().Count);
    }

    // The report warns of a gap in its period after it has read coverage and before it reads activity; that is when another
    // session empties the last two weeks, as a sync replacing days would. The report then records what it published: on a
    // file, after a commit that its read transaction could no longer join.
    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_report_gives_the_figures_of_one_state_of_the_store_while_another_session_replaces_days(string backend)
    {
        var sample = samples.For(backend);
        using var temp = new TempDirectory();
        var store = sample.CopyTo(temp);
        using (var owner = SocialStore.Open(store))
        {
            using var gap = owner.Command("DELETE FROM activity WHERE network = 'LinkedIn' AND day = '2026-04-15'; DELETE FROM coverage WHERE network = 'LinkedIn' AND day = '2026-04-15';");
            gap.ExecuteNonQuery();
        }

        var (lastWeeksFrom, lastWeeksTo) = (new DateTime(2026, 5, 18), new DateTime(2026, 5, 31));
        string Report(string name, IOperationReporter reporter)
        {
            var path = temp.File(name);
            ParticipationReport.Export(new ParticipationReportRequest { Path = path, StorePath = store }, reporter, CancellationToken.None);
            return path;
        }

        var before = Summary(Report("before.xlsx", SilentReporter.Instance));
        var midway = new MidwayReporter(() => EmptyDays(store, lastWeeksFrom, lastWeeksTo));
        var during = Summary(Report("during.xlsx", midway));
        var after = Summary(Report("after.xlsx", SilentReporter.Instance));

        Assert.True(midway.Ran, "the other session replaced the days while the report ran");
        Assert.Equal(before.Keys, during.Keys);
        Assert.Empty(before.Where(measure => during[measure.Key] != measure.Value).Select(measure => $"{measure.Key}: {measure.Value} then {during[measure.Key]}"));
        Assert.NotEqual(before["Posts"], after["Posts"]);
    }

    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void Reports_decide_what_to_publish_one_after_the_other(string backend)
    {
        using var target = StoreTarget.Create(backend);
        using var first = target.Open();
        using var second = target.Open();

        var firstSnapshot = first.ReadSnapshot();
        // On a thread of its own (the thread pool may be slow to start a task on a busy machine).
        using var started = new ManualResetEventSlim();
        IDisposable? secondSnapshot = null;
        var secondThread = new Thread(() =>
        {
            started.Set();
            secondSnapshot = second.ReadSnapshot();
        });
        secondThread.Start();
        Assert.True(started.Wait(TimeSpan.FromSeconds(60)));
        // The second waits as long as the first holds the ledger: whatever the machine's load, it cannot be done yet.
        Thread.Sleep(300);
        Assert.True(secondThread.IsAlive, "a second report started deciding while the first held the release ledger");

        firstSnapshot.Dispose();
        Assert.True(secondThread.Join(TimeSpan.FromSeconds(60)), "the second report went on once the first had finished");
        secondSnapshot!.Dispose();
        using (first.ReadSnapshot())
        {
        }
    }

    // Two connections reading one state of a file: while another session commits without pause, the store's own connection
    // and its parallel reader see the same value, snapshot after snapshot. A server store reads on one connection.
    [SkippableTheory]
    [MemberData(nameof(StoreTarget.Backends), MemberType = typeof(StoreTarget))]
    public void A_large_store_is_read_in_halves_from_one_state_of_the_store_while_another_session_commits(string backend)
    {
        Skip.If(Environment.ProcessorCount < 2, "a store is read in halves on two cores or more");
        using var target = StoreTarget.Create(backend);
        using var store = target.Open();
        using (var people = store.Command(@"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count)
INSERT INTO person (upn, display_name, enabled, source, updated_at) SELECT 'p' || i || '@contoso.test', 'P', 1, 'Test', '2026-01-01' FROM n"))
        {
            people.Parameters.AddWithValue("@count", SocialStore.ParallelReadPeople);
            people.ExecuteNonQuery();
        }

        using var stop = new CancellationTokenSource();
        var commits = 0;
        // On a thread of its own (the thread pool may be slow to start a task on a busy machine).
        var writer = new Thread(() =>
        {
            using var other = target.Open();
            while (!stop.IsCancellationRequested)
            {
                var tick = (Volatile.Read(ref commits) + 1).ToString(CultureInfo.InvariantCulture);
                other.InTransaction(t =>
                {
                    other.SetMetadata("test_tick", tick, t);
                    return 0;
                });
                Interlocked.Increment(ref commits);
            }
        });
        writer.Start();
        try
        {
            // Snapshots are taken until the other session has committed a good many times meanwhile, whatever the load.
            var patience = System.Diagnostics.Stopwatch.StartNew();
            SpinWait.SpinUntil(() => Volatile.Read(ref commits) > 0 || !writer.IsAlive, TimeSpan.FromSeconds(60));
            var before = Volatile.Read(ref commits);
            var rounds = 0;
            while ((rounds < 10 || Volatile.Read(ref commits) < before + 20) && patience.Elapsed < TimeSpan.FromSeconds(120))
            {
                rounds++;
                using (store.ReadSnapshot())
                {
                    if (backend == StoreTarget.PostgreSql)
                    {
                        Assert.Null(store.ParallelReader);
                        continue;
                    }

                    Assert.NotNull(store.ParallelReader);
                    var mine = store.GetMetadata("test_tick");
                    Thread.Sleep(20);
                    Assert.Equal(mine, store.ParallelReader!.GetMetadata("test_tick"));
                    Assert.Equal(mine, store.GetMetadata("test_tick"));
                }
            }

            Assert.True(Volatile.Read(ref commits) >= before + 20, "the other session committed while the snapshots were taken");
        }
        finally
        {
            stop.Cancel();
            writer.Join(TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>Runs an action at the first warning a report gives, on the report's own thread.</summary>
    private sealed class MidwayReporter : IOperationReporter
    {
        private readonly Action action;

        public MidwayReporter(Action action) => this.action = action;

        public bool Ran { get; private set; }

        public void Warning(string message)
        {
            if (!Ran)
            {
                Ran = true;
                action();
            }
        }

        public void Progress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1)
        {
        }

        public void Verbose(string message)
        {
        }

        public void Notice(string message)
        {
        }
    }
}
