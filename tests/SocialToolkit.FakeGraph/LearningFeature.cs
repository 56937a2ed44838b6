using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SocialToolkit.FakeGraph;

public sealed class FakeLearningProvider
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Served as isCourseActivitySyncEnabled (v1.0) and isEnabled.</summary>
    public bool IsEnabled { get; set; } = true;

    public List<FakeLearningContent> Contents { get; } = new();
}

public sealed class FakeLearningContent
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string ExternalId { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
}

public sealed class FakeCourseActivity
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string LearnerUserId { get; set; } = string.Empty;
    public string LearningContentId { get; set; } = string.Empty;
    public string LearningProviderId { get; set; } = string.Empty;

    /// <summary>notStarted, inProgress or completed.</summary>
    public string Status { get; set; } = "notStarted";
    public DateTimeOffset? CompletedDateTime { get; set; }
    public int? CompletionPercentage { get; set; }

    /// <summary>True for an assignment (assignedDateTime, dueDateTime), false for a self-initiated course (startedDateTime).</summary>
    public bool IsAssignment { get; set; } = true;
    public DateTimeOffset? AssignedDateTime { get; set; }
    public DateTimeOffset? StartedDateTime { get; set; }
}

/// <summary>
/// Viva Learning: /employeeExperience/learningProviders (+ learningContents, paged) and
/// /users/{id}/employeeExperience/learningCourseActivities, which answers 403 to app-only tokens (Graph offers it to
/// delegated sign-ins only). A token is app-only when its payload has "roles" and no "scp".
/// </summary>
public sealed class LearningFeature : IFakeGraphFeature
{
    public List<FakeLearningProvider> Providers { get; } = new();

    public List<FakeCourseActivity> Activities { get; } = new();

    /// <summary>Page size of learningContents (small, so paging is exercised).</summary>
    public int ContentPageSize { get; set; } = 3;

    /// <summary>One provider with <paramref name="courses"/> courses; every third enabled user gets activities, deterministically.</summary>
    public LearningFeature WithGenerated(FakeTenant tenant, int courses = 5, string providerName = "LinkedIn Learning", bool enabled = true)
    {
        var provider = new FakeLearningProvider { Id = "prov-" + Providers.Count.ToString(CultureInfo.InvariantCulture), DisplayName = providerName, IsEnabled = enabled };
        for (var c = 0; c < courses; c++)
        {
            provider.Contents.Add(new FakeLearningContent { Id = $"{provider.Id}-course-{c}", ExternalId = $"ext-{c}", Title = $"Speaking on social networks, part {c + 1}" });
        }

        Providers.Add(provider);
        for (var i = 0; i < tenant.Users.Count; i++)
        {
            if (i % 3 != 0 || !tenant.Users[i].AccountEnabled)
            {
                continue;
            }

            var content = provider.Contents[i % courses];
            var status = ((i / 3) % 3) switch { 0 => "completed", 1 => "inProgress", _ => "notStarted" };
            Activities.Add(new FakeCourseActivity
            {
                Id = $"act-{i}",
                LearnerUserId = tenant.Users[i].Id,
                LearningContentId = content.Id,
                LearningProviderId = provider.Id,
                Status = status,
                CompletionPercentage = status == "completed" ? 100 : status == "inProgress" ? 40 : 0,
                CompletedDateTime = status == "completed" ? new DateTimeOffset(2026, 10, 1 + (i % 20), 9, 0, 0, TimeSpan.Zero) : null,
                IsAssignment = i % 2 == 0,
                AssignedDateTime = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero),
                StartedDateTime = new DateTimeOffset(2026, 9, 15, 8, 0, 0, TimeSpan.Zero),
            });
        }

