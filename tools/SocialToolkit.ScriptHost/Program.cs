using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SocialToolkit.ScriptHost;

// socialtoolkit-pwsh <script.ps1> [-Name value] [-Switch] ...
// socialtoolkit-pwsh -Command "<script text>"
// Exit code: the script's `exit N` (or a failed native command it ran last), else 1 when it failed with an
// error, else 0.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: socialtoolkit-pwsh <script.ps1> [-Parameter value ...] | -Command <text>");
    return 2;
}

var host = new ConsoleHost();
using var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
runspace.Open();
using var shell = PowerShell.Create();
shell.Runspace = runspace;

if (args[0].Equals("-Command", StringComparison.OrdinalIgnoreCase))
{
    shell.AddScript(string.Join(" ", args.Skip(1)));
}
else
{
    var script = Path.GetFullPath(args[0]);
    if (!File.Exists(script))
    {
        Console.Error.WriteLine($"Script not found: {script}");
        return 2;
    }

    shell.AddCommand(script);
    for (var i = 1; i < args.Length; i++)
    {
        var name = args[i];
        if (!name.StartsWith('-'))
        {
            shell.AddArgument(name);
            continue;
        }

        var parameter = name.TrimStart('-');
        var colon = parameter.IndexOf(':');
        if (colon > 0)
        {
            shell.AddParameter(parameter[..colon], parameter[(colon + 1)..]);
        }
        else if (i + 1 < args.Length && !args[i + 1].StartsWith('-'))
        {
            shell.AddParameter(parameter, args[++i]);
        }
        else
        {
            shell.AddParameter(parameter);
        }
    }
}

// Formatted like a console: objects go through Out-Default; the other streams are printed as they arrive.
shell.AddCommand("Out-Default");
shell.Streams.Error.DataAdded += (_, e) => Console.Error.WriteLine(shell.Streams.Error[e.Index].ToString());
shell.Streams.Warning.DataAdded += (_, e) => Console.Out.WriteLine("WARNING: " + shell.Streams.Warning[e.Index].Message);
shell.Streams.Verbose.DataAdded += (_, e) => Console.Out.WriteLine("VERBOSE: " + shell.Streams.Verbose[e.Index].Message);
shell.Streams.Information.DataAdded += (_, e) => Console.Out.WriteLine(shell.Streams.Information[e.Index].MessageData?.ToString());

try
{
    shell.Invoke();
}
catch (RuntimeException e)
{
    Console.Error.WriteLine(e.ErrorRecord?.ToString() ?? e.Message);
    if (e.ErrorRecord?.InvocationInfo?.PositionMessage is { Length: > 0 } position)
    {
        Console.Error.WriteLine(position);
    }

    return host.ExitCode ?? 1;
}

// `exit N` in a script file sets $LASTEXITCODE rather than asking the host to exit.
var lastExitCode = runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int code ? code : 0;
return host.ExitCode ?? (lastExitCode != 0 ? lastExitCode : shell.Streams.Error.Count > 0 ? 1 : 0);
