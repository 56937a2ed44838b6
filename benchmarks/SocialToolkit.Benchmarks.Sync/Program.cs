using System.Diagnostics;
using System.Globalization;
using System.Text;
using SocialToolkit.Benchmarks.Shared;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Reading;
using SocialToolkit.Graph.Sync;

// Staff pull and a 28-day report backfill for 100,000 people, through the real Graph SDK against the fake Graph
// server. The server runs in a child process (this program with --serve), so the memory figures are the sync's own.
// Then the daily staff sync through /users/delta: a full round, 1% of the people changed, and the daily round.
// Also a streaming file import: --import-rows N writes a LinkedIn export of N rows and imports it (no Graph server).
// Usage: [people] [--both-workloads] [--batch-concurrency N] [--delta-only] | --import-rows N
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (FakeGraphProcess.IsServeCommand(args))
{
    return await FakeGraphProcess.ServeAsync(args);
}

var importIndex = Array.IndexOf(args, "--import-rows");
if (importIndex >= 0)
{
    return ImportBenchmark(int.Parse(args[importIndex + 1], CultureInfo.InvariantCulture));
}

var people = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 100_000;
var concurrencyIndex = Array.IndexOf(args, "--batch-concurrency");
var readOptions = new GraphReadOptions();
if (concurrencyIndex >= 0)
{
    readOptions.BatchConcurrency = int.Parse(args[concurrencyIndex + 1], CultureInfo.InvariantCulture);
}

