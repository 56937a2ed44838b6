using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ClosedXML.Excel;
using SocialToolkit.Data.Store;
using SocialToolkit.Reports.Workbook;

namespace SocialToolkit.Reports
{
    /// <summary>The About sheet: sources, period, definitions, thresholds, refresh date and the store's coverage gaps.</summary>
    internal static class AboutSheet
    {
        public static void Write(XLWorkbook workbook, IReadOnlyList<Line> lines)
        {
            var sheet = workbook.Worksheets.Add("About");
            var columns = new[]
            {
                new TableColumn<Line>("Item", CellKind.Text, l => l.Item),
                new TableColumn<Line>("Detail", CellKind.Text, l => l.Detail) { FixedWidth = 110 },
            };
            TableSheet.Write(sheet, "About", columns, lines);
            TableSheet.PrintLayout(sheet, onePage: false);
        }

        /// <summary>What the data is and where it comes from.</summary>
        public static IEnumerable<Line> StoreLines(SocialStore store, StoreCoverage coverage, IReadOnlyList<string> networks, DateTime from, DateTime to)
        {
            yield return new Line("Store", Path.GetFileName(store.Path));
            var refreshed = store.LastDataRefresh();
            yield return new Line("Data refreshed", refreshed.HasValue ? ReportText.Timestamp(refreshed.Value) : "unknown");
            yield return new Line("Report created", ReportText.Timestamp(DateTimeOffset.UtcNow));
            foreach (var network in networks)
            {
                var covered = coverage.DaysCovered(network, from, to);
                var total = (int)(to - from).TotalDays + 1;
                yield return new Line("Source: " + network, $"{covered.ToString(CultureInfo.InvariantCulture)} of {total.ToString(CultureInfo.InvariantCulture)} days covered, from {coverage.Sources(network)}.");
                var gaps = coverage.Gaps(network, from, to);
                yield return new Line("Coverage gaps: " + network, gaps.Count == 0 ? "None" : string.Join(", ", gaps) + ". Days the store does not cover are left out, not counted as zero activity.");
            }
        }

        public sealed class Line
        {
            public Line(string item, string detail)
            {
                Item = item;
                Detail = detail;
            }

            public string Item { get; }

            public string Detail { get; }
        }
    }
}
