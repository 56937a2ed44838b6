using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CsvHelper;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Graph.Reading
{
    /// <summary>
    /// Parses the CSV of a usage report (getYammerActivityUserDetail, getTeamsUserActivityUserDetail). Columns are
    /// found by their documented header names, so reordered or added columns do not matter; a missing one is an
    /// error naming it.
    /// </summary>
    internal static class UsageReportCsv
    {
        /// <summary>What the report setting "displayConcealedNames" puts in place of a user principal name.</summary>
        private static readonly Regex ConcealedName = new Regex("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant);

        private static readonly string[] VivaEngageRequired = { "Report Refresh Date", "User Principal Name", "Posted Count", "Read Count", "Liked Count" };

        private static readonly string[] TeamsRequired = { "Report Refresh Date", "User Principal Name", "Post Messages", "Reply Messages" };

        /// <summary>Reads every row; throws ConcealedReportNames when the names are hashed.</summary>
        public static List<ReportedActivity> Read(Stream csv, string network, DateTime? day, string reportName)
        {
            using var parser = CsvReader.Create(csv, CsvReaderOptions.Default, false);
            var rows = new List<ReportedActivity>();
            var header = parser.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
            if (header.Count == 0 || (header.Count == 1 && header[0].Length == 0))
            {
                return rows;
            }

            var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++)
            {
                columns[header[i]] = i;
            }

            var required = network == SocialNetworks.Teams ? TeamsRequired : VivaEngageRequired;
            var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                throw new SocialToolkitException("UsageReportUnreadable", FailureKind.InvalidData, $"The {reportName} report has no column {string.Join(", ", missing.Select(m => "'" + m + "'"))}; columns found: {string.Join(", ", header)}.", reportName);
            }

            var concealed = 0;
            while (parser.Read())
            {
                var line = parser.RowNumber + 1;
                string? Text(string column) => columns.TryGetValue(column, out var index) && index < parser.FieldCount ? parser.GetString(index) : null;
                int Number(string column)
                {
                    var text = Text(column);
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        return 0;
                    }

                    if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                    {
                        throw new SocialToolkitException("UsageReportUnreadable", FailureKind.InvalidData, $"The {reportName} report has '{text}' in column '{column}' on line {line}, where a whole number was expected.", reportName);
                    }

                    return value;
                }

                DateTime? Date(string column)
                {
                    var text = Text(column);
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        return null;
                    }

                    if (!DateTime.TryParseExact(text, new[] { "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ" }, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
                    {
                        throw new SocialToolkitException("UsageReportUnreadable", FailureKind.InvalidData, $"The {reportName} report has '{text}' in column '{column}' on line {line}, where a date (yyyy-MM-dd) was expected.", reportName);
                    }

                    return value.Date;
                }

                var upn = (Text("User Principal Name") ?? string.Empty).Trim();
                if (upn.Length == 0)
                {
                    continue;
                }

                if (ConcealedName.IsMatch(upn))
                {
                    concealed++;
                    continue;
                }

                var row = new ReportedActivity
                {
                    UserPrincipalName = upn,
                    Network = network,
                    Day = day,
                    ReportRefreshDate = Date("Report Refresh Date"),
                    LastActivityDate = Date("Last Activity Date"),
                    ReportPeriodDays = Number("Report Period"),
                };
                if (network == SocialNetworks.Teams)
                {
                    row.UserId = Text("User Id");
                    row.Posts = Number("Post Messages");
                    row.Replies = Number("Reply Messages");
                    row.ChatMessages = Number("Team Chat Message Count") + Number("Private Chat Message Count");
                    row.Calls = Number("Call Count");
                    row.Meetings = Number("Meeting Count");
                    row.IsDeleted = string.Equals(Text("Is Deleted"), "True", StringComparison.OrdinalIgnoreCase);
                }
                else
                {
                    row.DisplayName = Text("Display Name");
                    row.Posts = Number("Posted Count");
                    row.Reads = Number("Read Count");
                    row.Reactions = Number("Liked Count");
                    row.IsDeleted = string.Equals(Text("User State"), "Deleted", StringComparison.OrdinalIgnoreCase);
                }

                rows.Add(row);
            }

            if (concealed > 0)
            {
                throw ConcealedNames(reportName, concealed, concealed + rows.Count);
            }

            return rows;
        }

        internal static SocialToolkitException ConcealedNames(string reportName, int concealed, int total) =>
            new SocialToolkitException(
                "ConcealedReportNames",
                FailureKind.InvalidData,
                $"The {reportName} report hides user names: {concealed} of {total} rows carry a 32-character hash instead of a user principal name, so activity cannot be matched to people. " +
                "The tenant's report setting 'displayConcealedNames' is on (the default since 2021). A global administrator can turn it off in the Microsoft 365 admin centre " +
                "(Settings > Org settings > Services > Reports: clear 'Display concealed user, group, and site names in all reports'), " +
                "or with Microsoft Graph: PATCH /admin/reportSettings {\"displayConcealedNames\": false} (ReportSettings.ReadWrite.All). Nothing was stored for this report.",
                reportName)
            {
                RecommendedAction = "Turn off 'displayConcealedNames' (Microsoft 365 admin centre > Settings > Org settings > Services > Reports), then run the command again.",
            };
    }
}
