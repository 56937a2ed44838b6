using System.Diagnostics;
using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using OfficeOpenXml;
using OfficeOpenXml.Table;
using SocialToolkit.Benchmarks.Shared;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Sample;
using SocialToolkit.Data.Store;
using SocialToolkit.Reports;
using SocialToolkit.Reports.Workbook;

// Report benchmarks. Prints wall time and the peak working set sampled during each step; the targets come from the
// project's performance goals. "samples <folder>" writes the sample workbooks the documentation renders instead.
// The headline figure: the whole process a user runs (a new pwsh, Import-Module, Export-SocialParticipationReport
// -IncludeIndividuals on 100,000 people and 180 days) against EPPlus 4.5.3.3 (ImportExcel's engine) writing the same
// People table alone, measured in the same run; the ratio's target is <= 1.0 and the process's peak <= 600 MB.
// Options: --employees N, --days N (the sample store's size: 100,000 and 180 by default), --store <path> (keep the
// generated store there, or reuse it), --scan (stop after the reading figures), --steps (print each report step),
// --ratio-only (only the headline comparison: quicker, but EPPlus then runs in a process that has done less before it
// and takes about 20% longer than in a full run, so the full run is the reference), --repeat N (the run N times, each in
// a new benchmark process so that EPPlus is measured as a single run measures it; prints every run and the medians).
// The whole-process step needs the built module: dotnet build src/SocialToolkit.PowerShell -c Release.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length >= 2 && args[0] == "samples")
{
    WriteSamples(args[1]);
    return 0;
}

if (Option("--repeat", 1) is var repeat && repeat > 1)
{
    return RepeatRatio(repeat);
}

