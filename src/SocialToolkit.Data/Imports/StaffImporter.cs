using System;
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
    /// <summary>What Import-SocialStaff was asked to do.</summary>
    public sealed class StaffImportOptions : ImportFileOptions
    {
        /// <summary>File: the file wins for the fields it maps; Directory: it only fills what the directory left empty.</summary>
        public string Source { get; set; } = StaffImporter.FileWins;

        /// <summary>The day the values are recorded as seen from; default today (UTC).</summary>
        public DateTime? SeenOn { get; set; }
    }

    /// <summary>A file that was read and checked completely, ready to be stored in one transaction.</summary>
    public sealed class StaffImportPlan
    {
        internal StaffImportPlan(StaffImportOptions options, StaffImportSummary summary, IReadOnlyList<Person> people, PersonFields fields, int existing)
        {
            Options = options;
            Summary = summary;
            People = people;
            Fields = fields;
            Existing = existing;
        }

        public StaffImportOptions Options { get; }

        public StaffImportSummary Summary { get; }

        /// <summary>One person per row, with the store's UPN for people it already holds.</summary>
        public IReadOnlyList<Person> People { get; }

        /// <summary>The fields the file maps: the only ones written.</summary>
        public PersonFields Fields { get; }

        /// <summary>Rows naming people the store already holds.</summary>
        public int Existing { get; }

        public string Description => $"Import {People.Count} person(s) from {System.IO.Path.GetFileName(Options.Path)} ({People.Count - Existing} new, {Existing} known), " +
            $"fields {string.Join(", ", Summary.Fields)}; " +
            (Options.Source == StaffImporter.FileWins ? "the file's values win over the directory's" : "the file only fills values the directory left empty");
    }

    /// <summary>
    /// Staff from an HR-system export (CSV or xlsx) into the store, all or nothing: people are added or updated, each
    /// change goes into the person's history, and only the fields the file maps are written.
    /// </summary>
    public static class StaffImporter
    {
        public const string FileWins = "File";

        public const string DirectoryWins = "Directory";

        internal static readonly ImportField[] Fields =
        {
            ImportField.Person("Employee", "EmployeeEmail", "WorkEmail", "Collaborateur", "Salarié"),
            new ImportField("DisplayName", false, "Name", "FullName", "Display Name", "EmployeeName", "Nom complet", "Nom et prénom", "Prénom Nom", "Nom affiché", "Collaborateur nom"),
            new ImportField("Department", false, "Dept", "Department Name", "BusinessUnit", "Business Unit", "Service", "Direction", "Département", "Departement", "Pôle", "Entité"),
            new ImportField("JobTitle", false, "Title", "Job", "Position", "Role", "Poste", "Fonction", "Intitulé du poste", "Emploi"),
            new ImportField("Country", false, "CountryOrRegion", "Country/Region", "Pays"),
            new ImportField("Office", false, "OfficeLocation", "Location", "Site", "WorkLocation", "Bureau", "Lieu de travail", "Établissement", "Etablissement", "Implantation"),
            new ImportField("ManagerUserPrincipalName", false, "Manager", "ManagerEmail", "ManagerUPN", "ManagerMail", "Manager Email", "Responsable", "Courriel du responsable", "Email du manager", "Manager (courriel)", "N+1").Identifier(),
            new ImportField("HireDate", false, "Hire Date", "HiredOn", "StartDate", "Start Date", "EmployeeHireDate", "Date d'embauche", "Date d'entrée", "Date entrée", "Date d'arrivée"),
            new ImportField("LeaveDate", false, "Leave Date", "EndDate", "End Date", "TerminationDate", "Termination Date", "EmployeeLeaveDateTime", "Date de sortie", "Date de départ", "Date de fin de contrat"),
            new ImportField("UserType", false, "AccountType", "Account Type", "EmployeeType", "Type de compte", "Type de collaborateur"),
        };

        private static readonly (string Field, PersonFields Flag)[] Flags =
        {
            ("DisplayName", PersonFields.DisplayName),
            ("Department", PersonFields.Department),
            ("JobTitle", PersonFields.JobTitle),
            ("Country", PersonFields.Country),
            ("Office", PersonFields.Office),
            ("ManagerUserPrincipalName", PersonFields.Manager),
            ("HireDate", PersonFields.HireDate),
            ("LeaveDate", PersonFields.LeaveDate),
            ("UserType", PersonFields.UserType),
        };

        public static IReadOnlyList<string> FieldNames => Fields.Select(f => f.Name).ToArray();

        /// <summary>Reads and checks the whole file against the store; writes nothing.</summary>
        public static StaffImportPlan Prepare(StaffImportOptions options, IOperationReporter reporter, CancellationToken token)
        {
            if (options.Source != FileWins && options.Source != DirectoryWins)
            {
                throw new SocialToolkitException("InvalidSource", FailureKind.InvalidArgument, $"-Source must be {FileWins} or {DirectoryWins}, not '{options.Source}'.", "Source");
            }

            ValueParser.RequireKnownCulture(options.Culture);
            var userMap = ColumnMapping.FromHashtable(options.ColumnMap, Fields);
            reporter.Progress("Importing staff", "Reading " + System.IO.Path.GetFileName(options.Path));
            var data = TabularReader.Read(options.Path, options.Delimiter, token);
            reporter.Verbose($"{options.Path}: {data.Format}; {data.Rows.Count} data row(s).");
            var columns = ColumnMapping.Resolve(data, Fields, userMap);
            if (data.Rows.Count == 0)
            {
                throw new SocialToolkitException("ImportNoRows", FailureKind.InvalidData, $"{options.Path}: row {data.HeaderRow + 1}: the file has a header but no data rows; nothing to import.", options.Path);
            }

            var mapped = PersonFields.None;
            foreach (var (field, flag) in Flags)
            {
                if (columns.Has(field))
                {
                    mapped |= flag;
                }
            }

            var seenOn = (options.SeenOn ?? DateTime.UtcNow).Date;
            var writing = WriteOptions(options.Source, mapped, seenOn);

            var directory = new PersonDirectory();
            var directoryIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var storedDates = new Dictionary<string, (DateTime? Hire, DateTime? Leave)>(StringComparer.OrdinalIgnoreCase);
            var erased = ErasureList.Empty;

            // The HR export may be the first thing a store holds: a missing store is created when the file is stored.
            if (!options.StorePath.IsMissingFile)
            {
                using var store = SocialStore.Open(options.StorePath, createIfMissing: false);
                directory = store.LoadPersonDirectory();
                erased = store.LoadErasureList();
                directoryIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                using var command = store.Command("SELECT upn, directory_id, hire_date, leave_date FROM person");
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (!reader.IsDBNull(1))
                    {
                        directoryIds[reader.GetString(0)] = reader.GetString(1);
                    }

                    storedDates[reader.GetString(0)] = (
                        reader.IsDBNull(2) ? (DateTime?)null : SocialStore.ParseDate(reader.GetString(2)),
                        reader.IsDBNull(3) ? (DateTime?)null : SocialStore.ParseDate(reader.GetString(3)));
                }
            }

            var parser = new ValueParser(options.Culture);
            var problems = new ImportProblems(options.Path);
            var firstRowOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var people = new List<Person>();
            var existing = 0;
            var refused = 0;
            foreach (var row in data.Rows)
            {
                token.ThrowIfCancellationRequested();
                columns.CheckLengths(row, problems);
                var given = columns.Cell(row, "UserPrincipalName").Text.Trim();
                if (given.Length == 0)
                {
                    problems.Add("ImportInvalidValue", row.Number, columns.Describe("UserPrincipalName"), "the user principal name or mail is empty.");
                    continue;
                }

                var id = directory.Find(given);
                var upn = id.HasValue ? directory.UserPrincipalName(id.Value) : given;
                if (!id.HasValue && !LooksLikeAddress(given))
                {
                    problems.Add("ImportInvalidValue", row.Number, columns.Describe("UserPrincipalName"), $"'{given}' is not a user principal name or mail address (name@domain), and nobody in the store has it.");
                    continue;
                }

                if (firstRowOf.TryGetValue(upn, out var firstRow))
                {
                    problems.Add("ImportDuplicateRow", row.Number, columns.Describe("UserPrincipalName"), $"rows {firstRow} and {row.Number} are both about {upn}. Keep one of them.");
                    continue;
                }

                firstRowOf[upn] = row.Number;
                var person = new Person
                {
                    UserPrincipalName = upn,
                    DisplayName = Text(columns, row, "DisplayName") ?? upn,
                    Mail = id.HasValue ? null : given,
                    Department = Text(columns, row, "Department"),
                    JobTitle = Text(columns, row, "JobTitle"),
                    Country = Text(columns, row, "Country"),
                    OfficeLocation = Text(columns, row, "Office"),
                    HireDate = parser.ReadOptionalDate(row, columns, "HireDate", problems),
                    LeaveDate = parser.ReadOptionalDate(row, columns, "LeaveDate", problems),
                    UserType = ReadUserType(row, columns, upn, problems),
                    Enabled = true,
                };
                // The dates the person will have once stored, each from the file or the store as -Source says: a file
                // with only leave dates must not give someone a leave date before the hire date the store holds.
                var stored = id.HasValue && storedDates.TryGetValue(upn, out var dates) ? dates : (null, null);
                var (hire, hireStored) = writing.Takes(PersonFields.HireDate, !stored.Hire.HasValue) ? (person.HireDate, false) : (stored.Hire, true);
                var (leave, leaveStored) = writing.Takes(PersonFields.LeaveDate, !stored.Leave.HasValue) ? (person.LeaveDate, false) : (stored.Leave, true);
                if (hire.HasValue && leave.HasValue && leave < hire && !(hireStored && leaveStored))
                {
                    problems.Add("ImportInvalidValue", row.Number, columns.Describe(leaveStored ? "HireDate" : "LeaveDate"),
                        $"the leave date {leave:yyyy-MM-dd}{(leaveStored ? " the store holds" : string.Empty)} is before the hire date {hire:yyyy-MM-dd}{(hireStored ? " the store holds" : string.Empty)}.");
                }

                var manager = Text(columns, row, "ManagerUserPrincipalName");
                if (manager != null)
                {
                    var managerId = directory.Find(manager);
                    // A name ("Alice Martin") would replace the stored manager with someone nobody can be matched to.
                    if (!managerId.HasValue && !LooksLikeAddress(manager))
                    {
                        problems.Add("ImportInvalidValue", row.Number, columns.Describe("ManagerUserPrincipalName"), $"'{manager}' is not a user principal name or mail address (name@domain), and nobody in the store has it. If another column holds the managers' addresses, name it with -ColumnMap @{{ ManagerUserPrincipalName = '...' }}.");
                    }

                    person.ManagerUserPrincipalName = managerId.HasValue ? directory.UserPrincipalName(managerId.Value) : manager;
                    person.ManagerId = directoryIds.TryGetValue(person.ManagerUserPrincipalName, out var managerDirectoryId) ? managerDirectoryId : null;
                }

                if (erased.Contains(person))
                {
                    refused++;
                    continue;
                }

                if (id.HasValue)
                {
                    existing++;
                }

                people.Add(person);
            }

            problems.ThrowIfAny();
            if (refused > 0)
            {
                reporter.Warning($"{options.Path}: {refused} row(s) name people who were erased from this store (Remove-SocialStoreData -UserPrincipalName); they are not imported.");
            }

            // A manager who was erased is not stored (the people write drops them), and is not named here either.
            var erasedManagers = people.Count(p => p.ManagerUserPrincipalName != null && erased.Contains(p.ManagerUserPrincipalName));
            if (erasedManagers > 0)
            {
                reporter.Warning($"{options.Path}: {erasedManagers} row(s) name a manager who was erased from this store (Remove-SocialStoreData -UserPrincipalName); they are stored without a manager.");
            }

            // Managers named in the file but unknown to the store and the file are kept as written, and said.
            var unknownManagers = people.Where(p => p.ManagerUserPrincipalName != null && !erased.Contains(p.ManagerUserPrincipalName) && directory.Find(p.ManagerUserPrincipalName) == null && !firstRowOf.ContainsKey(p.ManagerUserPrincipalName)).Select(p => p.ManagerUserPrincipalName!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (unknownManagers.Count > 0)
            {
                reporter.Warning($"{options.Path}: {unknownManagers.Count} manager(s) are neither in the store nor in the file: {string.Join(", ", unknownManagers.Take(5))}{(unknownManagers.Count > 5 ? "..." : string.Empty)}. They are stored as written.");
            }

            var summary = new StaffImportSummary
            {
                Path = options.Path,
                StorePath = options.StorePath.Display,
                Source = options.Source,
                RowsRead = data.Rows.Count,
                PeopleRefusedErased = refused,
                Fields = StaffAuthority.Names(mapped).ToArray(),
                SeenOn = seenOn,
                FileFormat = data.Format,
            };
            return new StaffImportPlan(options, summary, people, mapped, existing);
        }

        /// <summary>Stores a prepared file in one transaction, with its history rows and a log entry.</summary>
        public static StaffImportSummary Apply(StaffImportPlan plan, IOperationReporter reporter, CancellationToken token)
        {
            token.ThrowIfCancellationRequested();
            reporter.Progress("Importing staff", $"Storing {plan.People.Count} person(s)");
            using var store = SocialStore.Open(plan.Options.StorePath, createIfMissing: true);
            var fileWins = plan.Options.Source == FileWins;
            var written = store.InTransaction(transaction =>
            {
                var result = store.UpsertPeople(plan.People, WriteOptions(plan.Options.Source, plan.Fields, plan.Summary.SeenOn), transaction);
                StaffAuthority.Assign(store, plan.Fields, fileWins, transaction);
                store.AppendLog("Import-SocialStaff", "Succeeded", $"{System.IO.Path.GetFileName(plan.Options.Path)}: {result.Added} added, {result.Updated} updated, source {plan.Options.Source}", transaction);

                // Cancelled while storing: nothing is committed, the transaction rolls back.
                token.ThrowIfCancellationRequested();
                return result;
            });
            plan.Summary.PeopleAdded = written.Added;
            plan.Summary.PeopleUpdated = written.Updated;
            plan.Summary.PeopleRefusedErased += written.RefusedErased;
            return plan.Summary;
        }

        /// <summary>
        /// How the file's people are written: new people get every value the file has; known people only the mapped
        /// fields, as -Source says.
        /// </summary>
        private static PeopleWriteOptions WriteOptions(string source, PersonFields mapped, DateTime seenOn)
        {
            var fileWins = source == FileWins;
            return new PeopleWriteOptions
            {
                Source = "HRFile",
                SeenOn = seenOn,
                Overwrite = fileWins ? mapped : PersonFields.None,
                FillOnly = fileWins ? PersonFields.None : mapped | PersonFields.Mail,
            };
        }

        private static bool LooksLikeAddress(string text)
        {
            var at = text.IndexOf('@');
            return at > 0 && at < text.Length - 1 && text.IndexOf(' ') < 0;
        }

        private static string? Text(ColumnMapping columns, RawRow row, string field)
        {
            if (!columns.Has(field))
            {
                return null;
            }

            var text = columns.Cell(row, field).Text.Trim();
            return text.Length == 0 ? null : text;
        }

        private static string ReadUserType(RawRow row, ColumnMapping columns, string upn, ImportProblems problems)
        {
            var text = columns.Has("UserType") ? columns.Cell(row, "UserType").Text.Trim() : string.Empty;
            if (text.Length == 0)
            {
                return StaffAccount.Classify(null, upn);
            }

            var key = ColumnMapping.Normalise(text.Normalize(System.Text.NormalizationForm.FormC));
            string? kind = key switch
            {
                "member" or "membre" or "employee" or "employé" or "employe" or "salarié" or "salarie" or "staff" or "internal" or "interne" => StaffAccount.Member,
                "guest" or "invité" or "invite" or "external" or "externe" or "contractor" or "prestataire" => StaffAccount.Guest,
                "resource" or "ressource" or "room" or "salle" or "equipment" or "équipement" or "shared" or "sharedmailbox" or "partagé" or "boîtepartagée" => StaffAccount.Resource,
                _ => null,
            };
            if (kind == null)
            {
                problems.Add("ImportInvalidValue", row.Number, columns.Describe("UserType"), $"'{text}' is not an account kind (Member, Guest or Resource; Membre, Invité, Ressource).");
                return StaffAccount.Member;
            }

            return StaffAccount.Classify(kind, upn);
        }
    }
}
