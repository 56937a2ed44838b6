using System.Diagnostics;
using System.Globalization;
using SocialToolkit.Benchmarks.Shared;
using SocialToolkit.Benchmarks.Store;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Sample;
using SocialToolkit.Data.Store;
using SocialToolkit.Graph.Reading;
using SocialToolkit.Reports;

// The store's two backends side by side, in one run: the participation report on a 100,000-person, 180-day sample
// organisation (time and peak memory, without and with individuals), storing the 100,000 people a staff sync brings,
// and the 28-day backfill of 100,000-row daily usage reports through the fake Graph server, each on an SQLite file and
// on a PostgreSQL database; then the ratio PostgreSQL / SQLite (target for the report: <= 1.5). Each figure is the
// median of --runs runs taken in turn (SQLite, PostgreSQL, SQLite...), so a busy machine weighs on both alike.
// PostgreSQL: an administrator's connection string in $env:SOCIALTOOLKIT_TEST_POSTGRES (or --postgres, though a
// password on a command line is visible to other users); the benchmark creates databases of its own and drops them.
// Usage: [--employees N] [--days N] [--people N] [--runs N] [--both-workloads] [--report-only | --backfill-only]
//        [--postgres <connection>] [--keep <name>]   (--keep keeps the two sample stores for the next run)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (FakeGraphProcess.IsServeCommand(args))
{
    return await FakeGraphProcess.ServeAsync(args);
}

const string ConnectionVariable = "SOCIALTOOLKIT_TEST_POSTGRES";
const double ReportTarget = 1.5;
var employees = Option("--employees", 100_000);
var days = Option("--days", 180);
var people = Option("--people", 100_000);
var runs = Math.Max(1, Option("--runs", 3));
var keep = Text("--keep");
if (keep != null && !System.Text.RegularExpressions.Regex.IsMatch(keep, "^[a-z0-9_]{1,40}$"))
{
    Console.Error.WriteLine("--keep takes a short name of lower-case letters, digits and '_' (it names the kept file and database).");
    return 2;
}

Console.WriteLine($"SocialToolkit store backends: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()} at the start");
var backends = new List<BenchBackend> { new SqliteBench() };
var connection = Text("--postgres") ?? Environment.GetEnvironmentVariable(ConnectionVariable);
if (string.IsNullOrWhiteSpace(connection))
{
    Console.WriteLine($"PostgreSQL: no server given ({ConnectionVariable} or --postgres, an administrator's connection string), so the SQLite figures alone. A throwaway server for one run:");
    Console.WriteLine("  dotnet tool restore && dotnet pwsh -c '. ./tools/TestPostgres.ps1; Start-TestPostgres; try { dotnet run -c Release --project benchmarks/SocialToolkit.Benchmarks.Store } finally { Stop-TestPostgres }'");
}
else if (PostgresBench.TryConnect(connection, out var why) is { } postgres)
{
    Console.WriteLine($"PostgreSQL at {postgres.Display} (databases of this run's own, dropped at the end); {postgres.Settings}");
    backends.Add(postgres);
}
else
{
    Console.WriteLine($"PostgreSQL: the server cannot be used ({why}), so the SQLite figures alone.");
}

var folder = Path.Combine(Path.GetTempPath(), "socialtoolkit-store-bench-out-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    if (!args.Contains("--backfill-only"))
    {
        Reports(backends, folder);
    }

    if (!args.Contains("--report-only"))
    {
        await Backfills(backends);
    }

    Console.WriteLine($"Load average {LoadAverage()} at the end.");
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
    foreach (var backend in backends)
    {
        backend.Dispose();
    }
}

