using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Data.Imports
{
    /// <summary>What Import-SocialTrainingRecord was asked to do.</summary>
    public sealed class TrainingImportOptions : ImportFileOptions
    {
        /// <summary>The source label the records are stored under; records of other sources are left alone.</summary>
        public string Source { get; set; } = "File";
    }

    /// <summary>A file that was read and checked completely, ready to be stored in one transaction.</summary>
    public sealed class TrainingImportPlan
    {
        internal TrainingImportPlan(TrainingImportOptions options, TrainingImportSummary summary, IReadOnlyList<TrainingRecord> records, TrainingFields fields, ISet<TrainingRecord> statusUnknown)
        {
            Options = options;
            Summary = summary;
            Records = records;
            Fields = fields;
            StatusUnknown = statusUnknown;
        }

        /// <summary>The fields the file has a column for: the only ones a re-import changes in existing records.</summary>
        public TrainingFields Fields { get; }

        /// <summary>
        /// Records whose row says nothing of their status (an empty Status cell, no date or percentage column): they
        /// are stored as not started when new, and keep the stored status otherwise.
        /// </summary>
        internal ISet<TrainingRecord> StatusUnknown { get; }

        public TrainingImportOptions Options { get; }

        /// <summary>The summary as it will be once stored (RowsStored is filled in by <see cref="TrainingImporter.Apply"/>).</summary>
        public TrainingImportSummary Summary { get; }

        /// <summary>The records of matched people, with the UPN the store knows them by.</summary>
        public IReadOnlyList<TrainingRecord> Records { get; }

        public string Description => $"Import {Records.Count} training record(s) of {Summary.PeopleMatched} people from {System.IO.Path.GetFileName(Options.Path)}" +
            (Summary.UnmatchedRows.Count > 0 ? $" ({Summary.UnmatchedRows.Count} row(s) with unknown people skipped)" : string.Empty);
    }

    /// <summary>
    /// Training records from a CSV or xlsx file into the store, all or nothing: the whole file is read and checked
    /// first, and a single bad value fails the import before anything is written.
    /// </summary>
    public static class TrainingImporter
    {
        internal static readonly ImportField[] Fields =
        {
            ImportField.Person("Learner", "LearnerEmail", "Apprenant", "Participant", "Stagiaire"),
            new ImportField("CourseId", true, "CourseCode", "LearningContentId", "ContentId", "Course", "Code formation", "Code du cours", "Identifiant formation", "Code module", "Formation"),
            new ImportField("CourseTitle", false, "Title", "CourseName", "CourseTitle", "LearningContentTitle", "Intitulé", "Intitulé de la formation", "Titre", "Nom de la formation", "Libellé"),
            new ImportField("Provider", false, "LearningProvider", "Organiser", "Organizer", "Vendor", "Platform", "Organisme", "Organisme de formation", "Prestataire", "Plateforme"),
            new ImportField("Status", false, "CompletionStatus", "LearningStatus", "State", "Statut", "État", "Etat", "Statut de la formation"),
            new ImportField("AssignedDate", false, "Assigned", "AssignedOn", "AssignedDateTime", "EnrolmentDate", "EnrollmentDate", "Date d'inscription", "Date d'affectation", "Date d'attribution"),
            new ImportField("CompletedDate", false, "Completed", "CompletedOn", "CompletionDate", "CompletedDateTime", "DateCompleted", "Date de fin", "Date d'achèvement", "Date de complétion", "Date de réalisation", "Terminé le"),
            new ImportField("CompletionPercentage", false, "PercentComplete", "PercentageComplete", "Progress", "Completion", "Progression", "Avancement", "Pourcentage"),
        };

        public static IReadOnlyList<string> FieldNames => Fields.Select(f => f.Name).ToArray();

        /// <summary>Reads and checks the whole file against the store's people; writes nothing.</summary>
        public static TrainingImportPlan Prepare(TrainingImportOptions options, IOperationReporter reporter, CancellationToken token)
        {
            if (string.IsNullOrWhiteSpace(options.Source))
            {
                throw new SocialToolkitException("InvalidSource", FailureKind.InvalidArgument, "-Source cannot be empty.", "Source");
            }

            ValueParser.RequireKnownCulture(options.Culture);
            var userMap = ColumnMapping.FromHashtable(options.ColumnMap, Fields);
            reporter.Progress("Importing training records", "Reading " + System.IO.Path.GetFileName(options.Path));
            var data = TabularReader.Read(options.Path, options.Delimiter, token);
            reporter.Verbose($"{options.Path}: {data.Format}; {data.Rows.Count} data row(s).");
            var columns = ColumnMapping.Resolve(data, Fields, userMap);
            if (data.Rows.Count == 0)
            {
                throw new SocialToolkitException("ImportNoRows", FailureKind.InvalidData, $"{options.Path}: row {data.HeaderRow + 1}: the file has a header but no data rows; nothing to import.", options.Path);
            }

            PersonDirectory directory;
            using (var store = SocialStore.Open(options.StorePath, createIfMissing: false))
            {
                directory = store.LoadPersonDirectory();
            }

            var parser = new ValueParser(options.Culture);
            var problems = new ImportProblems(options.Path);
            var matcher = new PeopleMatcher(directory);
            var firstRowOf = new Dictionary<(string Person, string Course), int>();
            var records = new List<TrainingRecord>();
            var completedWithoutDate = 0;
            var statusUnknown = new HashSet<TrainingRecord>();
            var statusInferable = columns.Has("CompletedDate") || columns.Has("CompletionPercentage");
            foreach (var row in data.Rows)
            {
                token.ThrowIfCancellationRequested();
                columns.CheckLengths(row, problems);
                var upn = columns.Cell(row, "UserPrincipalName").Text.Trim();
                var courseId = columns.Cell(row, "CourseId").Text.Trim();
                if (upn.Length == 0)
                {
                    problems.Add("ImportInvalidValue", row.Number, columns.Describe("UserPrincipalName"), "the user principal name or mail is empty.");
                }

                if (courseId.Length == 0)
                {
                    problems.Add("ImportInvalidValue", row.Number, columns.Describe("CourseId"), "the course id is empty.");
                }

                var record = new TrainingRecord
                {
                    CourseId = courseId,
                    CourseTitle = columns.Cell(row, "CourseTitle").Text.Trim(),
                    Provider = NullIfEmpty(columns.Cell(row, "Provider").Text),
                    Source = options.Source,
                };
                record.AssignedDate = parser.ReadOptionalDate(row, columns, "AssignedDate", problems);
                record.CompletedDate = parser.ReadOptionalDate(row, columns, "CompletedDate", problems);
                if (record.CompletedDate.HasValue && ValueParser.IsInFuture(record.CompletedDate.Value))
                {
                    problems.Add("ImportFutureDate", row.Number, columns.Describe("CompletedDate"), $"{record.CompletedDate:yyyy-MM-dd} is in the future; a course cannot have been completed yet.");
                }

                record.CompletionPercentage = ReadPercentage(row, columns, parser, problems);
                record.Status = ReadStatus(row, columns, record, problems);
                if (record.Status == TrainingStatus.Completed && record.CompletedDate == null)
                {
                    completedWithoutDate++;
                }

                if (upn.Length == 0 || courseId.Length == 0)
                {
                    continue;
                }

                var personId = matcher.Match(row.Number, upn);
                var key = (PeopleMatcher.PersonKey(personId, upn), courseId);
                if (firstRowOf.TryGetValue(key, out var firstRow))
                {
                    problems.Add("ImportDuplicateRow", row.Number, columns.Describe("UserPrincipalName") + " and " + columns.Describe("CourseId"), $"rows {firstRow} and {row.Number} are both about {upn} in course '{courseId}'. Keep one of them.");
                    continue;
                }

                firstRowOf[key] = row.Number;
                if (personId.HasValue)
                {
                    record.UserPrincipalName = directory.UserPrincipalName(personId.Value);
                    records.Add(record);
                    if (!statusInferable && columns.Cell(row, "Status").IsEmpty)
                    {
                        statusUnknown.Add(record);
                    }
                }
            }

            matcher.Report(options.Path, columns.Describe("UserPrincipalName"), options.RequireAllMatched, problems, reporter);
            problems.ThrowIfAny();
            if (completedWithoutDate > 0)
            {
                reporter.Warning($"{options.Path}: {completedWithoutDate} completed record(s) have no completion date: they count as trained but cannot be placed in time, so the training-effect report leaves them out.");
            }

            var summary = new TrainingImportSummary
            {
                Path = options.Path,
                StorePath = options.StorePath.Display,
                Source = options.Source,
                RowsRead = data.Rows.Count,
                PeopleMatched = matcher.PeopleMatched,
                Courses = records.Select(r => r.CourseId).Distinct(StringComparer.Ordinal).Count(),
                UnmatchedRows = matcher.Unmatched.ToArray(),
                FileFormat = data.Format,
            };
            // A status inferred from dates or a percentage only replaces a stored one when the file has those columns.
            var fields = TrainingFields.None;
            foreach (var (field, flag) in new[]
            {
                ("CourseTitle", TrainingFields.CourseTitle),
                ("Provider", TrainingFields.Provider),
                ("AssignedDate", TrainingFields.AssignedDate),
                ("CompletedDate", TrainingFields.CompletedDate),
                ("CompletionPercentage", TrainingFields.CompletionPercentage),
            })
            {
                if (columns.Has(field))
                {
                    fields |= flag;
                }
            }

            if (columns.Has("Status") || columns.Has("CompletedDate") || columns.Has("CompletionPercentage"))
            {
                fields |= TrainingFields.Status;
            }

            return new TrainingImportPlan(options, summary, records, fields, statusUnknown);
        }

        /// <summary>Stores a prepared file in one transaction and logs the import with it.</summary>
        public static TrainingImportSummary Apply(TrainingImportPlan plan, IOperationReporter reporter, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
            reporter.Progress("Importing training records", $"Storing {plan.Records.Count} record(s)");
            using var store = SocialStore.Open(plan.Options.StorePath, createIfMissing: false);
            plan.Summary.RowsStored = store.InTransaction(transaction =>
            {
                var directory = store.LoadPersonDirectory(transaction);
                var rows = plan.Records.Select(r => (directory.Find(r.UserPrincipalName) ?? throw PersonVanished(r.UserPrincipalName), r)).ToList();
                var stored = store.UpsertTraining(rows.Where(r => !plan.StatusUnknown.Contains(r.r)), plan.Fields, transaction) +
                    store.UpsertTraining(rows.Where(r => plan.StatusUnknown.Contains(r.r)), plan.Fields & ~TrainingFields.Status, transaction);
                // Stopped (Ctrl+C) while storing: nothing is committed, the transaction rolls back.
                token.ThrowIfCancellationRequested();
                store.AppendLog("Import-SocialTrainingRecord", "Succeeded", $"{System.IO.Path.GetFileName(plan.Options.Path)}: {stored} record(s), source {plan.Options.Source}", transaction);
                return stored;
            });
            return plan.Summary;
        }

        internal static SocialToolkitException PersonVanished(string upn) =>
            new SocialToolkitException("StoreChanged", FailureKind.InvalidOperation, $"{upn} was removed from the store while the file was being imported; nothing was imported. Run the import again.", upn);

        private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        private static int? ReadPercentage(RawRow row, ColumnMapping columns, ValueParser parser, ImportProblems problems)
        {
            if (!columns.Has("CompletionPercentage"))
            {
                return null;
            }

            var cell = columns.Cell(row, "CompletionPercentage");
            if (cell.IsEmpty)
            {
                return null;
            }

            if (parser.TryParsePercentage(cell, out var value))
            {
                return value;
            }

            problems.Add("ImportInvalidValue", row.Number, columns.Describe("CompletionPercentage"), $"'{cell.Text.Trim()}' is not a percentage between 0 and 100.");
            return null;
        }

        private static TrainingStatus ReadStatus(RawRow row, ColumnMapping columns, TrainingRecord record, ImportProblems problems)
        {
            var text = columns.Has("Status") ? columns.Cell(row, "Status").Text.Trim() : string.Empty;
            if (text.Length == 0)
            {
                // No status: infer it from what the row says happened.
                if (record.CompletedDate.HasValue || record.CompletionPercentage == 100)
                {
                    return TrainingStatus.Completed;
                }

                return record.CompletionPercentage > 0 ? TrainingStatus.InProgress : TrainingStatus.NotStarted;
            }

            if (TrainingStatusText.TryParse(text, out var status))
            {
                return status;
            }

            problems.Add("ImportInvalidValue", row.Number, columns.Describe("Status"), $"'{text}' is not a training status (NotStarted, InProgress or Completed).");
            return TrainingStatus.NotStarted;
        }
    }
}
