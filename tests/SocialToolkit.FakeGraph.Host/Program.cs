using System.Globalization;
using SocialToolkit.FakeGraph;

// Usage: SocialToolkit.FakeGraph.Host [--users <count>]
// Serves a fake Microsoft Graph on 127.0.0.1: users in five departments (every seventh one disabled), the usage
// reports, Viva Learning, SharePoint lists and $batch. Prints its root (http://127.0.0.1:<port>/v1.0) on the first line,
// then serves until standard input closes, so the process that started it cannot leave it running.
var users = 60;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (string.Equals(args[i], "--users", StringComparison.OrdinalIgnoreCase))
    {
        users = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    }
}

var tenant = new FakeTenant().WithGeneratedUsers(users, disabledEvery: 7);
await using var server = await FakeGraphServer.StartAsync(tenant, new ReportsFeature(), new LearningFeature().WithGenerated(tenant), new ListsFeature(), new BatchFeature());
Console.WriteLine(server.BaseUrl.AbsoluteUri);
Console.Out.Flush();
await Console.In.ReadToEndAsync();
return 0;