// The participation report, without and with the People sheet, on the same sample organisation in each backend.
void Reports(List<BenchBackend> backends, string folder)
{
    var options = new SampleStoreOptions { Employees = employees, Days = days, Seed = 1, EndDate = new DateTime(2026, 5, 31) };
    Console.WriteLine();
    Console.WriteLine($"Participation report on a {employees:N0}-person, {days}-day sample organisation (median of {Runs(runs)}; peak = this process's working set)");
    var stores = new List<StoreLocation>();
    var writes = new List<Figure>();
    foreach (var backend in backends)
    {
        var (store, existed) = keep == null ? (backend.NewStore(), false) : backend.KeptStore(keep);
        stores.Add(store);
        if (existed)
        {
            RequireSample(store, options);
            writes.Add(Figure.None);
            continue;
        }

        SampleStoreInfo? info = null;
        writes.Add(Measure(backend, () => info = backend.WriteSample(store, options)));
        using var opened = SocialStore.Open(store, createIfMissing: false);
        Console.WriteLine($"    {backend.Name}: {info!.ActivityRows:N0} activity rows, store {opened.SizeBytes() / 1048576.0:N0} MB{(keep != null ? $" (kept: {store.Display})" : string.Empty)}");
    }

    if (writes.Any(w => w.Seconds > 0))
    {
        Row("Sample organisation written (New-SocialSampleStore engine)", backends, writes.Select(w => new List<Figure> { w }).ToList(), target: null);
    }

    // The first workbook of a process pays for loading and compiling the report code (seconds): paid here, on a small
    // store of neither backend's runs, so that it weighs on no figure.
    var warmUp = backends[0].NewStore();
    backends[0].WriteSample(warmUp, new SampleStoreOptions { Employees = 500, Days = 30, Seed = 1 });
    ParticipationReport.Export(new ParticipationReportRequest { Path = Path.Combine(folder, "warm-up.xlsx"), StorePath = warmUp, Force = true, IncludeIndividuals = true }, SilentReporter.Instance, CancellationToken.None);
    backends[0].Drop(warmUp);

    var scans = backends.Select(_ => new List<Figure>()).ToList();
    var plain = backends.Select(_ => new List<Figure>()).ToList();
    var individuals = backends.Select(_ => new List<Figure>()).ToList();
    var answers = backends.Select(_ => string.Empty).ToList();
    for (var run = 0; run < runs; run++)
    {
        for (var b = 0; b < backends.Count; b++)
        {
            scans[b].Add(Measure(backends[b], () => ScanOnly(stores[b])));
            ParticipationReportInfo? info = null;
            plain[b].Add(Measure(backends[b], () => info = ParticipationReport.Export(
                new ParticipationReportRequest { Path = Path.Combine(folder, $"p{b}.xlsx"), StorePath = stores[b], Force = true }, SilentReporter.Instance, CancellationToken.None)));
            answers[b] = $"headcount {info!.Headcount:N0}, active contributors {info.ActiveContributors:N0}";
            individuals[b].Add(Measure(backends[b], () => ParticipationReport.Export(
                new ParticipationReportRequest { Path = Path.Combine(folder, $"i{b}.xlsx"), StorePath = stores[b], Force = true, IncludeIndividuals = true }, SilentReporter.Instance, CancellationToken.None)));
        }
    }

    Row($"Reading the report's {ParticipationReport.DefaultPeriodDays} days of activity alone (one connection)", backends, scans, target: null);
    Row("Participation report, no individuals", backends, plain, ReportTarget);
    Row("Participation report, with individuals (People sheet)", backends, individuals, ReportTarget);
    Console.WriteLine(answers.Distinct().Count() == 1
        ? $"    {(backends.Count > 1 ? "same figures from both" : "figures")}: {answers[0]}"
        : "    FIGURES DIFFER: " + string.Join("; ", backends.Select((b, i) => b.Name + " " + answers[i])));
    if (keep == null)
    {
        for (var b = 0; b < backends.Count; b++)
        {
            backends[b].Drop(stores[b]);
        }
    }
}

// A first sync's work on each backend: the staff (read once from the fake Graph) stored, then the 28-day backfill.
async Task Backfills(List<BenchBackend> backends)
{
    var workloads = ReportBackfill.Workloads(args.Contains("--both-workloads"));
    var readOptions = new GraphReadOptions();
    var today = DateTime.UtcNow.Date;
    Console.WriteLine();
    Console.WriteLine($"28-day backfill of {people:N0}-row daily usage reports ({string.Join(" + ", workloads)}) through the fake Graph server ({FakeGraphProcess.Latency.TotalMilliseconds:0} ms per request, pacing off), a new store each run (median of {Runs(runs)}; peak = this process's working set, the staff list included)");
    using var server = FakeGraphProcess.Start(people);
    using var session = await server.ConnectAsync();
    var staff = await StaffReader.ReadAsync(session, new StaffQuery { IncludeDisabled = true }, readOptions, SilentReporter.Instance, CancellationToken.None);
    var storing = backends.Select(_ => new List<Figure>()).ToList();
    var backfills = backends.Select(_ => new List<Figure>()).ToList();
    var answers = backends.Select(_ => string.Empty).ToList();
    for (var run = 0; run < runs; run++)
    {
        for (var b = 0; b < backends.Count; b++)
        {
            var store = backends[b].NewStore();
            storing[b].Add(Measure(backends[b], () =>
            {
                using var opened = SocialStore.Open(store);
                return opened.InTransaction(t => opened.UpsertPeople(staff, "Graph", t));
            }));
            BackfillResult? result = null;
            backfills[b].Add(await MeasureAsync(backends[b], async () => result = await ReportBackfill.RunAsync(session, store, workloads, today, readOptions)));
            answers[b] = $"{result!.DaysStored} daily CSVs of {result.LargestReportRows:N0} rows, {result.RowsStored:N0} activity rows stored";
            backends[b].Drop(store);
        }
    }

    Row($"Storing {staff.Count:N0} people (the staff sync's write)", backends, storing, target: null);
    Row($"28-day backfill, {string.Join(" + ", workloads)}", backends, backfills, target: null);
    Console.WriteLine(answers.Distinct().Count() == 1
        ? $"    {(backends.Count > 1 ? "same on both" : "stored")}: {answers[0]}"
        : "    RESULTS DIFFER: " + string.Join("; ", backends.Select((b, i) => b.Name + " " + answers[i])));
}

