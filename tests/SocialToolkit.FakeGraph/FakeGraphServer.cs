using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SocialToolkit.FakeGraph;

/// <summary>A request as the fake server saw it, for assertions (e.g. which bearer token arrived).</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At);

/// <summary>
/// Microsoft Graph on 127.0.0.1 and a random port, speaking the documented shapes: OData collections with
/// @odata.nextLink paging, $select, simple $filter, error bodies, 429 with Retry-After. Feature areas
/// (reports, learning, lists, $batch) register their routes through <see cref="IFakeGraphFeature"/>.
/// </summary>
public sealed class FakeGraphServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly List<GraphRoute> routes = new();

    private FakeGraphServer(WebApplication app, FakeTenant tenant, FaultPlan faults)
    {
        this.app = app;
        Tenant = tenant;
        Faults = faults;
    }

    public FakeTenant Tenant { get; }

    public FaultPlan Faults { get; }

    /// <summary>The Graph root to give the SDK, e.g. http://127.0.0.1:51234/v1.0</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Origin of the server (downloads of report CSVs live there, outside /v1.0).</summary>
    public Uri Origin { get; private set; } = null!;

    /// <summary>When set, every /v1.0 request must carry exactly this bearer token, or gets 401.</summary>
    public string? RequiredBearerToken { get; set; }

    /// <summary>Latency added to every request (benchmarks use 20 ms).</summary>
    public TimeSpan Latency { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    /// <summary>
    /// Maps a Graph route (template starting with /v1.0/) on the server and remembers it, so a $batch step with the
    /// same relative URL runs the same handler.
    /// </summary>
    public void MapGraph(WebApplication app, string method, string template, RequestDelegate handler)
    {
        app.MapMethods(template, new[] { method }, handler);
        if (template.StartsWith("/v1.0/", StringComparison.Ordinal))
        {
            var parsed = TemplateParser.Parse(template.Substring("/v1.0".Length).TrimStart('/'));
            lock (routes)
            {
                routes.Add(new GraphRoute(method, new TemplateMatcher(parsed, new RouteValueDictionary()), handler));
            }
        }
    }

    /// <summary>The handler and route values for a path relative to /v1.0 (e.g. /users/42/manager), or null.</summary>
    internal (RequestDelegate Handler, RouteValueDictionary Values)? MatchGraphRoute(string method, PathString relativePath)
    {
        lock (routes)
        {
            foreach (var route in routes)
            {
                var values = new RouteValueDictionary();
                if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase) && route.Matcher.TryMatch(relativePath, values))
                {
                    return (route.Handler, values);
                }
            }
        }

        return null;
    }

    /// <summary>Records a request that did not come through the HTTP pipeline (a $batch step).</summary>
    internal void Record(RecordedRequest request) => requests.Enqueue(request);

    private sealed record GraphRoute(string Method, TemplateMatcher Matcher, RequestDelegate Handler);

    public static async Task<FakeGraphServer> StartAsync(FakeTenant? tenant = null, params IFakeGraphFeature[] features)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeGraphServer(app, tenant ?? new FakeTenant(), new FaultPlan());
        app.Use(server.Pipeline);
        UsersFeature.Map(app, server);
        foreach (var feature in features)
        {
            feature.Map(app, server);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Origin = new Uri(address.Replace("[::]", "127.0.0.1"));
        server.BaseUrl = new Uri(server.Origin, "/v1.0");
        return server;
    }

    private async Task Pipeline(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path + context.Request.QueryString;
        requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            Uri.UnescapeDataString(path),
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            DateTimeOffset.UtcNow));

        if (Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up (a cancelled command): nothing to answer.
                return;
            }
        }

        var fault = Faults.Next(Uri.UnescapeDataString(path));
        if (fault != null)
        {
            switch (fault.Kind)
            {
                case FaultKind.Throttle:
                    context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await WriteError(context, 429, "TooManyRequests", "Too many requests. Retry after the delay in Retry-After.");
                    return;
                case FaultKind.Unavailable:
                    await WriteError(context, 503, "serviceNotAvailable", "The service is temporarily unavailable.");
                    return;
                case FaultKind.Drop:
                    context.Features.Get<IHttpConnectionFeature>();
                    context.Abort();
                    return;
                case FaultKind.Malformed:
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("{\"value\":[{\"id\":\"1\",\"userPrincipalName\":");
                    return;
            }
        }

        if (context.Request.Path.StartsWithSegments("/v1.0") && RequiredBearerToken != null)
        {
            var expected = "Bearer " + RequiredBearerToken;
            if (!string.Equals(context.Request.Headers.Authorization.FirstOrDefault(), expected, StringComparison.Ordinal))
            {
                await WriteError(context, 401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
                return;
            }
        }

        await next();
    }

    /// <summary>Writes a Graph error body: {"error":{"code","message","innerError"}}.</summary>
    public static Task WriteError(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject { ["request-id"] = Guid.NewGuid().ToString(), ["date"] = DateTimeOffset.UtcNow.ToString("O") },
            },
        };
        return context.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>Writes an OData collection page with an @odata.nextLink when more remain.</summary>
    public static Task WriteCollection(HttpContext context, IEnumerable<JsonObject> page, string? nextLink, string contextUrl)
    {
        var body = new JsonObject { ["@odata.context"] = contextUrl };
        if (nextLink != null)
        {
            body["@odata.nextLink"] = nextLink;
        }

        body["value"] = new JsonArray(page.Select(JsonNode (item) => item).ToArray());
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>A group of routes (reports, learning, SharePoint lists, $batch) added to the fake server.</summary>
public interface IFakeGraphFeature
{
    void Map(WebApplication app, FakeGraphServer server);
}
