using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SocialToolkit.FakeGraph;

/// <summary>
/// POST /v1.0/$batch: at most 20 requests, each answered on its own inside a 200 answer. The server's fault plan
/// applies to every step, so one step can be throttled (429 with Retry-After in its headers) while the others
/// succeed; a Drop fault on a step drops the whole batch connection. Steps are recorded like normal requests.
/// </summary>
public sealed class BatchFeature : IFakeGraphFeature
{
    public const int MaxRequests = 20;

    /// <summary>Batches received, and steps answered, for assertions.</summary>
    public int Batches => batches;

    private int batches;

    public void Map(WebApplication app, FakeGraphServer server) =>
        app.MapPost("/v1.0/$batch", context => Handle(context, server));

    private async Task Handle(HttpContext context, FakeGraphServer server)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body);
        }
        catch (System.Text.Json.JsonException)
        {
            await FakeGraphServer.WriteError(context, 400, "BadRequest", "Invalid batch payload format.");
            return;
        }

        if (body?["requests"] is not JsonArray steps || steps.Count == 0)
        {
            await FakeGraphServer.WriteError(context, 400, "BadRequest", "Invalid batch payload format.");
            return;
        }

        if (steps.Count > MaxRequests)
        {
            await FakeGraphServer.WriteError(context, 400, "BadRequest", "Number of included requests in the request exceeds the limit.");
            return;
        }

        Interlocked.Increment(ref batches);
        var responses = new JsonArray();
        foreach (var step in steps)
        {
            var id = step?["id"]?.GetValue<string>() ?? string.Empty;
            var method = step?["method"]?.GetValue<string>() ?? "GET";
            var url = step?["url"]?.GetValue<string>() ?? string.Empty;
            if (!url.StartsWith('/'))
            {
                url = "/" + url;
            }

            var queryStart = url.IndexOf('?');
            var path = queryStart < 0 ? url : url[..queryStart];
            var query = queryStart < 0 ? string.Empty : url[queryStart..];
            var fullPath = "/v1.0" + Uri.UnescapeDataString(path) + Uri.UnescapeDataString(query);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Batch-Step"] = id };
            if (step?["headers"] is JsonObject stepHeaders)
            {
                foreach (var (name, value) in stepHeaders)
                {
                    headers[name] = value?.ToString() ?? string.Empty;
                }
            }

            server.Record(new RecordedRequest(method, fullPath, context.Request.Headers.Authorization.FirstOrDefault(), headers, DateTimeOffset.UtcNow));
            var fault = server.Faults.Next(fullPath);
            if (fault != null)
            {
                switch (fault.Kind)
                {
                    case FaultKind.Throttle:
                        responses.Add(StepError(id, 429, "TooManyRequests", "Too many requests. Retry after the delay in Retry-After.", fault.RetryAfterSeconds));
                        continue;
                    case FaultKind.Unavailable:
                        responses.Add(StepError(id, 503, "serviceNotAvailable", "The service is temporarily unavailable."));
                        continue;
                    case FaultKind.Drop:
                        context.Abort();
                        return;
                }
            }

            var match = server.MatchGraphRoute(method, PathString.FromUriComponent(path));
            if (match == null)
            {
                responses.Add(StepError(id, 404, "BadRequest", $"Resource not found for the segment '{path}'."));
                continue;
            }

            var inner = new DefaultHttpContext { RequestServices = context.RequestServices };
            inner.Request.Method = method;
            inner.Request.Path = PathString.FromUriComponent("/v1.0" + path);
            inner.Request.QueryString = new QueryString(query);
            inner.Request.Headers.Authorization = context.Request.Headers.Authorization;
            foreach (var (name, value) in headers)
            {
                inner.Request.Headers[name] = value;
            }

            inner.Request.RouteValues = match.Value.Values;
            var output = new MemoryStream();
            inner.Response.Body = output;
            await match.Value.Handler(inner);
            var text = Encoding.UTF8.GetString(output.ToArray());
            var answer = new JsonObject
            {
                ["id"] = id,
                ["status"] = inner.Response.StatusCode,
                ["headers"] = new JsonObject { ["Content-Type"] = inner.Response.ContentType ?? "application/json" },
            };
            if (text.Length > 0)
            {
                answer["body"] = (inner.Response.ContentType ?? string.Empty).Contains("json", StringComparison.OrdinalIgnoreCase) ? JsonNode.Parse(text) : JsonValue.Create(text);
            }

            responses.Add(answer);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["responses"] = responses }.ToJsonString());
    }

    private static JsonObject StepError(string id, int status, string code, string message, int? retryAfter = null)
    {
        var headers = new JsonObject { ["Content-Type"] = "application/json" };
        if (retryAfter.HasValue)
        {
            headers["Retry-After"] = retryAfter.Value.ToString(CultureInfo.InvariantCulture);
        }

        return new JsonObject
        {
            ["id"] = id,
            ["status"] = status,
            ["headers"] = headers,
            ["body"] = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } },
        };
    }
}
