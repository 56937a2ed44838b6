using System.Globalization;
using SocialToolkit.FakeGraph;

// Usage: SocialToolkit.FakeGraph.Host [--users <count>]
// Serves a fake Microsoft Graph on 127.0.0.1: users in five departments (every seventh one disabled), the usage
// reports, Viva Learning, the SharePoint training lists the help examples name, and $batch. Prints its root (http://127.0.0.1:<port>/v1.0) on the first line,
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
var lists = new ListsFeature();
lists.Lists.Add(TrainingList(
    "Social media training", new[] { "Employee", "CourseCode", "Title", "State", "CompletedOn" }));
lists.Lists.Add(TrainingList(
    "Training", new[] { "UserPrincipalName", "CourseId", "CourseTitle", "Status", "CompletedDate" }));
await using var server = await FakeGraphServer.StartAsync(tenant, new ReportsFeature(), new LearningFeature().WithGenerated(tenant), lists, new BatchFeature());
Console.WriteLine(server.BaseUrl.AbsoluteUri);
Console.Out.Flush();
await Console.In.ReadToEndAsync();
return 0;

// A training list on the site the help examples name, one completion per user, under the given column names
// (person, course id, course title, status, completion date).
FakeList TrainingList(string name, string[] columns)
{
    var list = new FakeList { SiteId = ExampleSite, ListId = name };
    foreach (var user in tenant.Users)
    {
        list.Items.Add(new Dictionary<string, object?>
        {
            [columns[0]] = user.UserPrincipalName,
            [columns[1]] = "SOC-101",
            [columns[2]] = "Social media basics",
            [columns[3]] = "Completed",
            [columns[4]] = "2026-10-05T00:00:00Z",
        });
    }

    return list;
}

/// <summary>The SharePoint site id the help examples use.</summary>
internal static partial class Program
{
    public const string ExampleSite = "contoso.sharepoint.com,6f0c2d4e-1111-4a8b-9c10-2b3c4d5e6f70,8a9b0c1d-2222-4e3f-8a7b-6c5d4e3f2a10";
}
