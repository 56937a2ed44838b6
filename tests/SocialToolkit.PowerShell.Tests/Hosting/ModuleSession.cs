using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.Loader;
using System.Text.RegularExpressions;

namespace SocialToolkit.PowerShell.Tests.Hosting;

/// <summary>Everything one script run produced, stream by stream.</summary>
public sealed class ScriptResult
{
    public List<PSObject> Output { get; } = new();
    public List<ErrorRecord> Errors { get; } = new();
    public List<WarningRecord> Warnings { get; } = new();
    public List<VerboseRecord> Verbose { get; } = new();
    public List<DebugRecord> Debug { get; } = new();
    public List<InformationRecord> Information { get; } = new();
    public List<ProgressRecord> Progress { get; } = new();

    /// <summary>The exception that ended the script, if any (a terminating error under -ErrorAction Stop).</summary>
    public Exception? Terminating { get; set; }

    /// <summary>Every message of every stream, for "this secret appears nowhere" assertions.</summary>
    public IEnumerable<string> AllText()
    {
        foreach (var o in Output) yield return o?.ToString() ?? string.Empty;
        foreach (var e in Errors)
        {
            yield return e.ToString();
            yield return e.Exception?.ToString() ?? string.Empty;
            yield return e.ErrorDetails?.Message ?? string.Empty;
            yield return e.TargetObject?.ToString() ?? string.Empty;
        }
        foreach (var w in Warnings) yield return w.Message;
        foreach (var v in Verbose) yield return v.Message;
        foreach (var d in Debug) yield return d.Message;
        foreach (var i in Information) yield return i.MessageData?.ToString() ?? string.Empty;
        foreach (var p in Progress) yield return p.Activity + " " + p.StatusDescription;
        if (Terminating != null) yield return Terminating.ToString();
    }

    /// <summary>Fails with the errors' text when the script wrote any error.</summary>
    public ScriptResult AssertNoErrors()
    {
        if (Errors.Count > 0 || Terminating != null)
        {
            var text = string.Join(Environment.NewLine, Errors.Select(e => e.ToString() + " | " + e.FullyQualifiedErrorId).Append(Terminating?.ToString() ?? string.Empty));
            throw new Xunit.Sdk.XunitException("The script failed:" + Environment.NewLine + text);
        }

        return this;
    }
}

/// <summary>
/// A real PowerShell runspace (System.Management.Automation hosted in-process) with the built module
/// imported from out/SocialToolkit/&lt;version&gt;/, the way a user's session would import it.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    // Opening runspaces from several test classes at once once gave a runspace without its core cmdlets
    // ("The term 'Import-Module' is not recognized") on a loaded machine: they are opened, and the module
    // imported, one at a time.
    private static readonly object OpenLock = new();

    private readonly Runspace runspace;

    static ModuleSession()
    {
        // Every runspace test runs with an older Kiota already in the default context, the situation that
        // breaks Graph modules without isolation. The isolation test asserts it is really there.
        var oldKiota = Path.Combine(AppContext.BaseDirectory, "Microsoft.Kiota.Abstractions.dll");
        PreloadedKiota = AssemblyLoadContext.Default.LoadFromAssemblyPath(oldKiota);
    }

    public ModuleSession(bool importModule = true)
    {
        Host = new RecordingHost();
        lock (OpenLock)
        {
            var state = InitialSessionState.CreateDefault2();
            runspace = RunspaceFactory.CreateRunspace(Host, state);
            runspace.Open();
            if (importModule)
            {
                Run($"Import-Module '{ModulePaths.Manifest}' -ErrorAction Stop").AssertNoErrors();
            }
        }
    }

    /// <summary>The Kiota.Abstractions 1.x assembly loaded before any module import.</summary>
    public static System.Reflection.Assembly PreloadedKiota { get; }

    public RecordingHost Host { get; }

    /// <summary>Runs a script; variables are set in the session first. Verbose and debug go to their streams.</summary>
    public ScriptResult Run(string script, IDictionary<string, object?>? variables = null, bool verbose = false)
    {
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }

        runspace.SessionStateProxy.SetVariable("VerbosePreference", verbose ? "Continue" : "SilentlyContinue");
        runspace.SessionStateProxy.SetVariable("DebugPreference", verbose ? "Continue" : "SilentlyContinue");
        runspace.SessionStateProxy.SetVariable("ProgressPreference", "Continue");

        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        var result = new ScriptResult();
        var output = new PSDataCollection<PSObject>();
        output.DataAdded += (_, e) => result.Output.Add(output[e.Index]);
        try
        {
            shell.Invoke<PSObject, PSObject>(null, output, new PSInvocationSettings());
        }
        catch (RuntimeException e)
        {
            result.Terminating = e;
        }

        result.Errors.AddRange(shell.Streams.Error);
        result.Warnings.AddRange(shell.Streams.Warning);
        result.Verbose.AddRange(shell.Streams.Verbose);
        result.Debug.AddRange(shell.Streams.Debug);
        result.Information.AddRange(shell.Streams.Information);
        result.Progress.AddRange(shell.Streams.Progress);
        return result;
    }

    /// <summary>A PowerShell instance bound to this session, for tests that invoke asynchronously or stop a command.</summary>
    public System.Management.Automation.PowerShell CreateShell(string script, IDictionary<string, object?>? variables = null)
    {
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }

        var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        return shell;
    }

    public void Dispose() => runspace.Dispose();
}

/// <summary>Where the repository and the built module are.</summary>
public static class ModulePaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ModuleVersion { get; } =
        Regex.Match(File.ReadAllText(Path.Combine(RepositoryRoot, "SocialToolkit.psd1")), @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;

    public static string ModuleFolder => Path.Combine(RepositoryRoot, "out", "SocialToolkit", ModuleVersion);

    public static string Manifest => Path.Combine(ModuleFolder, "SocialToolkit.psd1");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "SocialToolkit.psd1")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SocialToolkit.psd1 not found above " + AppContext.BaseDirectory);
    }
}
