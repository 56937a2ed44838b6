using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security;
using System.Text;
using SocialToolkit.Core.Operations;
using SocialToolkit.FakeGraph;
using SocialToolkit.Graph.Connection;

namespace SocialToolkit.Benchmarks.Shared;

/// <summary>
/// The fake Graph server for a tenant of generated people, run in a child process (the benchmark program itself, started
/// with <see cref="ServeArgument"/>), so the parent's memory figures are the sync's own. Every request waits 20 ms, as a
/// real round trip would. A program that uses it starts with:
/// <c>if (FakeGraphProcess.IsServeCommand(args)) return await FakeGraphProcess.ServeAsync(args);</c>
/// </summary>
public sealed class FakeGraphProcess : IDisposable
{
    public const string ServeArgument = "--serve";

    /// <summary>The latency the server adds to every request.</summary>
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    private FakeGraphProcess(Process process, Uri baseUrl, string token)
    {
        Process = process;
        BaseUrl = baseUrl;
        Token = token;
    }

    /// <summary>The child process, for its CPU time.</summary>
    public Process Process { get; }

    public Uri BaseUrl { get; }

    private string Token { get; }

    public static bool IsServeCommand(string[] args) => args.Length > 0 && args[0] == ServeArgument;

    /// <summary>Starts this program again as the server of <paramref name="people"/> generated people (one in 50 disabled).</summary>
    public static FakeGraphProcess Start(int people)
    {
        var token = AccessToken(new FakeTenant().TenantId);
        var program = Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("No entry program to start as the fake Graph server.");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { program, ServeArgument, people.ToString(CultureInfo.InvariantCulture), token })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        var line = process.StandardOutput.ReadLine();
        if (line == null)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException("The fake Graph server did not start.");
        }

        return new FakeGraphProcess(process, new Uri(line), token);
    }

    /// <summary>A Graph session on the server, signed in with the access token it expects.</summary>
    public Task<GraphSession> ConnectAsync() => GraphConnector.ConnectAsync(
        new GraphConnectionOptions { AuthMode = GraphAuthMode.AccessToken, AccessToken = Secure(Token), GraphEndpoint = BaseUrl },
        SilentReporter.Instance,
        CancellationToken.None);

    /// <summary>Moves <paramref name="count"/> people, spread over the directory, to another department (a day of moves).</summary>
    public void ChangeDepartments(int count)
    {
        Process.StandardInput.WriteLine("change " + count.ToString(CultureInfo.InvariantCulture));
        Process.StandardInput.Flush();
        if (Process.StandardOutput.ReadLine() != "changed")
        {
            throw new InvalidOperationException("The fake Graph server did not apply the changes.");
        }
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    /// <summary>The child's side: serves until the parent closes its input (or kills it).</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var people = int.Parse(args[1], CultureInfo.InvariantCulture);
        var reports = new ReportsFeature { Today = DateTime.UtcNow.Date };
        await using var server = await FakeGraphServer.StartAsync(new FakeTenant().WithGeneratedUsers(people, disabledEvery: 50), reports, new BatchFeature());
        server.RequiredBearerToken = args[2];
        server.Latency = Latency;
        Console.WriteLine(server.BaseUrl);
        Console.Out.Flush();

        // "change N" changes the department of N people, spread over the directory, as a day of moves would.
        string? line;
        while ((line = await Console.In.ReadLineAsync()) != null)
        {
            if (line.StartsWith("change ", StringComparison.Ordinal))
            {
                var count = int.Parse(line.Substring(7), CultureInfo.InvariantCulture);
                var users = server.Tenant.Users;
                var step = Math.Max(1, users.Count / Math.Max(1, count));
                for (var i = 0; i < count && i * step < users.Count; i++)
                {
                    server.Tenant.Change(users[i * step], u => u.Department = "Moved " + (u.Department ?? string.Empty));
                }

                Console.WriteLine("changed");
                Console.Out.Flush();
            }
        }

        return 0;
    }

    /// <summary>An unsigned token carrying the tenant and the application roles the server checks.</summary>
    private static string AccessToken(string tenantId)
    {
        static string Segment(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Segment("{\"alg\":\"none\"}") + "." + Segment($"{{\"tid\":\"{tenantId}\",\"roles\":[\"User.Read.All\",\"Reports.Read.All\"],\"exp\":{DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeSeconds()}}}") + ".c2ln";
    }

    private static SecureString Secure(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
