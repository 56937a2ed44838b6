using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.RegularExpressions;

// Module import time in a fresh runspace. The first import pays for loading and JIT-compiling
// SocialToolkit.PowerShell and SocialToolkit.Core in this process; later ones show a warm process.
// The engine's private load context is created lazily at the first engine call, measured separately.
// Usage: dotnet run -c Release --project benchmarks/SocialToolkit.Benchmarks.Module [-- <runs>]
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var root = new DirectoryInfo(AppContext.BaseDirectory);
while (root != null && !File.Exists(Path.Combine(root.FullName, "SocialToolkit.psd1")))
{
    root = root.Parent;
}

if (root == null)
{
    Console.Error.WriteLine("SocialToolkit.psd1 not found above " + AppContext.BaseDirectory);
    return 2;
}

var version = Regex.Match(File.ReadAllText(Path.Combine(root.FullName, "SocialToolkit.psd1")), @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
var manifest = Path.Combine(root.FullName, "out", "SocialToolkit", version, "SocialToolkit.psd1");

static (double ImportMs, double FirstEngineCallMs) ImportOnce(string manifest, bool callEngine)
{
    using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    runspace.Open();
    using var shell = PowerShell.Create();
    shell.Runspace = runspace;
    var watch = Stopwatch.StartNew();
    shell.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("ErrorAction", "Stop").Invoke();
    var import = watch.Elapsed.TotalMilliseconds;
    var engine = double.NaN;
    if (callEngine)
    {
        // Disconnect-SocialToolkit touches the Graph engine assembly, which creates the private load context.
        shell.Commands.Clear();
        watch.Restart();
        shell.AddCommand("Disconnect-SocialToolkit").Invoke();
        engine = watch.Elapsed.TotalMilliseconds;
    }

    return (import, engine);
}

var cold = ImportOnce(manifest, callEngine: true);
var warm = Enumerable.Range(0, runs).Select(_ => ImportOnce(manifest, callEngine: false).ImportMs).OrderBy(t => t).ToList();
Console.WriteLine($"Module: {manifest}");
Console.WriteLine($"Import-Module, first in a new process : {cold.ImportMs,8:F1} ms (target < 1000 ms)");
Console.WriteLine($"First engine call (private context)   : {cold.FirstEngineCallMs,8:F1} ms");
Console.WriteLine($"Import-Module, fresh runspace, warm   : median {warm[warm.Count / 2]:F1} ms, max {warm[^1]:F1} ms over {runs} runs");
return 0;