var employees = Option("--employees", 100_000);
var days = Option("--days", 180);
var folder = Path.Combine(Path.GetTempPath(), "socialtoolkit-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    // --store keeps (or reuses) the generated store, to rerun the report steps without generating it again.
    var kept = Array.IndexOf(args, "--store") is var k && k >= 0 && k + 1 < args.Length ? Path.GetFullPath(args[k + 1]) : null;
    var store = kept ?? Path.Combine(folder, "store.db");
    Console.WriteLine($"SocialToolkit report benchmarks: {employees:N0} people, {days} days, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    if (!File.Exists(store))
    {
        var sample = Measure("Sample store (New-SocialSampleStore engine)", null, () =>
            SampleStoreGenerator.Create(store, new SampleStoreOptions { Employees = employees, Days = days, Seed = 1, EndDate = new DateTime(2026, 5, 31) }, false, SilentReporter.Instance, CancellationToken.None));
        Console.WriteLine($"    {sample.ActivityRows:N0} activity rows, {sample.TrainedPeople:N0} trained, store {new FileInfo(store).Length / 1048576.0:N0} MB");
    }

    var ratioOnly = args.Contains("--ratio-only");
    if (!ratioOnly)
    {
        // Aggregation against the bare cost of reading the rows it aggregates (90 days, every network).
        Measure("Reading 90 days of activity rows alone", null, () => ScanOnly(store));
        Measure("Reading them into the participation calculator + Build", null, () => PeopleRows(store, individuals: false).Count);
        if (args.Contains("--scan"))
        {
            return 0;
        }

        // --steps prints when each step of a report starts, to see where the time goes.
        IOperationReporter reporter = args.Contains("--steps") ? new StepReporter() : SilentReporter.Instance;
        Measure("Participation report, no individuals", 10.0, () => ParticipationReport.Export(
            new ParticipationReportRequest { Path = Path.Combine(folder, "p.xlsx"), StorePath = store }, reporter, CancellationToken.None), 600);
        Measure("Participation report, with individuals (People sheet)", 10.0, () => ParticipationReport.Export(
            new ParticipationReportRequest { Path = Path.Combine(folder, "pi.xlsx"), StorePath = store, IncludeIndividuals = true }, reporter, CancellationToken.None), 600);
        var training = Measure("Training-effect report", 15.0, () => TrainingEffectReport.Export(
            new TrainingEffectReportRequest { Path = Path.Combine(folder, "t.xlsx"), StorePath = store }, reporter, CancellationToken.None));
        Console.WriteLine($"    trained {training.TrainedPeople:N0}, control {training.ControlPeople:N0}, effect {training.Effect:0.000} [{training.IntervalLow:0.000}, {training.IntervalHigh:0.000}] (ground truth {GroundTruth(store)})");
    }

    // The People sheet alone, against EPPlus 4.5.3.3 writing the same rows as a table.
    var people = PeopleRows(store);
    var columns = ParticipationReport.PeopleColumns(ReportGroupBy.Department);
    var ours = ratioOnly ? null : Measure($"People sheet, {people.Count:N0} rows: streamed rows", null, () => StreamPeople(folder, people, columns));
    var epplus = Measure($"People sheet, {people.Count:N0} rows: EPPlus 4.5.3.3", null, () => EpplusPeople(folder, people, columns));
    if (ours != null)
    {
        Console.WriteLine($"    ratio streamed / EPPlus = {ours.Seconds / epplus.Seconds:0.00}");
    }

    // The whole process, as a user runs it, against EPPlus writing the People table alone (measured once per process: a
    // second run in the same process would find EPPlus already compiled).
    var whole = WholeProcess(store, Path.Combine(folder, "whole.xlsx"));
    if (whole == null)
    {
        return 1;
    }

    Console.WriteLine($"{"Whole process: pwsh + Import-Module + report with individuals",-62} {whole.Value.Seconds,7:0.00} s  peak {whole.Value.PeakMegabytes,6:N0} MB (target <= 600 MB)");
    Console.WriteLine($"    RATIO whole process / EPPlus People table alone = {whole.Value.Seconds / epplus.Seconds:0.00} (target <= 1.00)");
    Console.WriteLine(FormattableString.Invariant($"RESULT epplus={epplus.Seconds:0.000} whole={whole.Value.Seconds:0.000} peak={whole.Value.PeakMegabytes}"));
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static string GroundTruth(string storePath)
{
    using var store = SocialStore.Open(storePath, createIfMissing: false);
    return store.GetMetadata(SampleMetadata.TrainingUplift) ?? "unknown";
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static T Measure<T>(string name, double? targetSeconds, Func<T> work, double? targetMegabytes = null)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var sampler = new PeakSampler();
    var clock = Stopwatch.StartNew();
    var result = work();
    clock.Stop();
    var peak = sampler.Stop();
    var target = targetSeconds.HasValue ? $" (target <= {targetSeconds:0} s{(targetMegabytes.HasValue ? $", <= {targetMegabytes:0} MB" : string.Empty)})" : string.Empty;
    Console.WriteLine($"{name,-62} {clock.Elapsed.TotalSeconds,7:0.00} s  peak {peak,6:N0} MB{target}");
    return result;
}

// The benchmark run by new benchmark processes, one after the other; the medians of their headline figures.
int RepeatRatio(int runs)
{
    var self = Environment.GetCommandLineArgs()[0];
    var forwarded = new List<string>();
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] == "--repeat")
        {
            i++;
        }
        else
        {
            forwarded.Add(args[i]);
        }
    }

    var results = new List<(double Epplus, double Whole, long Peak)>();
    for (var run = 1; run <= runs; run++)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (var argument in new[] { self }.Concat(forwarded))
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (child.ExitCode != 0 || line == null)
        {
            Console.WriteLine($"Run {run} failed (exit {child.ExitCode}):\n{output}");
            return 1;
        }

        var figures = line.Substring(7).Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        results.Add((figures["epplus"], figures["whole"], (long)figures["peak"]));
        Console.WriteLine($"Run {run}: EPPlus People table {figures["epplus"],5:0.00} s, whole process {figures["whole"],5:0.00} s (peak {figures["peak"]:N0} MB), ratio {figures["whole"] / figures["epplus"]:0.00}");
    }

    var epplusMedian = Median(results.Select(r => r.Epplus).ToList());
    var wholeMedian = Median(results.Select(r => r.Whole).ToList());
    Console.WriteLine($"Medians of {runs} runs: EPPlus {epplusMedian:0.00} s, whole process {wholeMedian:0.00} s; peak {results.Max(r => r.Peak):N0} MB at most (target <= 600 MB)");
    Console.WriteLine($"    RATIO of the medians, whole process / EPPlus People table alone = {wholeMedian / epplusMedian:0.00} (target <= 1.00); median of the ratios {Median(results.Select(r => r.Whole / r.Epplus).ToList()):0.00}");
    return 0;
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