var workloads = ReportBackfill.Workloads(args.Contains("--both-workloads"));
var today = DateTime.UtcNow.Date;
var folder = Path.Combine(Path.GetTempPath(), "socialtoolkit-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var storePath = Path.Combine(folder, "store.db");

using var server = FakeGraphProcess.Start(people);
var serverProcess = server.Process;
using var session = await server.ConnectAsync();

Console.WriteLine($"SocialToolkit sync benchmark: {people:N0} people, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine();
if (args.Contains("--delta-only"))
{
    await DailyDeltaAsync(session, server, storePath, people, readOptions);
    Directory.Delete(folder, recursive: true);
    return 0;
}

// 1. Staff: /users in pages of 999, managers by $batch, 20 ms latency on every request (set by the server).
var pagesDone = TimeSpan.Zero;
var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
serverProcess.Refresh();
var serverCpu = serverProcess.TotalProcessorTime;
var clock = Stopwatch.StartNew();
var timing = new PhaseReporter(() => pagesDone = clock.Elapsed);
var staff = await StaffReader.ReadAsync(session, new StaffQuery { IncludeDisabled = true }, readOptions, timing, CancellationToken.None);
var staffTime = clock.Elapsed;
Console.WriteLine($"Staff pull (SDK, 20 ms latency per request): {staffTime.TotalSeconds,7:0.0} s  [target <= 15 s]  {staff.Count:N0} people in pages of 999 ({pagesDone.TotalSeconds:0.0} s), {staff.Count(p => p.ManagerId != null):N0} managers by {Math.Ceiling(staff.Count / 20.0):N0} $batch requests, {readOptions.BatchConcurrency} in flight ({(staffTime - pagesDone).TotalSeconds:0.0} s)");

using (var afterStaff = Process.GetCurrentProcess())
{
    afterStaff.Refresh();
    serverProcess.Refresh();
    Console.WriteLine($"  CPU: sync {(afterStaff.TotalProcessorTime - clientCpu).TotalSeconds:0.0} s, fake server {(serverProcess.TotalProcessorTime - serverCpu).TotalSeconds:0.0} s; peak working set after the staff pull: {afterStaff.PeakWorkingSet64 / 1048576.0:0} MB");
}

clock.Restart();
using (var store = SocialStore.Open(storePath))
{
    store.InTransaction(t => store.UpsertPeople(staff, "Graph", t));
}

Console.WriteLine($"Storing people:                               {clock.Elapsed.TotalSeconds,7:0.0} s");

// 2. Backfill: every day of the last 28 that has landed, pacing off.
var backfill = await ReportBackfill.RunAsync(session, storePath, workloads, today, readOptions);
Console.WriteLine($"28-day backfill ({string.Join("+", workloads)}, pacing off):    {backfill.Elapsed.TotalSeconds,7:0.0} s  [target <= 60 s]  {backfill.DaysStored} daily CSVs of {backfill.LargestReportRows:N0} rows, {backfill.RowsStored:N0} activity rows stored");

using var self = Process.GetCurrentProcess();
self.Refresh();
var gc = GC.GetGCMemoryInfo();
Console.WriteLine($"Peak working set of the sync process: {self.PeakWorkingSet64 / 1048576.0:0} MB  [target <= 500 MB]");
Console.WriteLine($"GC heap now {GC.GetTotalMemory(false) / 1048576.0:0} MB, last GC heap size {gc.HeapSizeBytes / 1048576.0:0} MB, total allocated {GC.GetTotalAllocatedBytes() / 1048576.0:N0} MB");
using (var store = SocialStore.Open(storePath))
{
    using var checkpoint = store.Command("PRAGMA wal_checkpoint(TRUNCATE)");
    checkpoint.ExecuteNonQuery();
}

var size = new FileInfo(storePath).Length;
Console.WriteLine($"Store size: {size / 1048576.0:0.0} MB ({storePath})");
await DailyDeltaAsync(session, server, Path.Combine(folder, "delta.db"), people, readOptions);
Directory.Delete(folder, recursive: true);
return 0;

// A network export of `rows` rows (10,000 people, one row per person and day) imported all or nothing, as
// Import-SocialActivity -Network LinkedIn does; the figure that matters is the peak memory of this process.
static int ImportBenchmark(int rows)
{
    const int people = 10_000;
    var folder = Path.Combine(Path.GetTempPath(), "socialtoolkit-import-bench-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(folder);
    var storePath = Path.Combine(folder, "store.db");
    var csvPath = Path.Combine(folder, "linkedin.csv");
    using (var store = SocialStore.Open(storePath))
    {
        store.InTransaction(t => store.UpsertPeople(Enumerable.Range(0, people).Select(i => new Person { Id = "p" + i, UserPrincipalName = $"user{i:D6}@contoso.test", DisplayName = "User " + i }), "Graph", t));
    }

    var first = DateTime.UtcNow.Date.AddDays(-(rows / people) - 2);
    using (var writer = new StreamWriter(csvPath, false, new UTF8Encoding(false), 1 << 16))
    {
        writer.WriteLine("Email,Date,Posts,Reactions,Shares");
        for (var i = 0; i < rows; i++)
        {
            writer.Write("user");
            writer.Write((i % people).ToString("D6", CultureInfo.InvariantCulture));
            writer.Write("@contoso.test,");
            writer.Write(first.AddDays(i / people).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write((i % 3).ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write((i % 5).ToString(CultureInfo.InvariantCulture));
            writer.WriteLine(",1");
        }
    }

    GC.Collect();
    using (var before = Process.GetCurrentProcess())
    {
        Console.WriteLine($"SocialToolkit streaming import benchmark: {rows:N0} rows ({new FileInfo(csvPath).Length / 1048576.0:0} MB CSV), {people:N0} people; working set before {before.WorkingSet64 / 1048576.0:0} MB");
    }

    var clock = Stopwatch.StartNew();
    var options = new SocialToolkit.Data.Imports.ActivityImportOptions { Path = csvPath, StorePath = storePath, Network = SocialNetworks.LinkedIn };
    var plan = SocialToolkit.Data.Imports.ActivityImporter.Prepare(options, SilentReporter.Instance, CancellationToken.None);
    var prepared = clock.Elapsed;
    var summary = SocialToolkit.Data.Imports.ActivityImporter.Apply(plan, SilentReporter.Instance, CancellationToken.None);
    using var self = Process.GetCurrentProcess();
    self.Refresh();
    Console.WriteLine($"Import of {summary.RowsRead:N0} rows: {clock.Elapsed.TotalSeconds:0.0} s (read and checked in {prepared.TotalSeconds:0.0} s), {summary.RowsStored:N0} rows stored over {summary.DaysCovered} days");
    Console.WriteLine($"Peak working set of the import process: {self.PeakWorkingSet64 / 1048576.0:0} MB  [target <= 400 MB]");
    Directory.Delete(folder, recursive: true);
    return 0;
}

// The daily staff sync: a first full /users/delta round, then 1% of the people change in the directory and the next
// sync reads only those changes through the stored delta link (20 ms latency per request, as above).
static async Task DailyDeltaAsync(GraphSession session, FakeGraphProcess server, string storePath, int people, GraphReadOptions options)
{
    var request = new SyncRequest { StorePath = storePath, Workloads = Array.Empty<string>(), SkipTraining = true, PaceWindow = TimeSpan.Zero, Today = DateTime.UtcNow.Date, ReadOptions = options };
    var clock = Stopwatch.StartNew();
    var full = await SocialSync.RunAsync(session, request, SocialSync.Plan(request), SilentReporter.Instance, CancellationToken.None);
    Console.WriteLine($"Staff full round (/users/delta, 200 per page): {clock.Elapsed.TotalSeconds,7:0.0} s  {full.PeopleAdded:N0} people added, managers included");

    var changes = people / 100;
    server.ChangeDepartments(changes);

    request.Today = request.Today.Value.AddDays(1);
    clock.Restart();
    var daily = await SocialSync.RunAsync(session, request, SocialSync.Plan(request), SilentReporter.Instance, CancellationToken.None);
    var elapsed = clock.Elapsed;
    using var store = SocialStore.Open(storePath);
    var history = store.ReadPersonHistory().Count(h => h.Field == "Department" && h.SeenFrom == request.Today.Value);
    Console.WriteLine($"Daily staff delta, {changes:N0} of {people:N0} changed (1%):  {elapsed.TotalSeconds,7:0.0} s  [target <= 3 s]  mode {daily.StaffReadMode}, {daily.PeopleUpdated:N0} people updated, {history:N0} department changes in the history");
}

/// <summary>Notes when the last /users page was read.</summary>
internal sealed class PhaseReporter(Action pageRead) : IOperationReporter
{
    public void Progress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1)
    {
        if (status.EndsWith("people read", StringComparison.Ordinal))
        {
            pageRead();
        }
    }

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
