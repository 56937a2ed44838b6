using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SocialToolkit.FakeGraph;

/// <summary>/organization and /users (paging, $select, $filter on a few properties, manager).</summary>
internal static partial class UsersFeature
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 999;

    public static void Map(WebApplication app, FakeGraphServer server)
    {
        server.MapGraph(app, "GET", "/v1.0/organization", context =>
        {
            if (server.Tenant.OrganizationForbidden)
            {
                return FakeGraphServer.WriteError(context, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
            }

            var org = new JsonObject { ["id"] = server.Tenant.TenantId, ["displayName"] = server.Tenant.DisplayName };
            return FakeGraphServer.WriteCollection(context, new[] { org }, null, server.BaseUrl + "/$metadata#organization");
        });

        server.MapGraph(app, "GET", "/v1.0/users", context => ListUsers(context, server));
        server.MapGraph(app, "GET", "/v1.0/users/delta", context => Delta(context, server));
        server.MapGraph(app, "GET", "/v1.0/users/delta()", context => Delta(context, server));
        server.MapGraph(app, "GET", "/v1.0/users/{id}/manager", context =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            var user = Find(server, id);
            var manager = user?.ManagerId == null ? null : Find(server, user.ManagerId);
            if (manager == null)
            {
                return FakeGraphServer.WriteError(context, 404, "Request_ResourceNotFound", $"Resource 'manager' does not exist or one of its queried reference-property objects are not present.");
            }

            return WriteJson(context, writer => WriteUser(writer, manager, Selected(context), server, expandManager: false));
        });
    }

    private static FakeUser? Find(FakeGraphServer server, string idOrUpn) => server.Tenant.FindUser(idOrUpn);

    private static Task ListUsers(HttpContext context, FakeGraphServer server)
    {
        var query = context.Request.Query;
        var top = query.TryGetValue("$top", out var topValue) ? int.Parse(topValue!, CultureInfo.InvariantCulture) : DefaultPageSize;
        if (top < 1 || top > MaxPageSize)
        {
            return FakeGraphServer.WriteError(context, 400, "Request_UnsupportedQuery", $"Invalid page size specified: '{top}'. Must be between 1 and {MaxPageSize} inclusive.");
        }

        var expand = query["$expand"].ToString();
        if (expand.StartsWith("manager", StringComparison.OrdinalIgnoreCase) && top > 100)
        {
            // Graph caps pages at 100 when $expand is present.
            top = 100;
        }

        IEnumerable<FakeUser> users = server.Tenant.Users;
        var filter = query["$filter"].ToString();
        if (!string.IsNullOrEmpty(filter))
        {
            var predicate = ParseFilter(filter);
            if (predicate == null)
            {
                return FakeGraphServer.WriteError(context, 400, "Request_UnsupportedQuery", $"Unsupported or invalid query filter clause specified: '{filter}'.");
            }

            users = users.Where(predicate);
        }

        var skip = query.TryGetValue("$skiptoken", out var token) ? int.Parse(token!, CultureInfo.InvariantCulture) : 0;
        var all = users.ToList();
        var page = all.Skip(skip).Take(top).ToList();
        string? next = null;
        if (skip + page.Count < all.Count)
        {
            var parameters = query.Where(q => q.Key != "$skiptoken").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
            parameters.Add("$skiptoken=" + (skip + page.Count).ToString(CultureInfo.InvariantCulture));
            next = server.BaseUrl + "/users?" + string.Join("&", parameters);
        }

        if (skip == 0 && server.Tenant.HostileNextLink != null)
        {
            next = server.Tenant.HostileNextLink;
        }

        var selected = Selected(context);
        var expandManager = expand.StartsWith("manager", StringComparison.OrdinalIgnoreCase);
        return WriteJson(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.context", server.BaseUrl + "/$metadata#users");
            if (next != null)
            {
                writer.WriteString("@odata.nextLink", next);
            }

            writer.WriteStartArray("value");
            foreach (var user in page)
            {
                WriteUser(writer, user, selected, server, expandManager);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// /users/delta: a full round pages through every user (skip tokens) and ends with a delta link holding the
    /// tenant's change counter; a round from a delta token returns users changed since, and deleted ones as @removed.
    /// </summary>
    private static Task Delta(HttpContext context, FakeGraphServer server)
    {
        var tenant = server.Tenant;
        var query = context.Request.Query;
        var selected = Selected(context);
        var select = query["$select"].ToString();
        if (query.TryGetValue("$deltatoken", out var deltaToken))
        {
            if (tenant.DeltaTokensExpired || !long.TryParse(deltaToken, NumberStyles.None, CultureInfo.InvariantCulture, out var since))
            {
                return FakeGraphServer.WriteError(context, 410, "SyncStateNotFound", "The sync state generation is not found. Please retry with an empty token (resync).");
            }

            var now = tenant.Version;
            var changed = tenant.Users.Where(u => u.Version > since).ToList();
            var removed = tenant.Removed.Where(r => r.Version > since).Select(r => r.Id).ToList();
            return WriteJson(context, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("@odata.context", server.BaseUrl + "/$metadata#users");
                writer.WriteString("@odata.deltaLink", server.BaseUrl + "/users/delta()?$select=" + Uri.EscapeDataString(select) + "&$deltatoken=" + now.ToString(CultureInfo.InvariantCulture));
                writer.WriteStartArray("value");
                foreach (var user in changed)
                {
                    WriteUser(writer, user, selected, server, expandManager: false, deltaManager: selected?.Contains("manager") == true);
                }

                foreach (var id in removed)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", id);
                    writer.WriteStartObject("@removed");
                    writer.WriteString("reason", "deleted");
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            });
        }

        var skip = 0;
        var snapshot = tenant.Version;
        if (query.TryGetValue("$skiptoken", out var skipToken))
        {
            var parts = skipToken.ToString().Split('-');
            skip = int.Parse(parts[0], CultureInfo.InvariantCulture);
            snapshot = long.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        var all = tenant.Users;
        var page = all.Skip(skip).Take(tenant.DeltaPageSize).ToList();
        var done = skip + page.Count >= all.Count;
        string link = done
            ? server.BaseUrl + "/users/delta()?$select=" + Uri.EscapeDataString(select) + "&$deltatoken=" + snapshot.ToString(CultureInfo.InvariantCulture)
            : server.BaseUrl + "/users/delta()?$select=" + Uri.EscapeDataString(select) + "&$skiptoken=" + (skip + page.Count).ToString(CultureInfo.InvariantCulture) + "-" + snapshot.ToString(CultureInfo.InvariantCulture);
        if (!done && skip == 0 && tenant.HostileNextLink != null)
        {
            link = tenant.HostileNextLink;
        }

        return WriteJson(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.context", server.BaseUrl + "/$metadata#users");
            writer.WriteString(done ? "@odata.deltaLink" : "@odata.nextLink", link);
            writer.WriteStartArray("value");
            foreach (var user in page)
            {
                WriteUser(writer, user, selected, server, expandManager: false, deltaManager: selected?.Contains("manager") == true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static HashSet<string>? Selected(HttpContext context)
    {
        var select = context.Request.Query["$select"].ToString();
        return string.IsNullOrEmpty(select) ? null : new HashSet<string>(select.Split(','), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Writes JSON straight to the response: the fake must not be the slow part of a 100,000-user benchmark.</summary>
    private static async Task WriteJson(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    private static Func<FakeUser, bool>? ParseFilter(string filter)
    {
        var clauses = filter.Split(" and ", StringSplitOptions.TrimEntries);
        var predicates = new List<Func<FakeUser, bool>>();
        foreach (var clause in clauses)
        {
            var match = FilterClause().Match(clause);
            if (!match.Success)
            {
                return null;
            }

            var property = match.Groups["prop"].Value;
            var value = match.Groups["str"].Success ? match.Groups["str"].Value.Replace("''", "'") : match.Groups["bool"].Value;
            Func<FakeUser, string?> read = property.ToLowerInvariant() switch
            {
                "department" => u => u.Department,
                "accountenabled" => u => u.AccountEnabled ? "true" : "false",
                "userprincipalname" => u => u.UserPrincipalName,
                "country" => u => u.Country,
                "officelocation" => u => u.OfficeLocation,
                "jobtitle" => u => u.JobTitle,
                "usertype" => u => u.UserType,
                _ => null!,
            };
            if (read == null)
            {
                return null;
            }

            predicates.Add(u => string.Equals(read(u), value, StringComparison.OrdinalIgnoreCase));
        }

        return u => predicates.All(p => p(u));
    }

    [GeneratedRegex(@"^(?<prop>\w+) eq (?:'(?<str>(?:[^']|'')*)'|(?<bool>true|false))$", RegexOptions.IgnoreCase)]
    private static partial Regex FilterClause();

    private static void WriteUser(Utf8JsonWriter writer, FakeUser user, HashSet<string>? selected, FakeGraphServer server, bool expandManager, bool deltaManager = false)
    {
        bool Wanted(string property) => selected == null || selected.Contains(property);
        void Text(string property, string? value)
        {
            if (Wanted(property))
            {
                if (value == null)
                {
                    writer.WriteNull(property);
                }
                else
                {
                    writer.WriteString(property, value);
                }
            }
        }

        writer.WriteStartObject();
        writer.WriteString("@odata.type", "#microsoft.graph.user");
        writer.WriteString("id", user.Id);
        Text("userPrincipalName", user.UserPrincipalName);
        Text("displayName", user.DisplayName);
        Text("mail", user.Mail);
        Text("department", user.Department);
        Text("jobTitle", user.JobTitle);
        Text("officeLocation", user.OfficeLocation);
        Text("country", user.Country);
        Text("employeeHireDate", user.EmployeeHireDate?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Text("employeeLeaveDateTime", user.EmployeeLeaveDateTime?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Text("userType", user.UserType);
        if (Wanted("accountEnabled"))
        {
            writer.WriteBoolean("accountEnabled", user.AccountEnabled);
        }

        if (deltaManager)
        {
            // /users/delta with $select=manager: the manager comes as a list of references.
            writer.WriteStartArray("manager@delta");
            if (user.ManagerId != null)
            {
                writer.WriteStartObject();
                writer.WriteString("@odata.type", "#microsoft.graph.user");
                writer.WriteString("id", user.ManagerId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (expandManager && user.ManagerId != null && server.Tenant.FindUser(user.ManagerId) is { } manager)
        {
            writer.WriteStartObject("manager");
            writer.WriteString("@odata.type", "#microsoft.graph.user");
            writer.WriteString("id", manager.Id);
            writer.WriteString("userPrincipalName", manager.UserPrincipalName);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
