using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
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
    /// </summary>
    internal static class GraphBatchRunner
    {
        /// <summary>Graph's limit of requests in one $batch.</summary>
        public const int MaxStepsPerBatch = 20;

        /// <summary>
        /// Runs every request; returns the parsed answer per key, or null when Graph answered 404 (for example a
        /// user without a manager). Any other failed step ends the whole call with a clear error.
        /// </summary>
        public static async Task<IReadOnlyDictionary<string, T?>> GetAsync<T>(
            GraphServiceClient client,
            IReadOnlyList<KeyValuePair<string, RequestInformation>> requests,
            ParsableFactory<T> factory,
            GraphReadOptions options,
            IOperationReporter reporter,
            string operation,
            Action<int>? stepsDone,
            CancellationToken cancellationToken)
            where T : class, IParsable
        {
            var results = new ConcurrentDictionary<string, T?>(StringComparer.Ordinal);
            var chunks = new List<List<KeyValuePair<string, RequestInformation>>>();
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
                    await RunChunkAsync(client, chunk, factory, results, options, reporter, operation, cancellationToken).ConfigureAwait(false);
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
            List<KeyValuePair<string, RequestInformation>> chunk,
            ParsableFactory<T> factory,
            ConcurrentDictionary<string, T?> results,
            GraphReadOptions options,
            IOperationReporter reporter,
            string operation,
            CancellationToken cancellationToken)
            where T : class, IParsable
        {
            // Step ids are positions in the chunk: keys may contain characters Graph does not accept in an id.
            var pending = chunk.Select((request, index) => (Id: (index + 1).ToString(CultureInfo.InvariantCulture), Request: request)).ToList();
            var backoff = options.ConnectionBackoff;
            for (var round = 1; ; round++)
            {
                var responses = await TransientRetry.RunAsync(
                    async token =>
                    {
                        // A batch content is consumed when sent: build a fresh one for every attempt.
                        var content = new BatchRequestContentCollection(client, MaxStepsPerBatch);
                        foreach (var step in pending)
                        {
                            await content.AddBatchRequestStepAsync(step.Request.Value, step.Id).ConfigureAwait(false);
                        }

                        var answer = await client.Batch.PostAsync(content, token).ConfigureAwait(false);
                        var statuses = await answer.GetResponsesStatusCodesAsync().ConfigureAwait(false);
                        var messages = new Dictionary<string, HttpResponseMessage>(StringComparer.Ordinal);
                        foreach (var id in statuses.Keys)
                        {
                            messages[id] = await answer.GetResponseByIdAsync(id).ConfigureAwait(false);
                        }

                        return messages;
                    },
                    options,
                    reporter,
                    operation,
                    cancellationToken).ConfigureAwait(false);

                var retry = new List<(string Id, KeyValuePair<string, RequestInformation> Request)>();
                TimeSpan? longestRetryAfter = null;
                foreach (var step in pending)
                {
                    if (!responses.TryGetValue(step.Id, out var response))
                    {
                        retry.Add(step);
                        continue;
                    }

                    using (response)
                    {
                        var status = (int)response.StatusCode;
                        if (status >= 200 && status < 300)
                        {
                            results[step.Request.Key] = await ParseAsync(response, factory, cancellationToken).ConfigureAwait(false);
                        }
                        else if (status == 404)
                        {
                            results[step.Request.Key] = null;
                        }
                        else if (status == 429 || status == 503 || status == 504)
                        {
                            retry.Add(step);
                            var wait = TransientRetry.ParseRetryAfter(FirstHeader(response, "Retry-After"));
                            if (wait.HasValue && (!longestRetryAfter.HasValue || wait.Value > longestRetryAfter.Value))
                            {
                                longestRetryAfter = wait;
                            }
                        }
                        else
                        {
                            throw await StepFailureAsync(response, operation, step.Request.Key).ConfigureAwait(false);
                        }
                    }
                }

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

        private static string? FirstHeader(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        private static async Task<T?> ParseAsync<T>(HttpResponseMessage response, ParsableFactory<T> factory, CancellationToken cancellationToken)
            where T : class, IParsable
        {
            if (response.Content == null)
            {
                return null;
            }

            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var node = await new JsonParseNodeFactory().GetRootParseNodeAsync("application/json", stream, cancellationToken).ConfigureAwait(false);
            return node.GetObjectValue(factory);
        }

        private static async Task<Exception> StepFailureAsync(HttpResponseMessage response, string operation, string key)
        {
            var status = (int)response.StatusCode;
            string? code = null;
            var message = response.ReasonPhrase ?? "no message";
            if (response.Content != null)
            {
                try
                {
                    using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
                    if (document.RootElement.TryGetProperty("error", out var error))
                    {
                        code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                        message = error.TryGetProperty("message", out var m) ? m.GetString() ?? message : message;
                    }
                }
                catch (JsonException)
                {
                    // Not a Graph error body: keep the reason phrase.
                }
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
