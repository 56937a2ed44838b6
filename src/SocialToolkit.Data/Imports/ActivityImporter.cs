using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Data.Imports
{
    /// <summary>What Import-SocialActivity was asked to do.</summary>
    public sealed class ActivityImportOptions : ImportFileOptions
    {
        /// <summary>An external network (LinkedIn, X, Facebook, Instagram, Other); null for a Viva Engage or Teams export.</summary>
        public string? Network { get; set; }

        /// <summary>
        /// Lets a usage report replace its days even when it lists fewer people than the store holds for them, or holds
        /// rows of several report dates. Without it such a file is refused, because it would remove stored activity.
        /// </summary>
        public bool Replace { get; set; }

        /// <summary>
        /// The day a one-day usage report is about: the date= it was requested for, the day Sync-SocialData stores the
        /// same report on. Null: the file's Report Refresh Date.
        /// </summary>
        public DateTime? ReportDate { get; set; }
    }

    /// <summary>The kinds of activity file the import understands.</summary>
    public static class ActivityFileKinds
    {
        public const string VivaEngageUserDetail = "VivaEngageUserDetail";
        public const string TeamsUserActivityUserDetail = "TeamsUserActivityUserDetail";
        public const string NetworkExport = "NetworkExport";
    }

    /// <summary>A file that was read and checked completely, ready to be stored in one transaction.</summary>
    public sealed class ActivityImportPlan
    {
        internal ActivityImportPlan(ActivityImportOptions options, ActivityImportSummary summary, IReadOnlyList<ActivityDay> rows, IReadOnlyList<DateTime> reportDays)
        {
            Options = options;
            Summary = summary;
            Rows = rows;
            ReportDays = reportDays;
        }

        public ActivityImportOptions Options { get; }

        public ActivityImportSummary Summary { get; }

        /// <summary>Rows of matched people, with the UPN the store knows them by.</summary>
        public IReadOnlyList<ActivityDay> Rows { get; }

        /// <summary>For a usage-report export: the whole-organisation days it replaces. Empty for a network export.</summary>
        public IReadOnlyList<DateTime> ReportDays { get; }

        public string Description => $"Import {Rows.Count} {Summary.Network} activity row(s) of {Summary.PeopleMatched} people, " +
            (Summary.FirstDay == Summary.LastDay ? $"day {Day(Summary.FirstDay)}" : $"days {Day(Summary.FirstDay)} to {Day(Summary.LastDay)}") +
            $", from {System.IO.Path.GetFileName(Options.Path)}" +
            (ReportDays.Count > 0 ? " (replacing what the store has for those days)" : string.Empty) +
            (Summary.UnmatchedRows.Count > 0 ? $" ({Summary.UnmatchedRows.Count} row(s) with unknown people skipped)" : string.Empty);

        private static string Day(DateTime? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
    }

    /// <summary>
    /// Daily activity from a file into the store, all or nothing. Two kinds of file:
    /// the Microsoft 365 usage reports' user-detail CSV (Viva Engage, Teams), recognised by their headers and
    /// stored only when they hold one day (Report Period 1); and another network's export, with a column map.
    /// </summary>
    public static class ActivityImporter
    {
        internal static readonly ImportField[] NetworkFields =
        {
            ImportField.Person("Author", "Employee"),
            new ImportField("Day", true, "Date", "ActivityDate", "ActivityDay", "Jour"),
            new ImportField("Posts", false, "Post", "Posted", "PostCount", "PostedCount", "Publications"),
            new ImportField("Replies", false, "Reply", "Comments", "Comment", "CommentCount", "ReplyCount"),
            new ImportField("Reactions", false, "Reaction", "Likes", "Like", "LikeCount", "LikedCount"),
            new ImportField("Reads", false, "Read", "ReadCount", "Views", "ViewCount"),
            new ImportField("Shares", false, "Share", "Reposts", "Repost", "ShareCount", "Retweets"),
        };

        private static readonly string[] Counts = { "Posts", "Replies", "Reactions", "Reads", "Shares" };

        // Usage-report columns, by their exact admin-centre headers.
        private static readonly ImportField[] VivaEngageFields =
        {
            new ImportField("Report Refresh Date", true),
            new ImportField("User Principal Name", true).Identifier(),
            new ImportField("Report Period", true),
            new ImportField("Posted Count", true),
            new ImportField("Read Count", true),
            new ImportField("Liked Count", true),
        };

        private static readonly ImportField[] TeamsFields =
        {
            new ImportField("Report Refresh Date", true),
            new ImportField("User Principal Name", true).Identifier(),
            new ImportField("Report Period", true),
            new ImportField("Team Chat Message Count", true),
            new ImportField("Post Messages", false),
            new ImportField("Reply Messages", false),
        };

        /// <summary>How a concealed name looks in the usage reports: 32 hexadecimal digits instead of a UPN.</summary>
        private static readonly Regex ConcealedName = new Regex("^[0-9A-Fa-f]{32}$", RegexOptions.CultureInvariant);

        public static IReadOnlyList<string> FieldNames => NetworkFields.Select(f => f.Name).ToArray();

        /// <summary>Reads and checks the whole file against the store's people; writes nothing.</summary>
        public static ActivityImportPlan Prepare(ActivityImportOptions options, IOperationReporter reporter, CancellationToken token)
        {
            if (options.Network != null && !SocialNetworks.External.Contains(options.Network))
            {
                throw new SocialToolkitException("InvalidNetwork", FailureKind.InvalidArgument, $"-Network must be one of {string.Join(", ", SocialNetworks.External)}; Viva Engage and Teams exports are recognised by their headers.", "Network");
            }

            ValueParser.RequireKnownCulture(options.Culture);
            var userMap = ColumnMapping.FromHashtable(options.ColumnMap, NetworkFields);
            reporter.Progress("Importing activity", "Reading " + System.IO.Path.GetFileName(options.Path));
            var data = TabularReader.Read(options.Path, options.Delimiter, token);
            reporter.Verbose($"{options.Path}: {data.Format}; {data.Rows.Count} data row(s).");
            var kind = Recognise(data);
            if (kind != ActivityFileKinds.NetworkExport && options.Network != null)
            {
                throw new SocialToolkitException("ImportWrongNetwork", FailureKind.InvalidArgument, $"{options.Path} is a Microsoft 365 usage report ({kind}), not a {options.Network} export: leave -Network out.", options.Path);
            }

            if (kind == ActivityFileKinds.NetworkExport && options.Network == null)
            {
                throw new SocialToolkitException("ImportUnknownFormat", FailureKind.InvalidData,
                    $"{options.Path}: row {data.HeaderRow} (header): not a Viva Engage or Teams user-detail export (expected columns such as 'User Principal Name', 'Posted Count' or 'Team Chat Message Count'; found {string.Join(", ", data.Headers.Take(12).Select(h => "'" + h + "'"))}). For another network's export give -Network and, if needed, -ColumnMap.",
                    options.Path);
            }

            if (kind != ActivityFileKinds.NetworkExport && userMap.Count > 0)
            {
                throw new SocialToolkitException("InvalidColumnMap", FailureKind.InvalidArgument, $"-ColumnMap applies to -Network exports only; {options.Path} is a {kind} export whose columns are known.", "ColumnMap");
            }

            PersonDirectory directory;
            var storedPeople = new Dictionary<(string Network, DateTime Day), HashSet<string>>();
            using (var store = SocialStore.Open(options.StorePath, createIfMissing: false))
            {
                directory = store.LoadPersonDirectory();
                if (kind != ActivityFileKinds.NetworkExport)
                {
                    // The days the rows will replace: the one -Date names, else the file's refresh dates.
                    var reportNetwork = kind == ActivityFileKinds.VivaEngageUserDetail ? SocialNetworks.VivaEngage : SocialNetworks.Teams;
                    var replacedDays = options.ReportDate.HasValue
                        ? new[] { options.ReportDate.Value.Date }
                        : ReportDates(data, ColumnMapping.Resolve(data, kind == ActivityFileKinds.VivaEngageUserDetail ? VivaEngageFields : TeamsFields, new Dictionary<string, string>()), new ValueParser(options.Culture)).Distinct();
                    foreach (var day in replacedDays)
                    {
                        storedPeople[(reportNetwork, day)] = new HashSet<string>(store.ReadActivity(day, day, reportNetwork).Select(a => a.UserPrincipalName), StringComparer.OrdinalIgnoreCase);
                    }
                }
            }

            var parser = new ValueParser(options.Culture);
            var problems = new ImportProblems(options.Path);
            var matcher = new PeopleMatcher(directory);
            List<ActivityDay> rows;
            string network;
            string upnColumn;
            IReadOnlyList<DateTime> reportDays;
            if (kind == ActivityFileKinds.NetworkExport)
            {
                network = options.Network!;
                var columns = ColumnMapping.Resolve(data, NetworkFields, userMap);
                if (!Counts.Any(columns.Has))
                {
                    throw new SocialToolkitException("ImportMissingColumn", FailureKind.InvalidData,
                        $"{options.Path}: row {data.HeaderRow} (header), column: no activity column found (looked for {string.Join(", ", Counts)} and their usual names). Columns found: {string.Join(", ", data.Headers.Select(h => "'" + h + "'"))}. Name them with -ColumnMap, e.g. @{{ Posts = 'Shares count' }}.",
                        options.Path);
                }

                RequireRows(data, options.Path);
                upnColumn = columns.Describe("UserPrincipalName");
                rows = ReadNetworkRows(data, columns, network, parser, matcher, directory, problems, token);
                reportDays = Array.Empty<DateTime>();
            }
            else
            {
                network = kind == ActivityFileKinds.VivaEngageUserDetail ? SocialNetworks.VivaEngage : SocialNetworks.Teams;
                var columns = ColumnMapping.Resolve(data, kind == ActivityFileKinds.VivaEngageUserDetail ? VivaEngageFields : TeamsFields, new Dictionary<string, string>());
                RequireRows(data, options.Path);
                RequireDailyReport(data, columns, options.Path, parser);
                RefuseConcealedNames(data, columns, options.Path);
                upnColumn = columns.Describe("User Principal Name");
                rows = ReadReportRows(data, columns, kind, network, parser, matcher, directory, problems, token);
                reportDays = rows.Select(r => r.Day).Concat(ReportDates(data, columns, parser)).Distinct().OrderBy(d => d).ToArray();
                if (options.ReportDate.HasValue)
                {
                    reportDays = KeyOnReportDate(options, rows, reportDays);
                }
            }

            matcher.Report(options.Path, upnColumn, options.RequireAllMatched, problems, reporter);
            problems.ThrowIfAny();
            if (kind != ActivityFileKinds.NetworkExport && !options.Replace)
            {
                RefuseLosingRows(options.Path, network, data, upnColumn, reportDays, rows, storedPeople);
            }

            var days = kind == ActivityFileKinds.NetworkExport ? rows.Select(r => r.Day).Distinct().ToList() : reportDays.ToList();
            var summary = new ActivityImportSummary
            {
                Path = options.Path,
                StorePath = options.StorePath.Display,
                Kind = kind,
                Network = network,
                RowsRead = data.Rows.Count,
                PeopleMatched = matcher.PeopleMatched,
                DaysCovered = days.Count,
                FirstDay = days.Count == 0 ? (DateTime?)null : days.Min(),
                LastDay = days.Count == 0 ? (DateTime?)null : days.Max(),
                UnmatchedRows = matcher.Unmatched.ToArray(),
                FileFormat = data.Format,
            };
            return new ActivityImportPlan(options, summary, rows, reportDays);
        }

        /// <summary>Stores a prepared file in one transaction and logs the import with it.</summary>
        public static ActivityImportSummary Apply(ActivityImportPlan plan, IOperationReporter reporter, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
            reporter.Progress("Importing activity", $"Storing {plan.Rows.Count} row(s)");
            using var store = SocialStore.Open(plan.Options.StorePath, createIfMissing: false);
            plan.Summary.RowsStored = store.InTransaction(transaction =>
            {
                var directory = store.LoadPersonDirectory(transaction);
                // Lazily: a file of millions of rows is not copied once more.
                var rows = plan.Rows.Select(r => (PersonId: directory.Find(r.UserPrincipalName) ?? throw TrainingImporter.PersonVanished(r.UserPrincipalName), Activity: r));
                int stored;
                if (plan.ReportDays.Count > 0)
                {
                    // A usage report lists the whole organisation for its day: it replaces that day, as a sync would.
                    stored = 0;
                    foreach (var day in plan.ReportDays)
                    {
                        stored += store.ReplaceActivityDay(plan.Summary.Network, day, rows.Where(r => r.Activity.Day == day), "ReportFile", transaction);
                    }
                }
                else
                {
                    stored = store.UpsertActivity(rows, "File", transaction);
                }

                // Stopped (Ctrl+C) while storing: nothing is committed, the transaction rolls back.
                token.ThrowIfCancellationRequested();
                store.AppendLog("Import-SocialActivity", "Succeeded", $"{System.IO.Path.GetFileName(plan.Options.Path)}: {plan.Summary.Network}, {stored} row(s), {plan.Summary.DaysCovered} day(s)", transaction);
                return stored;
            });
            return plan.Summary;
        }

        /// <summary>Recognises the admin-centre user-detail exports by their headers; anything else is a network export.</summary>
        internal static string Recognise(TabularData data)
        {
            var headers = new HashSet<string>(data.Headers.Select(ColumnMapping.Normalise), StringComparer.Ordinal);
            if (headers.Contains("userprincipalname") && headers.Contains("reportrefreshdate"))
            {
                if (headers.Contains("postedcount") && headers.Contains("readcount") && headers.Contains("likedcount"))
                {
                    return ActivityFileKinds.VivaEngageUserDetail;
                }

                if (headers.Contains("teamchatmessagecount") && headers.Contains("privatechatmessagecount"))
                {
                    return ActivityFileKinds.TeamsUserActivityUserDetail;
                }
            }

            return ActivityFileKinds.NetworkExport;
        }

        /// <summary>
        /// A usage report replaces its days whole, as a sync does. Refused without -Replace when that would lose stored
        /// activity: rows of several report dates (a stray row would replace a whole other day), or a day for which the
        /// store holds activity of people the file does not list (a partial export would wipe them).
        /// </summary>
        private static void RefuseLosingRows(string path, string network, TabularData data, string upnColumn, IReadOnlyList<DateTime> reportDays, List<ActivityDay> rows, Dictionary<(string Network, DateTime Day), HashSet<string>> storedPeople)
        {
            if (reportDays.Count > 1)
            {
                throw new SocialToolkitException("ImportMixedReportDates", FailureKind.InvalidData,
                    $"{path}: column 'Report Refresh Date': the file holds rows of {reportDays.Count} report dates ({string.Join(", ", reportDays.Take(5).Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}); a one-day report has one. " +
                    "Each date's rows would replace everything stored for that day. Split the file by date, or give -Replace if every date's rows are complete. Nothing was imported.",
                    path);
            }

            foreach (var day in reportDays)
            {
                if (!storedPeople.TryGetValue((network, day), out var stored) || stored.Count == 0)
                {
                    continue;
                }

                var listed = new HashSet<string>(rows.Where(r => r.Day == day).Select(r => r.UserPrincipalName), StringComparer.OrdinalIgnoreCase);
                var missing = stored.Where(upn => !listed.Contains(upn)).OrderBy(upn => upn, StringComparer.OrdinalIgnoreCase).ToList();
                if (missing.Count > 0)
                {
                    throw new SocialToolkitException("ImportWouldRemoveActivity", FailureKind.InvalidOperation,
                        $"{path}: column {upnColumn}: the file lists {listed.Count} known people for {network} {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, but the store holds activity that day for {stored.Count}, {missing.Count} of whom the file does not list (such as {string.Join(", ", missing.Take(3))}). " +
                        "Importing would remove their activity. Give -Replace to replace the day with the file's rows. Nothing was imported.",
                        path)
                    {
                        RecommendedAction = "Check that the export is the whole organisation's report for that day; if it is, run the import again with -Replace.",
                    };
                }
            }
        }

        private static void RequireRows(TabularData data, string path)
        {
            if (data.Rows.Count == 0)
            {
                throw new SocialToolkitException("ImportNoRows", FailureKind.InvalidData, $"{path}: row {data.HeaderRow + 1}: the file has a header but no data rows; nothing to import.", path);
            }
        }

        /// <summary>
        /// The admin centre exports 7/30/90/180-day totals per person. A total cannot be split into days, and storing
        /// it on one day would inflate that day and hide the others, so only one-day reports are accepted.
        /// </summary>
        private static void RequireDailyReport(TabularData data, ColumnMapping columns, string path, ValueParser parser)
        {
            foreach (var row in data.Rows)
            {
                var period = columns.Cell(row, "Report Period").Text.Trim();
                if (period == "1")
                {
                    continue;
                }

                var refreshed = columns.Cell(row, "Report Refresh Date");
                var until = parser.TryParseDate(refreshed, out var day) ? " up to " + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
                throw new SocialToolkitException("ImportAggregatedReport", FailureKind.InvalidData,
                    $"{path}: row {row.Number}, column {columns.Describe("Report Period")}: this export adds up {period} days per person (Report Period {period}){until}. " +
                    "Only daily exports (Report Period 1, as Graph returns for date=YYYY-MM-DD) can be stored: a total over several days cannot be split into days, and storing it on one day would distort every daily figure. " +
                    "Run Sync-SocialData, which fetches each day of the last 28 from Microsoft Graph, or import one-day exports. Nothing was imported.",
                    path);
            }
        }

        private static void RefuseConcealedNames(TabularData data, ColumnMapping columns, string path)
        {
            var names = data.Rows.Select(r => columns.Cell(r, "User Principal Name").Text.Trim()).Where(n => n.Length > 0).ToList();
            var concealed = names.Count(n => ConcealedName.IsMatch(n));
            if (concealed > 0 && concealed * 2 >= names.Count)
            {
                var first = data.Rows.First(r => ConcealedName.IsMatch(columns.Cell(r, "User Principal Name").Text.Trim()));
                throw new SocialToolkitException("ImportConcealedNames", FailureKind.InvalidData,
                    $"{path}: row {first.Number}, column {columns.Describe("User Principal Name")}: the report's user names are concealed ({concealed} of {names.Count} rows hold a 32-digit code instead of a user principal name), so no row can be matched to a person. " +
                    "A global administrator can show real names in the Microsoft 365 admin centre (Settings > Org settings > Reports: clear 'Display concealed user, group, and site names in all reports'); then export the report again. Nothing was imported.",
                    path)
                {
                    RecommendedAction = "Turn off concealed names for usage reports, then export the report again.",
                };
            }
        }

        /// <summary>
        /// Stores a one-day report's rows on the day it was requested for (-Date), as the sync does, instead of its
        /// Report Refresh Date. Only a file of one report date can be given a day: rows of several dates are several
        /// reports.
        /// </summary>
        private static DateTime[] KeyOnReportDate(ActivityImportOptions options, List<ActivityDay> rows, IReadOnlyList<DateTime> refreshDates)
        {
            var day = options.ReportDate!.Value.Date;
            if (refreshDates.Count > 1)
            {
                throw new SocialToolkitException("ImportMixedReportDates", FailureKind.InvalidData,
                    $"{options.Path}: column 'Report Refresh Date': the file holds rows of {refreshDates.Count} report dates; -Date names the one day a one-day report is about. Split the file by date. Nothing was imported.",
                    options.Path);
            }

            if (ValueParser.IsInFuture(day))
            {
                throw new SocialToolkitException("ImportFutureDate", FailureKind.InvalidArgument,
                    $"-Date {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is in the future; a report cannot be about a day that has not happened. Nothing was imported.",
                    "Date");
            }

            foreach (var row in rows)
            {
                row.Day = day;
            }

            return new[] { day };
        }

        private static IEnumerable<DateTime> ReportDates(TabularData data, ColumnMapping columns, ValueParser parser)
        {
            foreach (var row in data.Rows)
            {
                if (parser.TryParseDate(columns.Cell(row, "Report Refresh Date"), out var day))
                {
                    yield return day;
                }
            }
        }

        private static List<ActivityDay> ReadReportRows(TabularData data, ColumnMapping columns, string kind, string network, ValueParser parser, PeopleMatcher matcher, PersonDirectory directory, ImportProblems problems, CancellationToken token)
        {
            var isTeams = kind == ActivityFileKinds.TeamsUserActivityUserDetail;
            var firstRowOf = new Dictionary<(long, string?, DateTime), int>(data.Rows.Count);
            var rows = new List<ActivityDay>(data.Rows.Count);
            foreach (var row in data.Rows)
            {
                token.ThrowIfCancellationRequested();
                columns.CheckLengths(row, problems);
                var upn = columns.Cell(row, "User Principal Name").Text.Trim();
                var dayCell = columns.Cell(row, "Report Refresh Date");
                var hasDay = parser.TryParseDate(dayCell, out var day);
                if (!hasDay)
                {
                    problems.Add("ImportInvalidValue", row.Number, columns.Describe("Report Refresh Date"), parser.DateProblem(dayCell.Text));
                }

                var activity = new ActivityDay { Day = day, Network = network, Source = "ReportFile" };
                if (isTeams)
                {
                    // Channel messages are the Teams side of social participation: new posts and replies. Older exports
                    // without the breakdown give only the channel total, counted as posts. Chats, calls and meetings
                    // are not social participation and are not stored.
                    if (columns.Has("Post Messages"))
                    {
                        activity.Posts = Count(row, columns, "Post Messages", parser, problems);
                        activity.Replies = columns.Has("Reply Messages") ? Count(row, columns, "Reply Messages", parser, problems) : 0;
                    }
                    else
                    {
                        activity.Posts = Count(row, columns, "Team Chat Message Count", parser, problems);
                    }
                }
                else
                {
                    activity.Posts = Count(row, columns, "Posted Count", parser, problems);
                    activity.Reads = Count(row, columns, "Read Count", parser, problems);
                    activity.Reactions = Count(row, columns, "Liked Count", parser, problems);
                }

                AddRow(row, upn, hasDay, activity, columns.Describe("User Principal Name"), columns.Describe("Report Refresh Date"), matcher, directory, firstRowOf, rows, problems);
            }

            return rows;
        }

        private static List<ActivityDay> ReadNetworkRows(TabularData data, ColumnMapping columns, string network, ValueParser parser, PeopleMatcher matcher, PersonDirectory directory, ImportProblems problems, CancellationToken token)
        {
            var firstRowOf = new Dictionary<(long, string?, DateTime), int>(data.Rows.Count);
            var rows = new List<ActivityDay>(data.Rows.Count);
            foreach (var row in data.Rows)
            {
                token.ThrowIfCancellationRequested();
                columns.CheckLengths(row, problems);
                var upn = columns.Cell(row, "UserPrincipalName").Text.Trim();
                var dayCell = columns.Cell(row, "Day");
                var hasDay = parser.TryParseDate(dayCell, out var day);
                if (!hasDay)
                {
                    problems.Add("ImportInvalidValue", row.Number, columns.Describe("Day"), dayCell.IsEmpty ? "the day is empty." : parser.DateProblem(dayCell.Text));
                }

                var activity = new ActivityDay
                {
                    Day = day,
                    Network = network,
                    Source = "File",
                    Posts = columns.Has("Posts") ? Count(row, columns, "Posts", parser, problems) : 0,
                    Replies = columns.Has("Replies") ? Count(row, columns, "Replies", parser, problems) : 0,
                    Reactions = columns.Has("Reactions") ? Count(row, columns, "Reactions", parser, problems) : 0,
                    Reads = columns.Has("Reads") ? Count(row, columns, "Reads", parser, problems) : 0,
                    Shares = columns.Has("Shares") ? Count(row, columns, "Shares", parser, problems) : 0,
                };
                AddRow(row, upn, hasDay, activity, columns.Describe("UserPrincipalName"), columns.Describe("Day"), matcher, directory, firstRowOf, rows, problems);
            }

            return rows;
        }

        /// <summary>More than the days from year 1 to 9999, so person * this + day is unique.</summary>
        private const long DaysPerPerson = 4_000_000;

        private static void AddRow(RawRow row, string upn, bool hasDay, ActivityDay activity, string upnColumn, string dayColumn, PeopleMatcher matcher, PersonDirectory directory, Dictionary<(long, string?, DateTime), int> firstRowOf, List<ActivityDay> rows, ImportProblems problems)
        {
            if (upn.Length == 0)
            {
                problems.Add("ImportInvalidValue", row.Number, upnColumn, "the user principal name or mail is empty.");
                return;
            }

            if (!hasDay)
            {
                return;
            }

            if (ValueParser.IsInFuture(activity.Day))
            {
                problems.Add("ImportFutureDate", row.Number, dayColumn, $"{activity.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is in the future; activity cannot have happened yet.");
                return;
            }

            var personId = matcher.Match(row.Number, upn);

            // A known person and day are packed in one number: a file may have millions of rows.
            var key = personId.HasValue
                ? (personId.Value * DaysPerPerson + (activity.Day - DateTime.MinValue).Days, null, default(DateTime))
                : (-1L, upn.Trim().ToUpperInvariant(), activity.Day);
            if (firstRowOf.TryGetValue(key, out var firstRow))
            {
                problems.Add("ImportDuplicateRow", row.Number, upnColumn + " and " + dayColumn, $"rows {firstRow} and {row.Number} are both about {upn} on {activity.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({activity.Network}). Keep one of them.");
                return;
            }

            firstRowOf[key] = row.Number;
            if (personId.HasValue)
            {
                activity.UserPrincipalName = directory.UserPrincipalName(personId.Value);
                rows.Add(activity);
            }
        }

        private static int Count(RawRow row, ColumnMapping columns, string field, ValueParser parser, ImportProblems problems)
        {
            var cell = columns.Cell(row, field);
            if (parser.TryParseCount(cell, out var value))
            {
                return value;
            }

            problems.Add("ImportInvalidValue", row.Number, columns.Describe(field), $"'{cell.Text.Trim()}' is not a whole number of zero or more.");
            return 0;
        }
    }
}
