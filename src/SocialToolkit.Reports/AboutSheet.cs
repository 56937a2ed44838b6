using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ClosedXML.Excel;
using SocialToolkit.Core.Labels;
using SocialToolkit.Data.Store;
using SocialToolkit.Reports.Workbook;

namespace SocialToolkit.Reports
{
    /// <summary>The About sheet: sources, period, definitions, thresholds, refresh date and the store's coverage gaps.</summary>
    internal static class AboutSheet
    {
        /// <summary>Width of the Detail column in characters: with Item, one A4 landscape page wide at normal size.</summary>
        private const int DetailWidth = 95;
        private const int ItemWidth = 28;

        public static void Write(XLWorkbook workbook, IReadOnlyList<Line> lines, ReportLabels? labels = null)
        {
            labels ??= ReportLabels.English;
            var sheet = workbook.Worksheets.Add(labels["sheet.about"]);
            var columns = new[]
            {
                new TableColumn<Line>(labels["col.Item"], CellKind.Text, l => l.Item) { FixedWidth = ItemWidth },
                new TableColumn<Line>(labels["col.Detail"], CellKind.Text, l => l.Detail) { FixedWidth = DetailWidth },
            };
            TableSheet.Write(sheet, "About", columns, lines);
            TableSheet.PrintLayout(sheet, onePage: false);

            // Row heights that fit the wrapped text: Excel does not grow rows for wrapped text it did not write itself.
            for (var r = 0; r < lines.Count; r++)
            {
                var wrapped = Math.Max(WrappedLines(lines[r].Detail, DetailWidth), WrappedLines(lines[r].Item, ItemWidth));
                sheet.Row(r + 2).Height = 15 * wrapped + 2;
            }
        }

        /// <summary>How many lines a text takes in a column of <paramref name="width"/> characters, wrapping at spaces.</summary>
        internal static int WrappedLines(string text, int width)
        {
            var usable = Math.Max(10, width - 4);
            var lines = 0;
            foreach (var paragraph in text.Split('\n'))
            {
                var length = 0;
                var count = 1;
                foreach (var word in paragraph.Split(' '))
                {
                    var add = (length == 0 ? 0 : 1) + word.Length;
                    if (length + add > usable && length > 0)
                    {
                        count++;
                        length = word.Length;
                    }
                    else
                    {
                        length += add;
                    }
                }

                lines += count;
            }

            return Math.Max(1, lines);
        }

        /// <summary>What the data is and where it comes from.</summary>
        public static IEnumerable<Line> StoreLines(SocialStore store, StoreCoverage coverage, IReadOnlyList<string> networks, DateTime from, DateTime to, ReportLabels? labels = null)
        {
            labels ??= ReportLabels.English;
            yield return new Line(labels["about.Store"], Path.GetFileName(store.Path));
            var refreshed = store.LastDataRefresh();
            yield return new Line(labels["about.Refreshed"], refreshed.HasValue ? ReportText.Timestamp(refreshed.Value) : labels["about.Unknown"]);
            yield return new Line(labels["about.Created"], ReportText.Timestamp(DateTimeOffset.UtcNow));
            foreach (var network in networks)
            {
                var covered = coverage.DaysCovered(network, from, to);
                var total = (int)(to - from).TotalDays + 1;
                yield return new Line(labels["about.Source", labels.Network(network)], labels["about.SourceText", covered.ToString(CultureInfo.InvariantCulture), total.ToString(CultureInfo.InvariantCulture), coverage.Sources(network)]);
                var gaps = coverage.Gaps(network, from, to);
                yield return new Line(labels["about.Gaps", labels.Network(network)], gaps.Count == 0 ? labels["about.GapsNone"] : labels["about.GapsText", string.Join(", ", gaps.Take(40)) + (gaps.Count > 40 ? ", ..." : string.Empty)]);
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