        return this;
    }

    public void Map(WebApplication app, FakeGraphServer server)
    {
        server.MapGraph(app, "GET", "/v1.0/employeeExperience/learningProviders", context =>
            FakeGraphServer.WriteCollection(context, Providers.Select(p => new JsonObject
            {
                ["id"] = p.Id,
                ["displayName"] = p.DisplayName,
                ["isCourseActivitySyncEnabled"] = p.IsEnabled,
                ["isEnabled"] = p.IsEnabled,
                ["loginWebUrl"] = "https://learning.contoso.test/login",
            }), null, server.BaseUrl + "/$metadata#employeeExperience/learningProviders"));

        server.MapGraph(app, "GET", "/v1.0/employeeExperience/learningProviders/{id}/learningContents", context =>
        {
            var provider = Providers.FirstOrDefault(p => p.Id == (string)context.Request.RouteValues["id"]!);
            if (provider == null)
            {
                return FakeGraphServer.WriteError(context, 404, "itemNotFound", "The learning provider does not exist.");
            }

            var skip = context.Request.Query.TryGetValue("$skiptoken", out var token) ? int.Parse(token!, CultureInfo.InvariantCulture) : 0;
            var page = provider.Contents.Skip(skip).Take(ContentPageSize).ToList();
            var next = skip + page.Count < provider.Contents.Count
                ? $"{server.BaseUrl}/employeeExperience/learningProviders/{provider.Id}/learningContents?$skiptoken={skip + page.Count}"
                : null;
            return FakeGraphServer.WriteCollection(context, page.Select(c => new JsonObject
            {
                ["id"] = c.Id,
                ["externalId"] = c.ExternalId,
                ["title"] = c.Title,
                ["languageTag"] = "en-us",
                ["isActive"] = true,
            }), next, server.BaseUrl + "/$metadata#employeeExperience/learningProviders('" + provider.Id + "')/learningContents");
        });

        server.MapGraph(app, "GET", "/v1.0/users/{id}/employeeExperience/learningCourseActivities", context =>
        {
            if (IsAppOnly(context.Request.Headers.Authorization.FirstOrDefault()))
            {
                return FakeGraphServer.WriteError(context, 403, "Forbidden", "This operation is not supported with application permissions: learningCourseActivities needs a delegated token.");
            }

            var user = server.Tenant.FindUser((string)context.Request.RouteValues["id"]!);
            if (user == null)
            {
                return FakeGraphServer.WriteError(context, 404, "Request_ResourceNotFound", "Resource does not exist or one of its queried reference-property objects are not present.");
            }

            return FakeGraphServer.WriteCollection(context, Activities.Where(a => a.LearnerUserId == user.Id).Select(ToJson), null, server.BaseUrl + "/$metadata#users('" + user.Id + "')/employeeExperience/learningCourseActivities");
        });
    }

    private static JsonObject ToJson(FakeCourseActivity a)
    {
        static string? Iso(DateTimeOffset? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var json = new JsonObject
        {
            ["@odata.type"] = a.IsAssignment ? "#microsoft.graph.learningAssignment" : "#microsoft.graph.learningSelfInitiatedCourse",
            ["id"] = a.Id,
            ["learnerUserId"] = a.LearnerUserId,
            ["learningContentId"] = a.LearningContentId,
            ["learningProviderId"] = a.LearningProviderId,
            ["status"] = a.Status,
            ["completedDateTime"] = Iso(a.CompletedDateTime),
            ["completionPercentage"] = a.CompletionPercentage,
        };
        if (a.IsAssignment)
        {
            json["assignedDateTime"] = Iso(a.AssignedDateTime);
            json["dueDateTime"] = new JsonObject { ["dateTime"] = "2026-12-31T00:00:00", ["timeZone"] = "UTC" };
        }
        else
        {
            json["startedDateTime"] = Iso(a.StartedDateTime);
        }

        return json;
    }

    /// <summary>True when the bearer token's payload has application roles and no delegated scopes.</summary>
    public static bool IsAppOnly(string? authorization)
    {
        if (authorization == null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parts = authorization["Bearer ".Length..].Split('.');
        if (parts.Length != 3)
        {
            return true;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return !document.RootElement.TryGetProperty("scp", out _);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return true;
        }
    }
}
