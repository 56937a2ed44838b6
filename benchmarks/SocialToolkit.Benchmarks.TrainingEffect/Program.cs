using System.Diagnostics;
using System.Globalization;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Sample;
using SocialToolkit.Data.Store;
using SocialToolkit.Reports;
using SocialToolkit.Simulation.Tests;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var mode = args.Length > 0 ? args[0] : "all";
if (mode is "coverage" or "all")
{
    var replications = args.Length > 1 && mode == "coverage" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
    var only = args.Length > 2 ? Enum.Parse<SampleScenario>(args[2]) : (SampleScenario?)null;
    var clusterBy = args.Length > 3 ? Enum.Parse<SocialToolkit.Core.Analytics.TrainingClusterBy>(args[3]) : SocialToolkit.Core.Analytics.TrainingClusterBy.Department;
    Console.WriteLine($"Coverage table: {replications} seeded organisations of 500 people, 180 days, per scenario (default options unless said)");
    foreach (var scenario in Enum.GetValues<SampleScenario>().Where(s => only == null || s == only))
    {
        var watch = Stopwatch.StartNew();
        var runs = TrainingEffectSimulation.Run(scenario, replications, configure: o =>
        {
            o.ClusterBy = clusterBy;
            if (scenario == SampleScenario.MandatoryCourse)
            {
                o.Courses = new[] { "SOC-101", "SOC-201", "SOC-301" };
            }
        }).ToList();
        Console.WriteLine($"{TrainingEffectSimulation.Summarise(scenario, runs)}  ({watch.Elapsed.TotalSeconds:0.0} s)");
    }
}

if (mode is "scale" or "all")
{
    // The store is written by a child process so that the peak memory measured here is the report's alone.
    var employees = args.Length > 1 && mode == "scale" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
    // A third argument keeps (or reuses) the store, to measure the report again without writing the store again.
    var folder = Directory.CreateTempSubdirectory("training-effect-benchmark");
    try
    {
        var store = args.Length > 2 && mode == "scale" ? Path.GetFullPath(args[2]) : Path.Combine(folder.FullName, "store.db");
        var watch = Stopwatch.StartNew();
        if (File.Exists(store))
        {
            Console.WriteLine($"Sample store: {store} reused");
        }
        else
        {
            var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, new[] { typeof(Silent).Assembly.Location, "store", store, employees.ToString(CultureInfo.InvariantCulture) }) { UseShellExecute = false })!;
            child.WaitForExit();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException("The sample store could not be written.");
            }

            Console.WriteLine($"Sample store: {employees:N0} people, 180 days in {watch.Elapsed.TotalSeconds:0.0} s ({new FileInfo(store).Length / 1048576.0:0} MB)");
        }

        watch.Restart();
        var info = TrainingEffectReport.Export(new TrainingEffectReportRequest { Path = Path.Combine(folder.FullName, "effect.xlsx"), StorePath = store }, Silent.Instance, CancellationToken.None);
        var elapsed = watch.Elapsed;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"Training-effect report: {elapsed.TotalSeconds:0.0} s, peak working set {process.PeakWorkingSet64 / 1048576.0:0} MB (targets: 15 s, 800 MB); effect {info.Effect:+0.000;-0.000} [{info.IntervalLow:+0.000;-0.000}, {info.IntervalHigh:+0.000;-0.000}], {info.TrainedPeople:N0} trained, {info.ControlPeople:N0} compared; pre-trend check {info.PreTrendCheck}");
    }
    finally
    {
        folder.Delete(recursive: true);
    }
}

if (mode == "store")
{
    SampleStoreGenerator.Create(args[1], new SampleStoreOptions { Employees = int.Parse(args[2], CultureInfo.InvariantCulture), Days = 180, EndDate = TrainingEffectSimulation.EndDate, Seed = 1 }, false, Silent.Instance, CancellationToken.None);
}

internal sealed class Silent : IOperationReporter
{
    public static readonly Silent Instance = new();

    public void Progress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1)
    {
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
