using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SocialToolkit.FakeGraph;

/// <summary>One person's figures on one day in the generated usage data.</summary>
public readonly record struct FakeDayActivity(int Posted, int Read, int Liked, int PostMessages, int ReplyMessages, int TeamChat, int PrivateChat, int Calls, int Meetings)
{
    public bool AnyVivaEngage => Posted + Read + Liked > 0;

    public bool AnyTeams => PostMessages + ReplyMessages + TeamChat + PrivateChat + Calls + Meetings > 0;
}

/// <summary>
/// The usage reports: getYammerActivityUserDetail and getTeamsUserActivityUserDetail with (period='D7|D30|D90|D180')
/// or (date=YYYY-MM-DD). Graph answers 302 to a download URL on this server, outside /v1.0 and without
/// authentication, which serves the CSV (UTF-8 with BOM, the documented headers). Dates outside the last 28 days
/// get 400; days after <see cref="LatestDataDay"/> have not "landed" and come back with headers only.
/// Also /admin/reportSettings (displayConcealedNames), which switches hashed names on and off.
/// Activity is generated from a seed: the same user, day and seed always give the same figures.
/// </summary>
public sealed partial class ReportsFeature : IFakeGraphFeature
{
    public static readonly string[] VivaEngageColumns =
    {
        "Report Refresh Date", "User Principal Name", "Display Name", "User State", "State Change Date", "Last Activity Date",
        "Posted Count", "Read Count", "Liked Count", "Assigned Products", "Report Period",
    };

    public static readonly string[] TeamsColumns =
    {
        "Report Refresh Date", "Tenant Display Name", "Shared Channel Tenant Display Names", "User Id", "User Principal Name", "Last Activity Date",
        "Is Deleted", "Deleted Date", "Assigned Products", "Team Chat Message Count", "Private Chat Message Count", "Call Count", "Meeting Count",
        "Post Messages", "Reply Messages", "Urgent Messages", "Meetings Organized Count", "Meetings Attended Count", "Ad Hoc Meetings Organized Count",
        "Ad Hoc Meetings Attended Count", "Scheduled One-time Meetings Organized Count", "Scheduled One-time Meetings Attended Count",
        "Scheduled Recurring Meetings Organized Count", "Scheduled Recurring Meetings Attended Count", "Audio Duration", "Video Duration",
        "Screen Share Duration", "Audio Duration In Seconds", "Video Duration In Seconds", "Screen Share Duration In Seconds", "Has Other Action",
        "Is Licensed", "Report Period",
    };

    private readonly ConcurrentDictionary<string, Download> downloads = new();
    private FakeGraphServer? server;
    private int reportRequests;

    /// <summary>"Today" for the reporting window (UTC date).</summary>
    public DateTime Today { get; set; } = DateTime.UtcNow.Date;

    /// <summary>Days of delay before usage data lands (the newest day with data is Today minus this).</summary>
    public int DataLagDays { get; set; } = 2;

    public DateTime LatestDataDay => Today.AddDays(-DataLagDays);

    /// <summary>Graph keeps per-day data for this many days.</summary>
    public int WindowDays { get; set; } = 28;

    /// <summary>The tenant's displayConcealedNames report setting: names come back as 32-hex hashes.</summary>
    public bool ConcealNames { get; set; }

    /// <summary>Seed of the generated activity.</summary>
    public int Seed { get; set; } = 7;

    /// <summary>Share of people with some Viva Engage activity on a given day.</summary>
    public double ActiveShare { get; set; } = 0.35;

    /// <summary>Report rows for accounts not in the directory (deleted, external), to test unmatched rows.</summary>
    public int UnknownUsers { get; set; }

    /// <summary>Delay before a CSV download answers (to make a sync slow enough to kill halfway).</summary>
    public TimeSpan DownloadLatency { get; set; }

    /// <summary>Days whose download is a broken CSV (a count that is not a number), as a corrupted report would be.</summary>
    public HashSet<DateTime> PoisonedDays { get; } = new();

    /// <summary>Report requests received (not downloads).</summary>
    public int ReportRequests => reportRequests;