// The rows as the report reads them (numbered rows, one connection), doing nothing with them.
static long ScanOnly(string storePath)
{
    using var store = SocialStore.Open(storePath, createIfMissing: false);
    var covered = store.ReadCoverage();
    var to = covered.Max(c => c.Day);
    var networks = covered.Select(c => c.Network).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
    long sum = 0;
    foreach (var row in store.ScanActivity(to.AddDays(-89), to, networks, long.MinValue, long.MaxValue))
    {
        sum += row.Posts + row.Reads;
    }

    return sum;
}

static List<PersonParticipation> PeopleRows(string storePath, bool individuals = true)
{
    using var store = SocialStore.Open(storePath, createIfMissing: false);
    var covered = store.ReadCoverage();
    var to = covered.Max(c => c.Day);
    var coverage = covered.GroupBy(c => c.Network).ToDictionary(g => g.Key, g => (IReadOnlyCollection<DateTime>)g.Select(c => c.Day).ToList());
    var calculator = new ParticipationCalculator(new ParticipationOptions { From = to.AddDays(-89), To = to, IncludeIndividuals = individuals, Coverage = coverage });
    var clock = Stopwatch.StartNew();
    var everyone = store.ReadReportPeople();
    var read = clock.Elapsed.TotalSeconds;
    foreach (var person in everyone)
    {
        calculator.AddPerson(person);
    }

    var added = clock.Elapsed.TotalSeconds;
    var sink = calculator.NewSink();
    foreach (var row in store.ScanActivity(to.AddDays(-89), to, calculator.CountedNetworks, long.MinValue, long.MaxValue))
    {
        sink.Add(row.PersonId, row.Network, row.Day, row.Posts, row.Replies, row.Reactions, row.Reads, row.Shares);
    }

    calculator.Merge(sink);

    var streamed = clock.Elapsed.TotalSeconds;
    if (!individuals)
    {
        var built = calculator.Build(null).Groups.Count;
        Console.WriteLine($"    read people {read:0.00} s, add people {added - read:0.00} s, stream and add activity {streamed - added:0.00} s, build {clock.Elapsed.TotalSeconds - streamed:0.00} s ({built} groups)");
        return new List<PersonParticipation>();
    }

    using var pseudonyms = new Pseudonymiser(store.GetOrCreatePseudonymKey());
    return calculator.Build(null, p => pseudonyms.For(p.UserPrincipalName)).People.ToList();
}

static Timing StreamPeople(string folder, List<PersonParticipation> people, IReadOnlyList<TableColumn<PersonParticipation>> columns)
{
    var clock = Stopwatch.StartNew();
    var placeholder = Path.Combine(folder, "people-placeholder.xlsx");
    var final = Path.Combine(folder, "people-streamed.xlsx");
    var sheet = new StreamedTableSheet<PersonParticipation>("People", columns, people);
    using (var workbook = new XLWorkbook())
    {
        sheet.WritePlaceholder(workbook, "People");
        workbook.SaveAs(placeholder);
    }

    using (var document = SpreadsheetDocument.Open(placeholder, false))
    {
        sheet.Inspect(document);
    }

    using (var output = new FileStream(final, FileMode.CreateNew))
    {
        sheet.CopyWithRows(placeholder, output, SilentReporter.Instance, "bench", CancellationToken.None);
    }

    return new Timing(clock.Elapsed.TotalSeconds);
}

static Timing EpplusPeople(string folder, List<PersonParticipation> people, IReadOnlyList<TableColumn<PersonParticipation>> columns)
{
    var clock = Stopwatch.StartNew();
    using (var package = new ExcelPackage())
    {
        var sheet = package.Workbook.Worksheets.Add("People");
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Cells[1, c + 1].Value = columns[c].Header;
        }

        for (var r = 0; r < people.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var value = columns[c].Value(people[r]);
                sheet.Cells[r + 2, c + 1].Value = value is bool flag ? (flag ? "Yes" : "No") : value;
            }
        }

        for (var c = 0; c < columns.Count; c++)
        {
            var format = CellFormats.FormatCode(columns[c].Kind);
            if (format != null)
            {
                sheet.Cells[2, c + 1, people.Count + 1, c + 1].Style.Numberformat.Format = format;
            }
        }

        var table = sheet.Tables.Add(sheet.Cells[1, 1, people.Count + 1, columns.Count], "People");
        table.TableStyle = TableStyles.Medium2;
        sheet.View.FreezePanes(2, 1);
        package.SaveAs(new FileInfo(Path.Combine(folder, "people-epplus.xlsx")));
    }

    return new Timing(clock.Elapsed.TotalSeconds);
}

