using System.Globalization;
using System.Security;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Reading;
using SocialToolkit.Graph.Sync;

// Usage: SocialToolkit.SyncProcess --endpoint <graph root> --token <access token> [--today yyyy-MM-dd]
// The store is $env:SOCIALTOOLKIT_STORE (a path or a connection string), as for the module, so that a password stays off
// the command line. Prints one line per stored day ("stored VivaEngage 2026-11-02 ...") and "done" at the end.
var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

if (!options.TryGetValue("endpoint", out var endpoint) || !options.TryGetValue("token", out var token) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable(StorePaths.EnvironmentVariable)))
{
    Console.Error.WriteLine($"usage: --endpoint <graph root> --token <access token> [--today yyyy-MM-dd], with the store in ${StorePaths.EnvironmentVariable}");
    return 2;
}

var secure = new SecureString();
foreach (var c in token)
{
    secure.AppendChar(c);
}

try
{
    var reporter = new ConsoleReporter();
    using var session = await GraphConnector.ConnectAsync(
        new GraphConnectionOptions { AuthMode = GraphAuthMode.AccessToken, AccessToken = secure, GraphEndpoint = new Uri(endpoint) },
        reporter,
        CancellationToken.None);
    var request = new SyncRequest
    {
        StorePath = StorePaths.Default(),
        PaceWindow = TimeSpan.Zero,
        Today = options.TryGetValue("today", out var today) ? DateTime.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        ReadOptions = new GraphReadOptions { RetryDelaySeconds = 0, ConnectionBackoff = TimeSpan.FromMilliseconds(50) },
    };
    var summary = await SocialSync.RunAsync(session, request, SocialSync.Plan(request), reporter, CancellationToken.None);
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "done {0} {1} {2}", summary.VivaEngageDaysAdded, summary.TeamsDaysAdded, summary.RowsStored));
    return 0;
}
catch (SocialToolkitException e)
{
    Console.Error.WriteLine(e.ErrorId + ": " + e.Message);
    return 1;
}

/// <summary>Writes each stored day to stdout, flushed at once, so a watching test sees progress.</summary>
internal sealed class ConsoleReporter : IOperationReporter
{
    public void Progress(string activity, string status, int percentComplete = -1, int secondsRemaining = -1)
    {
    }

    public void Verbose(string message)
    {
        if (message.Contains("report rows", StringComparison.Ordinal))
        {
            Console.Out.WriteLine("stored " + message);
            Console.Out.Flush();
        }
    }

    public void Warning(string message) => Console.Error.WriteLine("warning: " + message);

    public void Notice(string message) => Console.Error.WriteLine(message);
}
