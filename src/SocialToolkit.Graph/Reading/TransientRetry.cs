using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Graph.Reading
{
    /// <summary>
    /// Retries a whole Graph call when the connection fails. The SDK's RetryHandler only sees HTTP answers
    /// (429, 503, 504); a dropped or reset connection surfaces as HttpRequestException or IOException and would
    /// end a sync that may have run for an hour. Calls wrapped here must be safe to repeat (reads only).
    /// </summary>
    internal static class TransientRetry
    {
        public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, GraphReadOptions options, IOperationReporter reporter, string operation, CancellationToken cancellationToken)
        {
            var delay = options.ConnectionBackoff;
            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    return await call(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (attempt < options.ConnectionAttempts && IsTransient(e, cancellationToken, out var retryAfter))
                {
                    var wait = retryAfter ?? delay;
                    if (wait > options.MaxRetryAfter)
                    {
                        // A server asking for hours would stall the command silently: wait the cap, say so, try again.
                        reporter.Warning(string.Format(CultureInfo.InvariantCulture, "{0}: Microsoft Graph asked to wait {1:0} s (Retry-After); waiting {2:0} s, the most this command waits, then trying again.", operation, wait.TotalSeconds, options.MaxRetryAfter.TotalSeconds));
                        wait = options.MaxRetryAfter;
                    }
                    else if (wait >= TimeSpan.FromSeconds(5))
                    {
                        reporter.Progress("Waiting for Microsoft Graph", string.Format(CultureInfo.InvariantCulture, "{0}: waiting {1:0} s before attempt {2} of {3} ({4})", operation, wait.TotalSeconds, attempt + 1, options.ConnectionAttempts, Describe(e)), -1, (int)Math.Ceiling(wait.TotalSeconds));
                    }

                    reporter.Verbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1}; attempt {2} of {3} in {4:0.#} s.", operation, Describe(e), attempt + 1, options.ConnectionAttempts, wait.TotalSeconds));
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(delay.Ticks * 2);
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new SocialToolkitException("GraphMalformedAnswer", FailureKind.InvalidData, $"Microsoft Graph's answer while {operation} is not valid JSON ({e.Message}).", operation, e);
                }
                catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(e is SocialToolkitException))
                {
                    // Out of attempts, or not worth another: the failure with its stable id (GraphThrottled, GraphServiceUnavailable...).
                    // A network failure after the last attempt is said once, with the host that could not be reached.
                    var inner = e is AggregateException single && single.InnerExceptions.Count == 1 ? single.InnerException! : e;
                    var known = Connection.GraphFailures.Translate(inner, operation);
                    if (known is SocialToolkitException failure && failure.Kind == FailureKind.Throttled)
                    {
                        throw new SocialToolkitException("GraphThrottled", FailureKind.Throttled, failure.Message + string.Format(CultureInfo.InvariantCulture, " Still throttled after {0} attempt(s).", attempt), operation, e)
                        {
                            ServiceMessage = failure.ServiceMessage,
                            RecommendedAction = failure.RecommendedAction,
                        };
                    }

                    if (ReferenceEquals(known, inner))
                    {
                        throw;
                    }

                    throw known;
                }
            }
        }

        /// <summary>True for failures worth another attempt; <paramref name="retryAfter"/> is the server's wish, if any.</summary>
        internal static bool IsTransient(Exception failure, CancellationToken cancellationToken, out TimeSpan? retryAfter)
        {
            retryAfter = null;
            switch (failure)
            {
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    return IsTransient(aggregate.InnerException!, cancellationToken, out retryAfter);
                case OperationCanceledException _ when cancellationToken.IsCancellationRequested:
                    return false;
                case OperationCanceledException _:
                    // HttpClient's own timeout, not the caller's cancellation.
                    return true;
                case HttpRequestException _:
                case IOException _:
                    return true;
                case ApiException api when api.ResponseStatusCode == 429 || api.ResponseStatusCode >= 500:
                    retryAfter = ReadRetryAfter(api.ResponseHeaders);
                    return true;
                default:
                    return false;
            }
        }

        internal static TimeSpan? ReadRetryAfter(IDictionary<string, IEnumerable<string>>? headers)
        {
            if (headers == null)
            {
                return null;
            }

            foreach (var header in headers)
            {
                if (string.Equals(header.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
                {
                    return ParseRetryAfter(header.Value.FirstOrDefault());
                }
            }

            return null;
        }

        internal static TimeSpan? ParseRetryAfter(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Max(0, seconds));
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }

        private static string Describe(Exception e) => e is ApiException api ? "Graph answered " + api.ResponseStatusCode.ToString(CultureInfo.InvariantCulture) : e.GetType().Name + " (" + e.Message + ")";
    }
}
