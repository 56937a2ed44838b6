using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Graph.Reading
{
    /// <summary>
    /// Sends many GET requests as JSON batches of at most 20, several batches in flight at once. Graph answers a
    /// batch with 200 even when single steps were throttled (429 with Retry-After) or failed (503): the SDK's
    /// RetryHandler never sees those, so this class retries exactly the failed steps after the longest
    /// Retry-After among them.
    /// The batch goes through the SDK's request adapter (authentication, retry, redirect middleware), but its JSON is
    /// written and read here: Graph.Core's BatchRequestContent turns every step into an HttpRequestMessage and back,
    /// and its response side into one HttpResponseMessage per step, which at 100,000 manager lookups was the largest
    /// cost of a staff pull.
    /// </summary>
    internal static class GraphBatchRunner
    {
        /// <summary>Graph's limit of requests in one $batch.</summary>
        public const int MaxStepsPerBatch = 20;

        private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new Dictionary<string, ParsableFactory<IParsable>>
        {
            ["XXX"] = ODataError.CreateFromDiscriminatorValue,
        };

        /// <summary>A typed-model parser for answers the SDK has a model for.</summary>
        public static Func<JsonElement, T?> Model<T>(ParsableFactory<T> factory)
            where T : class, IParsable =>
            body =>
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body.GetRawText()));
                var node = new JsonParseNodeFactory().GetRootParseNodeAsync("application/json", stream).GetAwaiter().GetResult();
                return node.GetObjectValue(factory);
            };

        /// <summary>
        /// Runs every GET (<paramref name="requests"/>: key → URL relative to the Graph root, e.g. /users/42/manager);
        /// returns the parsed answer per key, or null when Graph answered 404 (for example a user without a manager).
        /// Any other failed step ends the whole call with a clear error.
        /// </summary>
        public static async Task<IReadOnlyDictionary<string, T?>> GetAsync<T>(
            GraphServiceClient client,
            IReadOnlyList<KeyValuePair<string, string>> requests,
            Func<JsonElement, T?> parse,
            GraphReadOptions options,
            IOperationReporter reporter,
            string operation,
            Action<int>? stepsDone,
            CancellationToken cancellationToken)
            where T : class
        {
            var results = new ConcurrentDictionary<string, T?>(StringComparer.Ordinal);
            var chunks = new List<List<KeyValuePair<string, string>>>();
            for (var start = 0; start < requests.Count; start += MaxStepsPerBatch)
            {
                chunks.Add(requests.Skip(start).Take(MaxStepsPerBatch).ToList());
            }

            var done = 0;
            using var gate = new SemaphoreSlim(Math.Max(1, options.BatchConcurrency));
            var tasks = chunks.Select(async chunk =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await RunChunkAsync(client, chunk, parse, results, options, reporter, operation, cancellationToken).ConfigureAwait(false);
                    stepsDone?.Invoke(Interlocked.Add(ref done, chunk.Count));
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            await Task.WhenAll(tasks).ConfigureAwait(false);
            return results;
        }

        private static async Task RunChunkAsync<T>(
            GraphServiceClient client,
            List<KeyValuePair<string, string>> chunk,
            Func<JsonElement, T?> parse,
            ConcurrentDictionary<string, T?> results,
            GraphReadOptions options,
            IOperationReporter reporter,
            string operation,
            CancellationToken cancellationToken)
            where T : class
        {
            // Step ids are positions in the chunk: keys may contain characters Graph does not accept in an id.
            var pending = chunk.Select((request, index) => (Id: (index + 1).ToString(CultureInfo.InvariantCulture), Request: request)).ToList();
            var backoff = options.ConnectionBackoff;
            for (var round = 1; ; round++)
            {
                var payload = BuildPayload(pending.Select(p => (p.Id, p.Request.Value)));
                var retry = new List<(string Id, KeyValuePair<string, string> Request)>();
                TimeSpan? longestRetryAfter = null;
                await TransientRetry.RunAsync(
                    async token =>
                    {
                        retry.Clear();
                        longestRetryAfter = null;
                        var request = new RequestInformation { HttpMethod = Method.POST, URI = new Uri(client.RequestAdapter.BaseUrl + "/$batch") };
                        request.SetStreamContent(new MemoryStream(payload), "application/json");
                        request.AddRequestOptions(new[] { options.RetryOption() });
                        using var body = await client.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, token).ConfigureAwait(false)
                            ?? throw new IOException("Microsoft Graph answered a $batch request with no content.");
                        using var answer = await JsonDocument.ParseAsync(body, default, token).ConfigureAwait(false);
                        var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                        if (answer.RootElement.TryGetProperty("responses", out var responses) && responses.ValueKind == JsonValueKind.Array)
                        {
                            foreach (var response in responses.EnumerateArray())
                            {
                                if (response.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                                {
                                    byId[id.GetString()!] = response;
                                }
                            }
                        }

                        foreach (var step in pending)
                        {
                            if (!byId.TryGetValue(step.Id, out var response) || !response.TryGetProperty("status", out var statusElement))
                            {
                                retry.Add(step);
                                continue;
                            }

                            var status = statusElement.GetInt32();
                            response.TryGetProperty("body", out var stepBody);
                            if (status >= 200 && status < 300)
                            {
                                results[step.Request.Key] = stepBody.ValueKind == JsonValueKind.Object ? parse(stepBody) : null;
                            }
                            else if (status == 404)
                            {
                                results[step.Request.Key] = null;
                            }
                            else if (status == 429 || status == 503 || status == 504)
                            {
                                retry.Add(step);
                                var wait = TransientRetry.ParseRetryAfter(Header(response, "Retry-After"));
                                if (wait.HasValue && (!longestRetryAfter.HasValue || wait.Value > longestRetryAfter.Value))
                                {
                                    longestRetryAfter = wait;
                                }
                            }
                            else
                            {
                                throw StepFailure(status, stepBody, operation, step.Request.Key);
                            }
                        }

                        return true;
                    },
                    options,
                    reporter,
                    operation,
                    cancellationToken).ConfigureAwait(false);

                if (retry.Count == 0)
                {
                    return;
                }

                if (round >= options.BatchStepAttempts)
                {
                    throw new SocialToolkitException("GraphThrottled", FailureKind.Throttled, string.Format(CultureInfo.InvariantCulture, "Microsoft Graph kept throttling {0} request(s) of a batch while {1}, after {2} attempts.", retry.Count, operation, round), operation)
                    {
                        RecommendedAction = "Wait a few minutes and run the command again.",
                    };
                }

                var delay = longestRetryAfter ?? backoff;
                if (delay > options.MaxRetryAfter)
                {
                    delay = options.MaxRetryAfter;
                }

                reporter.Verbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1} step(s) of a batch throttled or unavailable; retrying them in {2:0.#} s.", operation, retry.Count, delay.TotalSeconds));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(backoff.Ticks * 2);
                pending = retry;
            }
        }

        private static byte[] BuildPayload(IEnumerable<(string Id, string Url)> steps)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("requests");
                foreach (var (id, url) in steps)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", id);
                    writer.WriteString("method", "GET");
                    writer.WriteString("url", url);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        private static string? Header(JsonElement response, string name)
        {
            if (response.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in headers.EnumerateObject())
                {
                    if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() : header.Value.GetRawText();
                    }
                }
            }

            return null;
        }

        private static Exception StepFailure(int status, JsonElement body, string operation, string key)
        {
            string? code = null;
            var message = "no message";
            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() ?? message : message;
            }

            var api = new ApiException(message) { ResponseStatusCode = status };
            var translated = Connection.GraphFailures.Translate(api, operation + " (" + key + ")");
            if (translated is SocialToolkitException known && code != null)
            {
                return new SocialToolkitException(known.ErrorId, known.Kind, known.Message.Replace(" while ", " (" + code + ") while "), known.Target, api)
                {
                    ServiceMessage = message,
                    RecommendedAction = known.RecommendedAction,
                };
            }

            return translated;
        }
    }
}
