using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Data.Store
{
    /// <summary>How many people a write added and changed, and how many it refused because they were erased.</summary>
    public readonly struct PeopleWriteResult
    {
        public PeopleWriteResult(int added, int updated, int refusedErased = 0)
        {
            Added = added;
            Updated = updated;
            RefusedErased = refusedErased;
        }

        public int Added { get; }

        public int Updated { get; }

        /// <summary>People on the erasure list, left out (see <see cref="SocialStore.AddToErasureList"/>).</summary>
        public int RefusedErased { get; }
    }

    /// <summary>The fields of a person a write may set. Tracked fields also get a history row when they change.</summary>
    [Flags]
    public enum PersonFields
    {
        None = 0,
        DirectoryId = 1,
        DisplayName = 2,
        Mail = 4,
        Department = 8,
        JobTitle = 16,
        Office = 32,
        Country = 64,
        Manager = 128,
        HireDate = 256,
        LeaveDate = 512,
        UserType = 1024,
        Enabled = 2048,
        All = 4095,
    }

    /// <summary>How a write of people treats the fields it carries.</summary>
    public sealed class PeopleWriteOptions
    {
        /// <summary>"Graph", "HRFile"...: stored with the person and each history row.</summary>
        public string Source { get; set; } = "Graph";

        /// <summary>The day the values were seen (history rows start on it); default today (UTC).</summary>
        public DateTime? SeenOn { get; set; }

        /// <summary>Fields whose value replaces the stored one, empty values included.</summary>
        public PersonFields Overwrite { get; set; } = PersonFields.All;

        /// <summary>Fields written only where the store has no value yet.</summary>
        public PersonFields FillOnly { get; set; } = PersonFields.None;

        /// <summary>Whether a write with these options replaces a known person's stored value of <paramref name="field"/> with the incoming one.</summary>
        public bool Takes(PersonFields field, bool storedIsEmpty) => (Overwrite & field) != 0 || ((FillOnly & field) != 0 && storedIsEmpty);
    }

    public sealed partial class SocialStore
    {
        private const string PersonColumns = "p.id, p.directory_id, p.upn, p.mail, p.display_name, p.department, p.job_title, p.office, p.country, p.manager_directory_id, p.manager_upn, p.hire_date, p.enabled, p.last_seen, p.leave_date, p.user_type";

        /// <summary>The fields whose changes are kept in person_history, with their column.</summary>
        internal static readonly (PersonFields Field, string Name, string Column)[] TrackedFields =
        {
            (PersonFields.Department, "Department", "department"),
            (PersonFields.JobTitle, "JobTitle", "job_title"),
            (PersonFields.Office, "Office", "office"),
            (PersonFields.Country, "Country", "country"),
            (PersonFields.Manager, "Manager", "manager_upn"),
            (PersonFields.HireDate, "HireDate", "hire_date"),
            (PersonFields.LeaveDate, "LeaveDate", "leave_date"),
            (PersonFields.UserType, "UserType", "user_type"),
            (PersonFields.Enabled, "Enabled", "enabled"),
        };

        /// <summary>Adds new people and updates changed ones (the directory's view: every field, from Graph).</summary>
        public PeopleWriteResult UpsertPeople(IEnumerable<Person> people, string source, DbTransaction transaction) =>
            UpsertPeople(people, new PeopleWriteOptions { Source = source }, transaction);

        /// <summary>
        /// Adds new people and updates changed ones, matched by user principal name (case-insensitive), writing only
        /// the fields <paramref name="options"/> allows. Unchanged people are not rewritten, so the counts say what
        /// really changed; a changed tracked field (department, manager, country, dates, account kind...) appends a
        /// history row dated the day it was seen. People on the erasure list are never added back.
        /// </summary>
        public PeopleWriteResult UpsertPeople(IEnumerable<Person> people, PeopleWriteOptions options, DbTransaction transaction)
        {
            var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            var seenOn = FormatDate((options.SeenOn ?? DateTime.UtcNow).Date);
            var erasure = LoadErasureList(transaction);
            // Everyone stored, read once: one query instead of one per person (100,000 people in a daily sync).
            var names = new[] { "directory_id", "mail", "display_name", "department", "job_title", "office", "country", "manager_directory_id", "manager_upn", "hire_date", "leave_date", "user_type", "enabled" };
            var existing = new Dictionary<string, (long Id, object[] Values, string? Since, string? LastListed)>(StringComparer.OrdinalIgnoreCase);
            using (var all = Command("SELECT id, upn, " + string.Join(", ", names) + ", coalesce(first_seen, substr(updated_at, 1, 10)), last_listed FROM person", transaction))
            using (var reader = all.ExecuteReader())
            {
                while (reader.Read())
                {
                    var values = new object[names.Length];
                    for (var i = 0; i < names.Length; i++)
                    {
                        values[i] = reader.IsDBNull(i + 2) ? DBNull.Value : reader.GetValue(i + 2);
                    }

                    existing[reader.GetString(1)] = (reader.GetInt64(0), values, reader.IsDBNull(names.Length + 2) ? null : reader.GetString(names.Length + 2), reader.IsDBNull(names.Length + 3) ? null : reader.GetString(names.Length + 3));
                }
            }

            using var write = Command(@"
INSERT INTO person (id, directory_id, upn, mail, display_name, department, job_title, office, country, manager_directory_id, manager_upn, hire_date, leave_date, user_type, enabled, last_seen, first_seen, last_listed, source, updated_at)
VALUES (" + Backend.NewPersonId + @", @directory_id, @upn, @mail, @display_name, @department, @job_title, @office, @country, @manager_directory_id, @manager_upn, @hire_date, @leave_date, @user_type, @enabled, @last_seen, @seen, @seen, @source, @updated_at)
ON CONFLICT (upn) DO UPDATE SET
    directory_id = excluded.directory_id, mail = excluded.mail, display_name = excluded.display_name, department = excluded.department,
    job_title = excluded.job_title, office = excluded.office, country = excluded.country, manager_directory_id = excluded.manager_directory_id,
    manager_upn = excluded.manager_upn, hire_date = excluded.hire_date, leave_date = excluded.leave_date, user_type = excluded.user_type, enabled = excluded.enabled,
    last_seen = coalesce(excluded.last_seen, person.last_seen), first_seen = coalesce(person.first_seen, substr(person.updated_at, 1, 10), excluded.first_seen), last_listed = excluded.last_listed,
    source = CASE WHEN @changed = 1 THEN excluded.source ELSE person.source END, updated_at = CASE WHEN @changed = 1 THEN excluded.updated_at ELSE person.updated_at END
RETURNING id", transaction);
            var p = write.Parameters;
            var columns = new Dictionary<string, DbParameter>(StringComparer.Ordinal);
            foreach (var name in new[] { "directory_id", "upn", "mail", "display_name", "department", "job_title", "office", "country", "manager_directory_id", "manager_upn", "hire_date", "leave_date", "user_type", "last_seen" })
            {
                columns[name] = p.Add("@" + name, DbType.String);
            }

            var enabled = p.Add("@enabled", DbType.Int64);
            var changedFlag = p.Add("@changed", DbType.Int64);
            p.AddWithValue("@seen", seenOn);
            p.AddWithValue("@source", options.Source);
            p.AddWithValue("@updated_at", now);
            using var history = Command("INSERT INTO person_history (person_id, field, value, seen_from, source) VALUES (@person, @field, @value, @seen, @source) ON CONFLICT (person_id, field, seen_from) DO UPDATE SET value = excluded.value, source = excluded.source", transaction);
            var historyPerson = history.Parameters.Add("@person", DbType.Int64);
            var historyField = history.Parameters.Add("@field", DbType.String);
            var historyValue = history.Parameters.Add("@value", DbType.String);
            var historySeen = history.Parameters.Add("@seen", DbType.String);
            var historySource = history.Parameters.Add("@source", DbType.String);
            history.Prepare();
            write.Prepare();
            using var hasHistory = Command("SELECT 1 FROM person_history WHERE person_id = @person AND field = @field LIMIT 1", transaction);
            var hasHistoryPerson = hasHistory.Parameters.Add("@person", DbType.Int64);
            var hasHistoryField = hasHistory.Parameters.Add("@field", DbType.String);

            void AppendHistory(long personId, string field, object value, string from, string source)
            {
                historyPerson.Value = personId;
                historyField.Value = field;
                historyValue.Value = value;
                historySeen.Value = from;
                historySource.Value = source;
                history.ExecuteNonQuery();
            }

            int added = 0, updated = 0, refused = 0;
            var writable = options.Overwrite | options.FillOnly;
            foreach (var person in people)
            {
                if (erasure.Contains(person))
                {
                    refused++;
                    continue;
                }

                // The directory and HR files go on naming an erased manager: the reference would bring their identifiers back.
                var managerErased = erasure.Contains(person.ManagerUserPrincipalName) || erasure.Contains(person.ManagerId);
                var incoming = new Dictionary<string, object>(StringComparer.Ordinal)
                {
                    ["directory_id"] = DbText(person.Id),
                    ["mail"] = DbText(person.Mail),
                    ["display_name"] = string.IsNullOrEmpty(person.DisplayName) ? person.UserPrincipalName : person.DisplayName,
                    ["department"] = DbText(person.Department),
                    ["job_title"] = DbText(person.JobTitle),
                    ["office"] = DbText(person.OfficeLocation),
                    ["country"] = DbText(person.Country),
                    ["manager_directory_id"] = managerErased ? DBNull.Value : DbText(person.ManagerId),
                    ["manager_upn"] = managerErased ? DBNull.Value : DbText(person.ManagerUserPrincipalName),
                    ["hire_date"] = DbDate(person.HireDate),
                    ["leave_date"] = DbDate(person.LeaveDate),
                    ["user_type"] = StaffAccount.Classify(person.UserType, person.UserPrincipalName),
                    ["enabled"] = person.Enabled ? 1L : 0L,
                };

                Dictionary<string, object>? stored = null;
                string? storedSince = null;
                string? lastListed = null;
                if (existing.TryGetValue(person.UserPrincipalName, out var known))
                {
                    stored = new Dictionary<string, object>(StringComparer.Ordinal);
                    for (var i = 0; i < names.Length; i++)
                    {
                        stored[names[i]] = known.Values[i];
                    }

                    storedSince = known.Since;
                    lastListed = known.LastListed;
                }

                // Start from what is stored and take each field the options allow.
                var merged = stored == null ? new Dictionary<string, object>(incoming, StringComparer.Ordinal) : new Dictionary<string, object>(stored, StringComparer.Ordinal);
                if (stored != null)
                {
                    foreach (var (field, columnNames) in FieldColumns)
                    {
                        foreach (var column in columnNames)
                        {
                            if (options.Takes(field, stored[column] is DBNull))
                            {
                                merged[column] = incoming[column];
                            }
                        }
                    }
                }

                var changed = stored == null || merged.Any(m => !SameValue(m.Value, stored[m.Key]));
                if (!changed && lastListed == seenOn && !person.LastSeen.HasValue)
                {
                    continue;
                }

                columns["upn"].Value = person.UserPrincipalName;
                foreach (var entry in merged)
                {
                    if (entry.Key == "enabled")
                    {
                        enabled.Value = Convert.ToInt64(entry.Value, CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        columns[entry.Key].Value = entry.Value;
                    }
                }

                columns["last_seen"].Value = DbDate(person.LastSeen);
                changedFlag.Value = changed ? 1 : 0;
                var personId = Convert.ToInt64(write.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (stored == null)
                {
                    // A second row for the same person in one write updates it instead of adding it again.
                    existing[person.UserPrincipalName] = (personId, names.Select(n => merged[n]).ToArray(), seenOn, seenOn);
                }
                foreach (var (field, name, column) in TrackedFields)
                {
                    if ((writable & field) == 0 && stored != null)
                    {
                        continue;
                    }

                    var value = merged[column];
                    if (stored == null)
                    {
                        // A new person's first values need no row: they hold from first_seen until a change, and
                        // the first change writes both the old value (from first_seen) and the new one.
                        continue;
                    }

                    if (SameValue(value, stored[column]))
                    {
                        continue;
                    }

                    // A store older than the history table: keep the value the person had before this change.
                    hasHistoryPerson.Value = personId;
                    hasHistoryField.Value = name;
                    if (hasHistory.ExecuteScalar() == null && !(stored[column] is DBNull) && storedSince != null && string.CompareOrdinal(storedSince, seenOn) < 0)
                    {
                        AppendHistory(personId, name, HistoryText(stored[column]), storedSince, "Store");
                    }

                    AppendHistory(personId, name, value is DBNull ? (object)DBNull.Value : HistoryText(value), seenOn, options.Source);
                }

                if (stored == null)
                {
                    added++;
                }
                else if (changed)
                {
                    updated++;
                }
            }

            return new PeopleWriteResult(added, updated, refused);
        }

        private static readonly (PersonFields Field, string[] Columns)[] FieldColumns =
        {
            (PersonFields.DirectoryId, new[] { "directory_id" }),
            (PersonFields.DisplayName, new[] { "display_name" }),
            (PersonFields.Mail, new[] { "mail" }),
            (PersonFields.Department, new[] { "department" }),
            (PersonFields.JobTitle, new[] { "job_title" }),
            (PersonFields.Office, new[] { "office" }),
            (PersonFields.Country, new[] { "country" }),
            (PersonFields.Manager, new[] { "manager_directory_id", "manager_upn" }),
            (PersonFields.HireDate, new[] { "hire_date" }),
            (PersonFields.LeaveDate, new[] { "leave_date" }),
            (PersonFields.UserType, new[] { "user_type" }),
            (PersonFields.Enabled, new[] { "enabled" }),
        };

        private static bool SameValue(object a, object b)
        {
            if (a is DBNull || b is DBNull)
            {
                return a is DBNull && b is DBNull;
            }

            if (a is long || b is long)
            {
                return Convert.ToInt64(a, CultureInfo.InvariantCulture) == Convert.ToInt64(b, CultureInfo.InvariantCulture);
            }

            return string.Equals(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        private static string HistoryText(object value) => value is long number ? (number != 0 ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

        /// <summary>
        /// Tracked values as they changed over time, oldest first. A field gets rows from its first change on: the
        /// value it had until then, from the day the person was first seen, and each later value from the day it was
        /// seen. A field that never changed has no row; its value is the person's current one since first seen.
        /// </summary>
        public IReadOnlyList<PersonHistoryEntry> ReadPersonHistory(string? userPrincipalName = null)
        {
            var entries = new List<PersonHistoryEntry>();
            using var command = Command("SELECT p.upn, h.field, h.value, h.seen_from, h.source FROM person_history h JOIN person p ON p.id = h.person_id " +
                (userPrincipalName == null ? string.Empty : "WHERE p.upn = @upn ") + "ORDER BY p.upn, h.field, h.seen_from");
            if (userPrincipalName != null)
            {
                command.Parameters.AddWithValue("@upn", userPrincipalName);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new PersonHistoryEntry(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), ParseDate(reader.GetString(3)), reader.GetString(4)));
            }

            return entries;
        }

        /// <summary>The first and last day the directory or an HR file listed the person; null when unknown.</summary>
        public (DateTime? FirstSeen, DateTime? LastListed) ReadListedDays(string userPrincipalName)
        {
            using var command = Command("SELECT first_seen, last_listed FROM person WHERE upn = @upn");
            command.Parameters.AddWithValue("@upn", userPrincipalName);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return (null, null);
            }

            return (reader.IsDBNull(0) ? (DateTime?)null : ParseDate(reader.GetString(0)), reader.IsDBNull(1) ? (DateTime?)null : ParseDate(reader.GetString(1)));
        }

        /// <summary>How many people the store holds.</summary>
        public int CountPeople() => Convert.ToInt32(Scalar("SELECT count(*) FROM person"), CultureInfo.InvariantCulture);

        /// <summary>Everyone in the store, in a stable order.</summary>
        public IReadOnlyList<Person> ReadPeople(bool includeDisabled = true)
        {
            var people = new List<Person>();
            using var command = Command($"SELECT {PersonColumns} FROM person p {(includeDisabled ? string.Empty : "WHERE p.enabled = 1")} ORDER BY p.upn");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                people.Add(ReadPerson(reader));
            }

            return people;
        }

        /// <summary>Finds people by user principal name or mail, case-insensitively, for imports and reports.</summary>
        public PersonDirectory LoadPersonDirectory(DbTransaction? transaction = null)
        {
            var directory = new PersonDirectory();
            using var command = Command("SELECT id, upn, mail FROM person", transaction);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                directory.Add(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            }

            return directory;
        }

        private static Person ReadPerson(DbDataReader reader) => new Person
        {
            Id = reader.IsDBNull(1) ? reader.GetInt64(0).ToString(CultureInfo.InvariantCulture) : reader.GetString(1),
            UserPrincipalName = reader.GetString(2),
            Mail = reader.IsDBNull(3) ? null : reader.GetString(3),
            DisplayName = reader.GetString(4),
            Department = reader.IsDBNull(5) ? null : reader.GetString(5),
            JobTitle = reader.IsDBNull(6) ? null : reader.GetString(6),
            OfficeLocation = reader.IsDBNull(7) ? null : reader.GetString(7),
            Country = reader.IsDBNull(8) ? null : reader.GetString(8),
            ManagerId = reader.IsDBNull(9) ? null : reader.GetString(9),
            ManagerUserPrincipalName = reader.IsDBNull(10) ? null : reader.GetString(10),
            HireDate = reader.IsDBNull(11) ? (DateTime?)null : ParseDate(reader.GetString(11)),
            Enabled = reader.GetInt64(12) != 0,
            LastSeen = reader.IsDBNull(13) ? (DateTime?)null : ParseDate(reader.GetString(13)),
            LeaveDate = reader.IsDBNull(14) ? (DateTime?)null : ParseDate(reader.GetString(14)),
            UserType = reader.GetString(15),
        };
    }

    /// <summary>One value a tracked field of a person had from a day on.</summary>
    public sealed class PersonHistoryEntry
    {
        public PersonHistoryEntry(string userPrincipalName, string field, string? value, DateTime seenFrom, string source)
        {
            UserPrincipalName = userPrincipalName;
            Field = field;
            Value = value;
            SeenFrom = seenFrom;
            Source = source;
        }

        public string UserPrincipalName { get; }

        /// <summary>Department, JobTitle, Office, Country, Manager, HireDate, LeaveDate, UserType or Enabled.</summary>
        public string Field { get; }

        public string? Value { get; }

        public DateTime SeenFrom { get; }

        public string Source { get; }

        public override string ToString() => $"{UserPrincipalName} {Field}={Value} from {SeenFrom:yyyy-MM-dd}";
    }

    /// <summary>People's store ids by user principal name and by mail, both case-insensitive.</summary>
    public sealed class PersonDirectory
    {
        private readonly Dictionary<string, long> byUpn = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, long> byMail = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<long, string> upnById = new Dictionary<long, string>();

        /// <summary>An empty directory (a store that does not exist yet); stores fill theirs with LoadPersonDirectory.</summary>
        public PersonDirectory()
        {
        }

        public int Count => byUpn.Count;

        internal void Add(long id, string upn, string? mail)
        {
            byUpn[upn] = id;
            upnById[id] = upn;
            if (!string.IsNullOrEmpty(mail) && !byMail.ContainsKey(mail!))
            {
                byMail[mail!] = id;
            }
        }

        /// <summary>The store id of the person with this UPN, or else this mail address; null when unknown.</summary>
        public long? Find(string upnOrMail)
        {
            var key = upnOrMail.Trim();
            if (byUpn.TryGetValue(key, out var id) || byMail.TryGetValue(key, out id))
            {
                return id;
            }

            return null;
        }

        /// <summary>The canonical UPN of a store id.</summary>
        public string UserPrincipalName(long id) => upnById[id];
    }
}