/// <summary>
/// A new pwsh process (the repository's local tool) that imports the built module and writes the participation report
/// with individuals; wall time from start to exit, and the peak resident memory of the process (VmHWM, Linux).
/// </summary>
static (double Seconds, long PeakMegabytes)? WholeProcess(string store, string workbook)
{
    var root = new DirectoryInfo(AppContext.BaseDirectory);
    while (root != null && !File.Exists(Path.Combine(root.FullName, "SocialToolkit.psd1")))
    {
        root = root.Parent;
    }

    var manifest = root == null ? null : Directory.GetFiles(Path.Combine(root.FullName, "out", "SocialToolkit"), "SocialToolkit.psd1", SearchOption.AllDirectories).FirstOrDefault();
    if (manifest == null)
    {
        Console.WriteLine("Whole process: skipped (build src/SocialToolkit.PowerShell first: the module goes to out/SocialToolkit/<version>/).");
        return null;
    }

    // Reads its own peak resident set just before exiting: the figure the operating system kept for the whole process.
    var script = $"Import-Module '{manifest}'; Export-SocialParticipationReport -Path '{workbook}' -StorePath '{store}' -IncludeIndividuals -Force -WarningAction SilentlyContinue; "
        + "if (Test-Path /proc/self/status) { (Get-Content /proc/self/status | Where-Object { $_ -like 'VmHWM*' }) }";
    var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root!.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", script })
    {
        start.ArgumentList.Add(argument);
    }

    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    var errors = process.StandardError.ReadToEnd();
    process.WaitForExit();
    clock.Stop();
    if (process.ExitCode != 0 || !File.Exists(workbook))
    {
        Console.WriteLine($"Whole process failed (exit {process.ExitCode}): {errors}{output}");
        return null;
    }

    var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal));
    var kilobytes = line == null ? 0 : long.Parse(new string(line.Where(char.IsDigit).ToArray()), CultureInfo.InvariantCulture);
    return (clock.Elapsed.TotalSeconds, kilobytes / 1024);
}

static void WriteSamples(string folder)
{
    Directory.CreateDirectory(folder);
    var store = Path.Combine(folder, "sample-store.db");
    var info = SampleStoreGenerator.Create(store, new SampleStoreOptions { Employees = 500, Days = 180, Seed = 42, EndDate = new DateTime(2026, 5, 31) }, true, SilentReporter.Instance, CancellationToken.None);
    Console.WriteLine($"Sample store {store}: {info.Employees} people, {info.ActivityRows:N0} activity rows");
    var participation = ParticipationReport.Export(new ParticipationReportRequest { Path = Path.Combine(folder, "participation-report.xlsx"), StorePath = store, Force = true }, SilentReporter.Instance, CancellationToken.None);
    Console.WriteLine(participation.FullName);
    var french = ParticipationReport.Export(new ParticipationReportRequest { Path = Path.Combine(folder, "participation-report-fr.xlsx"), StorePath = store, Force = true, Language = SocialToolkit.Core.Model.ReportLanguage.Fr }, SilentReporter.Instance, CancellationToken.None);
    Console.WriteLine(french.FullName);
    var training = TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = Path.Combine(folder, "training-effect-report.xlsx"), StorePath = store, Force = true }, SilentReporter.Instance, CancellationToken.None);
    Console.WriteLine($"{training.FullName}: effect {training.Effect:0.00} [{training.IntervalLow:0.00}, {training.IntervalHigh:0.00}], ground truth {info.TrainingUplift}");
}

internal sealed record Timing(double Seconds);

/// <summary>Prints each new progress status with the time since the previous one.</summary>
internal sealed class StepReporter : IOperationReporter
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private string last = string.Empty;

    public void Progress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1)
    {
        var step = status.Split(':')[0];
        if (step != last)
        {
            Console.WriteLine($"      {clock.Elapsed.TotalSeconds,7:0.00} s  {status}");
            last = step;
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
