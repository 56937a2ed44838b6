using System.Security;
using System.Text;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;
using SocialToolkit.FakeGraph;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Reading;

namespace SocialToolkit.Engine.Tests.Graph;

/// <summary>A fake Graph server with every feature, and sessions connected to it through the real SDK.</summary>
public sealed class GraphFixture : IAsyncDisposable
{
    public static readonly DateTime Today = new(2026, 11, 30);

    private GraphFixture(FakeGraphServer server, ReportsFeature reports, LearningFeature learning, ListsFeature lists, BatchFeature batch)
    {
        Server = server;
        Reports = reports;
        Learning = learning;
        Lists = lists;
        Batch = batch;
    }

    public FakeGraphServer Server { get; }
    public ReportsFeature Reports { get; }
    public LearningFeature Learning { get; }
    public ListsFeature Lists { get; }
    public BatchFeature Batch { get; }

    /// <summary>Retries without the production delays (Retry-After from the server is still honoured).</summary>
    public static GraphReadOptions FastRetries => new()
    {
        RetryDelaySeconds = 0,
        ConnectionBackoff = TimeSpan.FromMilliseconds(20),
    };

    public static async Task<GraphFixture> StartAsync(int users = 60, int disabledEvery = 0)
    {
        var tenant = new FakeTenant().WithGeneratedUsers(users, disabledEvery);
        var reports = new ReportsFeature { Today = Today };
        var learning = new LearningFeature();
        var lists = new ListsFeature();
        var batch = new BatchFeature();
        var server = await FakeGraphServer.StartAsync(tenant, reports, learning, lists, batch);
        return new GraphFixture(server, reports, learning, lists, batch);
    }

    public Task<GraphSession> ConnectAsync(bool delegated = false)
    {
        var token = Token(Server.Tenant.TenantId, delegated);
        Server.RequiredBearerToken = token;
        return GraphConnector.ConnectAsync(
            new GraphConnectionOptions { AuthMode = GraphAuthMode.AccessToken, AccessToken = Secure(token), GraphEndpoint = Server.BaseUrl },
            SilentReporter.Instance,
            CancellationToken.None);
    }

    /// <summary>A JWT-shaped token: app roles (app-only) or delegated scopes.</summary>
    public static string Token(string tenantId, bool delegated)
    {
        static string Segment(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var grant = delegated
            ? "\"scp\":\"User.Read.All Reports.Read.All LearningContent.Read.All LearningAssignedCourse.Read.All LearningSelfInitiatedCourse.Read.All\""
            : "\"roles\":[\"User.Read.All\",\"Reports.Read.All\",\"Sites.Read.All\"]";
        var payload = $"{{\"tid\":\"{tenantId}\",{grant},\"exp\":{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}";
        return Segment("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Segment(payload) + ".c2lnbmF0dXJl";
    }

    public static SecureString Secure(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>Keeps every report for assertions.</summary>
public sealed class RecordingReporter : IOperationReporter
{
    private readonly object gate = new();

    public List<(string Activity, string Status, int Percent, int SecondsRemaining)> Progress { get; } = new();
    public List<string> Verbose { get; } = new();
    public List<string> Warnings { get; } = new();
    public List<string> Notices { get; } = new();

    void IOperationReporter.Progress(string activity, string status, int percentComplete, int secondsRemaining)
    {
        lock (gate)
        {
            Progress.Add((activity, status, percentComplete, secondsRemaining));
        }
    }

    void IOperationReporter.Verbose(string message)
    {
        lock (gate)
        {
            Verbose.Add(message);
        }
    }

    void IOperationReporter.Warning(string message)
    {
        lock (gate)
        {
            Warnings.Add(message);
        }
    }

    void IOperationReporter.Notice(string message)
    {
        lock (gate)
        {
            Notices.Add(message);
        }
    }
}

/// <summary>Everything a store holds that a sync writes, in a comparable form.</summary>
public static class StoreSnapshot
{
    public static List<string> Read(StoreLocation location)
    {
        using var store = SocialStore.OpenReadOnly(location);
        var lines = new List<string>();
        void Query(string label, string sql)
        {
            using var command = store.Command(sql);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                lines.Add(label + ": " + string.Join("|", values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        Query("person", "SELECT directory_id, upn, mail, display_name, department, job_title, office, country, manager_directory_id, manager_upn, hire_date, enabled FROM person ORDER BY upn");
        Query("coverage", "SELECT network, day, source, row_count FROM coverage ORDER BY network, day");
        Query("activity", "SELECT p.upn, a.network, a.day, a.posts, a.replies, a.reactions, a.reads, a.shares, a.source FROM activity a JOIN person p ON p.id = a.person_id ORDER BY p.upn, a.network, a.day");
        Query("training", "SELECT p.upn, t.course_id, t.course_title, t.provider, t.status, t.assigned_date, t.completed_date, t.completion_percentage, t.source FROM training t JOIN person p ON p.id = t.person_id ORDER BY p.upn, t.course_id");
        return lines;
    }
}
