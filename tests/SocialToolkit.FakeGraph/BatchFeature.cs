using System.Buffers;
using System.Globalization;
using System.Text.Json;
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
        var responses = new List<StepAnswer>();
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
            responses.Add(new StepAnswer(id, inner.Response.StatusCode, inner.Response.ContentType ?? "application/json", output.ToArray()));
        }

        // Step bodies are copied as they are, not parsed and written again: cheap enough for 100,000 steps.
        context.Response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(32 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("responses");
            foreach (var answer in responses)
            {
                writer.WriteStartObject();
                writer.WriteString("id", answer.Id);
                writer.WriteNumber("status", answer.Status);
                writer.WriteStartObject("headers");
                writer.WriteString("Content-Type", answer.ContentType);
                if (answer.RetryAfter.HasValue)
                {
                    writer.WriteString("Retry-After", answer.RetryAfter.Value.ToString(CultureInfo.InvariantCulture));
                }

                writer.WriteEndObject();
                if (answer.Body.Length > 0)
                {
                    writer.WritePropertyName("body");
                    if (answer.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
                    {
                        writer.WriteRawValue(answer.Body, skipInputValidation: true);
                    }
                    else
                    {
                        writer.WriteStringValue(Encoding.UTF8.GetString(answer.Body));
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }

    private static StepAnswer StepError(string id, int status, string code, string message, int? retryAfter = null) =>
        new(id, status, "application/json", Encoding.UTF8.GetBytes(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString()), retryAfter);

    private sealed record StepAnswer(string Id, int Status, string ContentType, byte[] Body, int? RetryAfter = null);
}
