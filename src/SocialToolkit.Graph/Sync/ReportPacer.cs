using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Graph.Sync
{
    /// <summary>
    /// Keeps report requests under Graph's limit (14 CSV requests per 10 minutes per app and tenant) with a sliding
    /// window: a request waits until the oldest of the last <see cref="Limit"/> requests leaves the window. Waiting
    /// here is cheaper than being answered 429 and costs no request of the budget.
    /// </summary>
    public sealed class ReportPacer
    {
        private readonly Queue<DateTimeOffset> sent = new Queue<DateTimeOffset>();
        private readonly SemaphoreSlim turn = new SemaphoreSlim(1, 1);
        private readonly Func<DateTimeOffset> clock;

        public ReportPacer(int limit, TimeSpan window, Func<DateTimeOffset>? clock = null)
        {
            if (limit < 1)
            {
                throw new SocialToolkitException("InvalidPace", FailureKind.InvalidArgument, "-ReportRequestsPerWindow must be at least 1.", "ReportRequestsPerWindow");
            }

            if (window < TimeSpan.Zero)
            {
                throw new SocialToolkitException("InvalidPace", FailureKind.InvalidArgument, "-PaceWindow must not be negative.", "PaceWindow");
            }

            Limit = limit;
            Window = window;
            this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>Graph's documented limit for one app in one tenant.</summary>
        public const int GraphLimit = 14;

        public static readonly TimeSpan GraphWindow = TimeSpan.FromMinutes(10);

        public int Limit { get; }

        public TimeSpan Window { get; }

        /// <summary>How many times a request had to wait, for the summary and tests.</summary>
        public int Waits { get; private set; }

        /// <summary>Waits until one more request fits in the window, reporting the wait; then counts the request.</summary>
        public async Task WaitTurnAsync(IOperationReporter reporter, string activity, string what, CancellationToken cancellationToken)
        {
            if (Window == TimeSpan.Zero)
            {
                return;
            }

            await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await WaitInWindowAsync(reporter, activity, what, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                turn.Release();
            }
        }

        private async Task WaitInWindowAsync(IOperationReporter reporter, string activity, string what, CancellationToken cancellationToken)
        {
            var waited = false;
            while (true)
            {
                var now = clock();
                while (sent.Count > 0 && now - sent.Peek() >= Window)
                {
                    sent.Dequeue();
                }

                if (sent.Count < Limit)
                {
                    sent.Enqueue(now);
                    return;
                }

                if (!waited)
                {
                    Waits++;
                    waited = true;
                }

                var remaining = sent.Peek() + Window - now;
                var seconds = (int)Math.Ceiling(remaining.TotalSeconds);
                reporter.Progress(
                    activity,
                    string.Format(CultureInfo.InvariantCulture, "Waiting {0} s before {1}: Graph allows {2} report requests per {3}", seconds, what, Limit, Describe(Window)),
                    -1,
                    Math.Max(1, seconds));

                // Wake at least once a second so the progress bar counts down and Ctrl+C is prompt.
                var slice = remaining < TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1);
                await Task.Delay(slice > TimeSpan.Zero ? slice : TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
            }
        }

        internal static string Describe(TimeSpan window) =>
            window.TotalMinutes >= 1 && window.TotalMinutes == Math.Floor(window.TotalMinutes)
                ? window.TotalMinutes.ToString(CultureInfo.InvariantCulture) + " min"
                : window.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
    }
}