// One line per measure: each backend's median time and peak, the ratio PostgreSQL / SQLite; then the CPU seconds
// (this process + the server's) and every run's time.
static void Row(string name, List<BenchBackend> backends, List<List<Figure>> figures, double? target)
{
    var medians = figures.Select(Figure.Median).ToList();
    var line = $"  {name,-64}";
    for (var b = 0; b < backends.Count; b++)
    {
        line += $"  {backends[b].Name} {medians[b].Seconds,6:0.00} s {medians[b].PeakMegabytes,5:N0} MB";
    }

    if (backends.Count > 1)
    {
        var ratio = medians[1].Seconds / medians[0].Seconds;
        line += $"  RATIO {ratio:0.00}" + (target.HasValue ? $" (target <= {target:0.0}{(ratio <= target ? ", met" : ", NOT met")})" : string.Empty);
    }

    Console.WriteLine(line);
    var cpu = backends.Select((b, i) => b.Name + " " + medians[i].Cpu.ToString("0.00", CultureInfo.InvariantCulture) + (medians[i].ServerCpu is { } server ? " + server " + server.ToString("0.00", CultureInfo.InvariantCulture) : string.Empty));
    Console.WriteLine("      cpu s: " + string.Join("; ", cpu) + (figures[0].Count > 1
        ? "   runs: " + string.Join("; ", backends.Select((b, i) => b.Name + " " + string.Join(", ", figures[i].Select(f => f.Seconds.ToString("0.00", CultureInfo.InvariantCulture)))))
        : string.Empty));
}

// The bare cost of reading the rows the report aggregates, on one connection in one snapshot, as a server store reads them.
static long ScanOnly(StoreLocation location)
{
    using var store = SocialStore.Open(location, createIfMissing: false);
    store.PrepareForScan();
    using var snapshot = store.ReadSnapshot();
    var coverage = store.ReadCoverage();
    var to = coverage.Max(c => c.Day);
    var networks = coverage.Select(c => c.Network).Distinct().ToList();
    long sum = 0;
    // The scan the participation report runs (numbered rows), over everyone.
    foreach (var row in store.ScanActivity(to.AddDays(1 - ParticipationReport.DefaultPeriodDays), to, networks, long.MinValue, long.MaxValue))
    {
        sum += row.Posts + row.Reads;
    }

    return sum;
}

static void RequireSample(StoreLocation store, SampleStoreOptions options)
{
    using var opened = SocialStore.Open(store, createIfMissing: false);
    var employees = opened.GetMetadata(SampleMetadata.Employees);
    var days = opened.GetMetadata(SampleMetadata.Days);
    if (employees != options.Employees.ToString(CultureInfo.InvariantCulture) || days != options.Days.ToString(CultureInfo.InvariantCulture))
    {
        throw new InvalidOperationException($"The kept store {store.Display} holds another sample ({employees ?? "no"} people, {days ?? "no"} days); remove it or keep under another name.");
    }
}

static Figure Measure<T>(BenchBackend backend, Func<T> work) =>
    MeasureAsync(backend, () => Task.FromResult(work())).GetAwaiter().GetResult();

// Wall time, this process's peak working set, and the CPU time of this process and of the database server: on a busy
// machine the CPU seconds say what the work costs when the wall time says mostly how long it waited for a core.
static async Task<Figure> MeasureAsync<T>(BenchBackend backend, Func<Task<T>> work)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    var cpu = self.TotalProcessorTime;
    var serverCpu = backend.ServerCpuSeconds();
    using var sampler = new PeakSampler();
    var clock = Stopwatch.StartNew();
    await work();
    var seconds = clock.Elapsed.TotalSeconds;
    var peak = sampler.Stop();
    self.Refresh();
    return new Figure(seconds, peak, (self.TotalProcessorTime - cpu).TotalSeconds, backend.ServerCpuSeconds() - serverCpu);
}

static string Runs(int count) => count == 1 ? "1 run" : $"{count} runs";

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

int Option(string name, int fallback) => Text(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

string? Text(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

/// <summary>One measured step: wall time, the peak working set sampled while it ran, CPU seconds here and on the server.</summary>
internal readonly record struct Figure(double Seconds, long PeakMegabytes, double Cpu, double? ServerCpu)
{
    public static readonly Figure None = new(0, 0, 0, null);

    /// <summary>The median of each measure on its own (the runs are few; an odd count gives a figure that was measured).</summary>
    public static Figure Median(List<Figure> figures)
    {
        static T Middle<T>(IEnumerable<T> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted[sorted.Count / 2];
        }

        return new Figure(
            Middle(figures.Select(f => f.Seconds)),
            Middle(figures.Select(f => f.PeakMegabytes)),
            Middle(figures.Select(f => f.Cpu)),
            figures.All(f => f.ServerCpu.HasValue) ? Middle(figures.Select(f => f.ServerCpu!.Value)) : null);
    }
}