    public void Map(WebApplication app, FakeGraphServer server)
    {
        this.server = server;
        server.MapGraph(app, "GET", "/v1.0/reports/{*function}", context => HandleReport(context, server));
        app.MapGet("/reports-download/{token}", HandleDownload);
        server.MapGraph(app, "GET", "/v1.0/admin/reportSettings", context =>
        {
            context.Response.ContentType = "application/json";
            var body = new JsonObject
            {
                ["@odata.context"] = server.BaseUrl + "/$metadata#admin/reportSettings/$entity",
                ["displayConcealedNames"] = ConcealNames,
            };
            return context.Response.WriteAsync(body.ToJsonString());
        });
        server.MapGraph(app, "PATCH", "/v1.0/admin/reportSettings", async context =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            if (body?["displayConcealedNames"] is JsonValue value && value.TryGetValue<bool>(out var conceal))
            {
                ConcealNames = conceal;
                context.Response.StatusCode = 204;
                return;
            }

            await FakeGraphServer.WriteError(context, 400, "BadRequest", "The request body must set displayConcealedNames to true or false.");
        });
    }

    /// <summary>The generated figures of the user at <paramref name="userIndex"/> (position in the tenant) on <paramref name="day"/>.</summary>
    public FakeDayActivity ActivityOf(int userIndex, DateTime day, bool enabled = true)
    {
        if (!enabled)
        {
            return default;
        }

        var dayNumber = (ulong)(day.Date - new DateTime(2000, 1, 1)).Days;
        var r = Mix(((ulong)(uint)Seed << 40) ^ ((ulong)(uint)userIndex << 16) ^ dayNumber);
        var activeRoll = (r & 0xFFFF) / 65536.0;
        if (activeRoll >= ActiveShare)
        {
            return default;
        }

        r = Mix(r);
        int Take(int modulo)
        {
            var value = (int)(r % (ulong)modulo);
            r = Mix(r);
            return value;
        }

        return new FakeDayActivity(
            Posted: Take(4),
            Read: 1 + Take(15),
            Liked: Take(6),
            PostMessages: Take(3),
            ReplyMessages: Take(4),
            TeamChat: Take(10),
            PrivateChat: Take(20),
            Calls: Take(3),
            Meetings: Take(4));
    }

    private static ulong Mix(ulong x)
    {
        // splitmix64: cheap, well spread, the same everywhere.
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>The 32-hex hash shown instead of a name when names are concealed.</summary>
    public static string Conceal(string value) => Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(value.ToLowerInvariant())));

    [GeneratedRegex(@"^(?<fn>getYammerActivityUserDetail|getTeamsUserActivityUserDetail)\((?:period='(?<period>[^']*)'|date=(?<date>[^)]*))\)$")]
    private static partial Regex ReportFunction();

    private Task HandleReport(HttpContext context, FakeGraphServer server)
    {
        var function = Uri.UnescapeDataString(context.Request.RouteValues["function"]?.ToString() ?? string.Empty);
        var match = ReportFunction().Match(function);
        if (!match.Success)
        {
            return FakeGraphServer.WriteError(context, 400, "BadRequest", $"Resource not found for the segment '{function}'.");
        }

        Interlocked.Increment(ref reportRequests);
        var teams = match.Groups["fn"].Value.StartsWith("getTeams", StringComparison.Ordinal);
        var download = new Download { Teams = teams, Conceal = ConcealNames };
        download.Poisoned = false;
        if (match.Groups["period"].Success)
        {
            var period = match.Groups["period"].Value;
            if (period is not ("D7" or "D30" or "D90" or "D180"))
            {
                return FakeGraphServer.WriteError(context, 400, "BadRequest", $"Invalid value '{period}' for parameter 'period'. Supported values: D7, D30, D90, D180.");
            }

            download.PeriodDays = int.Parse(period[1..], CultureInfo.InvariantCulture);
        }
        else
        {
            if (!DateTime.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return FakeGraphServer.WriteError(context, 400, "BadRequest", $"Invalid value '{match.Groups["date"].Value}' for parameter 'date'. Use the format YYYY-MM-DD.");
            }

            if (date < Today.AddDays(-WindowDays) || date > Today)
            {
                return FakeGraphServer.WriteError(context, 400, "BadRequest", $"Invalid date '{date:yyyy-MM-dd}'. The date must be within the last {WindowDays} days.");
            }

            download.Date = date;
            download.Poisoned = PoisonedDays.Contains(date);
        }

        var token = Guid.NewGuid().ToString("N");
        downloads[token] = download;
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = new Uri(server.Origin, "/reports-download/" + token).ToString();
        context.Response.ContentType = "text/plain";
        return Task.CompletedTask;
    }

    private async Task HandleDownload(HttpContext context)
    {
        var token = context.Request.RouteValues["token"]?.ToString() ?? string.Empty;
        if (!downloads.TryRemove(token, out var download))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (DownloadLatency > TimeSpan.Zero)
        {
            await Task.Delay(DownloadLatency, context.RequestAborted);
        }

        context.Response.ContentType = "application/octet-stream";
        var buffer = new StringBuilder(64 * 1024);
        buffer.Append('\uFEFF');
        buffer.AppendJoin(',', download.Teams ? TeamsColumns : VivaEngageColumns).Append("\r\n");

        // A day that has not landed yet has headers only.
        var landed = download.Date == null || download.Date <= LatestDataDay;
        var refresh = LatestDataDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = download.Date is { } one ? new[] { one } : Enumerable.Range(0, download.PeriodDays).Select(i => LatestDataDay.AddDays(-i)).ToArray();
        var period = (download.Date == null ? download.PeriodDays : 1).ToString(CultureInfo.InvariantCulture);
        var users = server!.Tenant.Users;
        var count = landed ? users.Count + UnknownUsers : 0;
        for (var i = 0; i < count; i++)
        {
            string upn, displayName, id;
            var enabled = true;
            if (i < users.Count)
            {
                upn = users[i].UserPrincipalName;
                displayName = users[i].DisplayName;
                id = users[i].Id;
                enabled = users[i].AccountEnabled;
            }
            else
            {
                upn = $"former{i - users.Count:D4}@contoso.test";
                displayName = $"Former {i - users.Count:D4}";
                id = $"ffffffff-0000-0000-0000-{i - users.Count:D12}";
            }

            var total = default(FakeDayActivity);
            DateTime? last = null;
            foreach (var day in days)
            {
                var a = ActivityOf(i, day, enabled);
                total = new FakeDayActivity(total.Posted + a.Posted, total.Read + a.Read, total.Liked + a.Liked, total.PostMessages + a.PostMessages, total.ReplyMessages + a.ReplyMessages, total.TeamChat + a.TeamChat, total.PrivateChat + a.PrivateChat, total.Calls + a.Calls, total.Meetings + a.Meetings);
                if ((download.Teams ? a.AnyTeams : a.AnyVivaEngage) && (last == null || day > last))
                {
                    last = day;
                }
            }

            if (download.Conceal)
            {
                upn = Conceal(upn);
                displayName = Conceal(displayName);
                id = Conceal(id);
            }

            var lastText = last?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
            if (download.Teams)
            {
                buffer.Append(refresh).Append(",Contoso Test,,").Append(id).Append(',').Append(Quote(upn)).Append(',').Append(lastText).Append(",False,,MICROSOFT 365 E3,")
                    .Append(total.TeamChat).Append(',').Append(total.PrivateChat).Append(',').Append(total.Calls).Append(',').Append(total.Meetings).Append(',')
                    .Append(download.Poisoned && i == 0 ? "not-a-number" : total.PostMessages.ToString(CultureInfo.InvariantCulture)).Append(',').Append(total.ReplyMessages).Append(",0,0,")
                    .Append(total.Meetings).Append(",0,0,0,0,0,0,PT0S,PT0S,PT0S,0,0,0,No,Yes,").Append(period).Append("\r\n");
            }
            else
            {
                buffer.Append(refresh).Append(',').Append(Quote(upn)).Append(',').Append(Quote(displayName)).Append(",Active,,").Append(lastText).Append(',')
                    .Append(download.Poisoned && i == 0 ? "not-a-number" : total.Posted.ToString(CultureInfo.InvariantCulture)).Append(',').Append(total.Read).Append(',').Append(total.Liked).Append(",MICROSOFT 365 E3,").Append(period).Append("\r\n");
            }

            if (buffer.Length > 60 * 1024)
            {
                await context.Response.WriteAsync(buffer.ToString(), context.RequestAborted);
                buffer.Clear();
            }
        }

        await context.Response.WriteAsync(buffer.ToString(), context.RequestAborted);
    }

    private static string Quote(string value) =>
        value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private sealed class Download
    {
        public bool Teams { get; set; }

        public bool Conceal { get; set; }

        public DateTime? Date { get; set; }

        public int PeriodDays { get; set; }

        public bool Poisoned { get; set; }
    }
}
