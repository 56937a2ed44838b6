using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Graph.Connection;

namespace SocialToolkit.Graph.Reading
{
    /// <summary>
    /// Reads the per-user usage reports of Viva Engage and Teams. Needs Reports.Read.All. Graph answers 302 to a
    /// short-lived download URL; the SDK's RedirectHandler follows it and hands back the CSV as a stream.
    /// </summary>
    public static class ActivityReportReader
    {
        /// <summary>The aggregation periods Graph offers.</summary>
        public static readonly string[] Periods = { "D7", "D30", "D90", "D180" };

        /// <summary>The networks that have a usage report.</summary>
        public static readonly string[] Workloads = { SocialNetworks.VivaEngage, SocialNetworks.Teams };

        /// <summary>Rows of one day's report (<paramref name="day"/>) or of a period (<paramref name="period"/>: D7, D30, D90, D180).</summary>
        public static Task<List<ReportedActivity>> ReadAsync(GraphSession session, string workload, string? period, DateTime? day, GraphReadOptions options, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            if (!Array.Exists(Workloads, w => w == workload))
            {
                throw new SocialToolkitException("UnknownWorkload", FailureKind.InvalidArgument, $"-Network must be VivaEngage or Teams, not '{workload}'.", "Network");
            }

            if ((period == null) == (day == null))
            {
                throw new SocialToolkitException("PeriodOrDate", FailureKind.InvalidArgument, "Give either -Period or -Date.", "Period");
            }

            if (period != null && !Array.Exists(Periods, p => p == period))
            {
                throw new SocialToolkitException("UnknownPeriod", FailureKind.InvalidArgument, $"-Period must be D7, D30, D90 or D180, not '{period}'.", "Period");
            }

            var reportName = ReportName(workload, period, day);
            reporter.Progress("Reading usage reports", "Downloading " + reportName);
            return TransientRetry.RunAsync(
                async token =>
                {
                    Stream? csv;
                    try
                    {
                        csv = await OpenAsync(session, workload, period, day, options, token).ConfigureAwait(false);
                    }
                    catch (ApiException e) when (e.ResponseStatusCode == 400 && day.HasValue)
                    {
                        throw new SocialToolkitException("ReportDateOutOfRange", FailureKind.InvalidArgument, $"Microsoft Graph refused {reportName}: {e.Message} Usage reports keep about the last 28 days.", "Date", e);
                    }

                    if (csv == null)
                    {
                        return new List<ReportedActivity>();
                    }

                    using (csv)
                    {
                        return UsageReportCsv.Read(csv, workload, day?.Date, reportName);
                    }
                },
                options,
                reporter,
                "downloading " + reportName,
                cancellationToken);
        }

        internal static string ReportName(string workload, string? period, DateTime? day)
        {
            var function = workload == SocialNetworks.Teams ? "getTeamsUserActivityUserDetail" : "getYammerActivityUserDetail";
            return day.HasValue
                ? function + "(date=" + day.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ")"
                : function + "(period='" + period + "')";
        }

        private static Task<Stream?> OpenAsync(GraphSession session, string workload, string? period, DateTime? day, GraphReadOptions options, CancellationToken cancellationToken)
        {
            var reports = session.Client.Reports;
            Action<RequestConfiguration<DefaultQueryParameters>> configure = request => request.Options.Add(options.RetryOption());
            if (workload == SocialNetworks.Teams)
            {
                return day.HasValue
                    ? reports.GetTeamsUserActivityUserDetailWithDate(new Date(day.Value.Date)).GetAsync(configure, cancellationToken)
                    : reports.GetTeamsUserActivityUserDetailWithPeriod(period).GetAsync(configure, cancellationToken);
            }

            return day.HasValue
                ? reports.GetYammerActivityUserDetailWithDate(new Date(day.Value.Date)).GetAsync(configure, cancellationToken)
                : reports.GetYammerActivityUserDetailWithPeriod(period).GetAsync(configure, cancellationToken);
        }
    }
}
