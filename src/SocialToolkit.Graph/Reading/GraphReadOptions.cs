using System;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace SocialToolkit.Graph.Reading
{
    /// <summary>
    /// How hard the readers try before giving up. Defaults suit a real tenant; tests shorten the delays.
    /// </summary>
    public sealed class GraphReadOptions
    {
        public static readonly GraphReadOptions Default = new GraphReadOptions();

        /// <summary>
        /// Retries of a 429 or 503/504 answer, done by the SDK's RetryHandler (which honours Retry-After).
        /// The SDK default is 3; report requests share a small per-app budget and Graph can answer 429 several
        /// times in a row when other tools of the tenant use it too, so 6 gives more room. The SDK allows 10 at most.
        /// </summary>
        public int MaxRetries { get; set; } = 6;

        /// <summary>Base delay, in seconds, of the RetryHandler's exponential backoff when no Retry-After came (0 to 180).</summary>
        public int RetryDelaySeconds { get; set; } = 3;

        /// <summary>
        /// Attempts of one call when the connection itself fails (dropped, reset, timed out), which the SDK's
        /// RetryHandler does not retry. Also covers a 5xx or 429 still there after the RetryHandler gave up.
        /// </summary>
        public int ConnectionAttempts { get; set; } = 4;

        /// <summary>First wait after a dropped connection; doubled at each further attempt.</summary>
        public TimeSpan ConnectionBackoff { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>
        /// Longest wait honoured for a Retry-After (a whole call, or a step of a $batch answer). A longer wish is cut
        /// to this, with a warning, so a server asking for hours cannot stall a command silently.
        /// </summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>
        /// $batch requests in flight at once, each with up to 20 steps. 100,000 manager lookups are 5,000 batches:
        /// one at a time that is 5,000 round trips; 16 at once keeps a staff pull of that size within seconds, and
        /// Graph's answer to too much (429 per step) is honoured step by step.
        /// </summary>
        public int BatchConcurrency { get; set; } = 16;

        /// <summary>Rounds of retrying throttled or unavailable steps of a $batch before failing.</summary>
        public int BatchStepAttempts { get; set; } = 8;

        private static bool IsRetryStatus(System.Net.Http.HttpResponseMessage? response)
        {
            var status = response == null ? 0 : (int)response.StatusCode;
            return status == 429 || status == 503 || status == 504;
        }

        /// <summary>The server's Retry-After in seconds; 0 when it sent none.</summary>
        private static double RetryAfterSeconds(System.Net.Http.HttpResponseMessage? response)
        {
            var header = response?.Headers.RetryAfter;
            if (header?.Delta is TimeSpan delta)
            {
                return delta.TotalSeconds;
            }

            return header?.Date is DateTimeOffset at ? Math.Max(0, (at - DateTimeOffset.UtcNow).TotalSeconds) : 0;
        }

        internal RetryHandlerOption RetryOption()
        {
            var cap = MaxRetryAfter.TotalSeconds;
            return new RetryHandlerOption
            {
                MaxRetry = Math.Max(0, Math.Min(10, MaxRetries)),
                Delay = Math.Max(0, Math.Min(180, RetryDelaySeconds)),

                // The SDK would wait whatever Retry-After says, silently: longer waits come back to TransientRetry,
                // which caps them and says so.
                // The handler asks this for every answer, successful ones too: only its own retry statuses may say yes.
                ShouldRetry = (delay, attempt, response) => IsRetryStatus(response) && RetryAfterSeconds(response) <= cap,
            };
        }
    }
}
