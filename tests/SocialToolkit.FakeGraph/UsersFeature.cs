using System.Globalization;
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
        server.MapGraph(app, "GET", "/v1.0/users/{id}/manager", context =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            var user = Find(server, id);
            var manager = user?.ManagerId == null ? null : Find(server, user.ManagerId);
            if (manager == null)
            {
                return FakeGraphServer.WriteError(context, 404, "Request_ResourceNotFound", $"Resource 'manager' does not exist or one of its queried reference-property objects are not present.");
            }

            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(ToJson(manager, null, server).ToJsonString());
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

        var select = query["$select"].ToString();
        var selected = string.IsNullOrEmpty(select) ? null : new HashSet<string>(select.Split(','), StringComparer.OrdinalIgnoreCase);
        return FakeGraphServer.WriteCollection(context, page.Select(u => ToJson(u, selected, server, expand.StartsWith("manager", StringComparison.OrdinalIgnoreCase))), next, server.BaseUrl + "/$metadata#users");
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

    private static JsonObject ToJson(FakeUser user, HashSet<string>? selected, FakeGraphServer server, bool expandManager = false)
    {
        var all = new JsonObject
        {
            ["id"] = user.Id,
            ["userPrincipalName"] = user.UserPrincipalName,
            ["displayName"] = user.DisplayName,
            ["mail"] = user.Mail,
            ["department"] = user.Department,
            ["jobTitle"] = user.JobTitle,
            ["officeLocation"] = user.OfficeLocation,
            ["country"] = user.Country,
            ["employeeHireDate"] = user.EmployeeHireDate?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["accountEnabled"] = user.AccountEnabled,
        };
        var result = new JsonObject { ["@odata.type"] = "#microsoft.graph.user" };
        foreach (var (key, value) in all)
        {
            if (selected == null || selected.Contains(key) || key == "id")
            {
                result[key] = value?.DeepClone();
            }
        }

        if (expandManager && user.ManagerId != null)
        {
            var manager = server.Tenant.FindUser(user.ManagerId);
            if (manager != null)
            {
                result["manager"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = manager.Id, ["userPrincipalName"] = manager.UserPrincipalName };
            }
        }

        return result;
    }
}
