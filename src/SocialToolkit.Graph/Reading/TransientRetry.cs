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
                    reporter.Verbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1}; attempt {2} of {3} in {4:0.#} s.", operation, Describe(e), attempt + 1, options.ConnectionAttempts, wait.TotalSeconds));
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(delay.Ticks * 2);
                }
                catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
                {
                    // The last attempt failed too: say it is the network, once, with the host that could not be reached.
                    throw Connection.GraphFailures.Translate(e is AggregateException single && single.InnerExceptions.Count == 1 ? single.InnerException! : e, operation);
                }
            }
        }

        /// <summary>A failure of the connection rather than an answer of the service (and not the caller's Ctrl+C).</summary>
        private static bool IsNetworkFailure(Exception failure, CancellationToken cancellationToken) => failure switch
        {
            AggregateException aggregate when aggregate.InnerExceptions.Count == 1 => IsNetworkFailure(aggregate.InnerException!, cancellationToken),
            HttpRequestException _ => true,
            IOException _ => true,
            OperationCanceledException _ => !cancellationToken.IsCancellationRequested,
            _ => false,
        };

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
