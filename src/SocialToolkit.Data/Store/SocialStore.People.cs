using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Data.Store
{
    /// <summary>How many people a write added and changed.</summary>
    public readonly struct PeopleWriteResult
    {
        public PeopleWriteResult(int added, int updated)
        {
            Added = added;
            Updated = updated;
        }

        public int Added { get; }

        public int Updated { get; }
    }

    public sealed partial class SocialStore
    {
        private const string PersonColumns = "p.id, p.directory_id, p.upn, p.mail, p.display_name, p.department, p.job_title, p.office, p.country, p.manager_directory_id, p.manager_upn, p.hire_date, p.enabled, p.last_seen, p.leave_date, p.user_type";

        /// <summary>
        /// Adds new people and updates changed ones, matched by user principal name (case-insensitive).
        /// Unchanged people are not rewritten, so the counts say what really changed.
        /// </summary>
        public PeopleWriteResult UpsertPeople(IEnumerable<Person> people, string source, SqliteTransaction transaction)
        {
            var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            using var exists = Command("SELECT 1 FROM person WHERE upn = $upn", transaction);
            var existsUpn = exists.Parameters.Add("$upn", SqliteType.Text);
            using var upsert = Command(@"
INSERT INTO person (directory_id, upn, mail, display_name, department, job_title, office, country, manager_directory_id, manager_upn, hire_date, leave_date, user_type, enabled, last_seen, source, updated_at)
VALUES ($directory_id, $upn, $mail, $display_name, $department, $job_title, $office, $country, $manager_directory_id, $manager_upn, $hire_date, $leave_date, $user_type, $enabled, $last_seen, $source, $updated_at)
ON CONFLICT (upn) DO UPDATE SET
    directory_id = excluded.directory_id, mail = excluded.mail, display_name = excluded.display_name, department = excluded.department,
    job_title = excluded.job_title, office = excluded.office, country = excluded.country, manager_directory_id = excluded.manager_directory_id,
    manager_upn = excluded.manager_upn, hire_date = excluded.hire_date, leave_date = excluded.leave_date, user_type = excluded.user_type, enabled = excluded.enabled,
    last_seen = coalesce(excluded.last_seen, person.last_seen), source = excluded.source, updated_at = excluded.updated_at
WHERE person.directory_id IS NOT excluded.directory_id OR person.mail IS NOT excluded.mail OR person.display_name IS NOT excluded.display_name
   OR person.department IS NOT excluded.department OR person.job_title IS NOT excluded.job_title OR person.office IS NOT excluded.office
   OR person.country IS NOT excluded.country OR person.manager_directory_id IS NOT excluded.manager_directory_id
   OR person.manager_upn IS NOT excluded.manager_upn OR person.hire_date IS NOT excluded.hire_date OR person.enabled IS NOT excluded.enabled
   OR person.leave_date IS NOT excluded.leave_date OR person.user_type IS NOT excluded.user_type
   OR (excluded.last_seen IS NOT NULL AND person.last_seen IS NOT excluded.last_seen)", transaction);
            var p = upsert.Parameters;
            var directoryId = p.Add("$directory_id", SqliteType.Text);
            var upn = p.Add("$upn", SqliteType.Text);
            var mail = p.Add("$mail", SqliteType.Text);
            var displayName = p.Add("$display_name", SqliteType.Text);
            var department = p.Add("$department", SqliteType.Text);
            var jobTitle = p.Add("$job_title", SqliteType.Text);
            var office = p.Add("$office", SqliteType.Text);
            var country = p.Add("$country", SqliteType.Text);
            var managerId = p.Add("$manager_directory_id", SqliteType.Text);
            var managerUpn = p.Add("$manager_upn", SqliteType.Text);
            var hireDate = p.Add("$hire_date", SqliteType.Text);
            var leaveDate = p.Add("$leave_date", SqliteType.Text);
            var userType = p.Add("$user_type", SqliteType.Text);
            var enabled = p.Add("$enabled", SqliteType.Integer);
            var lastSeen = p.Add("$last_seen", SqliteType.Text);
            p.AddWithValue("$source", source);
            p.AddWithValue("$updated_at", now);
            upsert.Prepare();
            exists.Prepare();

            int added = 0, updated = 0;
            foreach (var person in people)
            {
                existsUpn.Value = person.UserPrincipalName;
                var isNew = exists.ExecuteScalar() == null;
                directoryId.Value = DbText(person.Id);
                upn.Value = person.UserPrincipalName;
                mail.Value = DbText(person.Mail);
                displayName.Value = string.IsNullOrEmpty(person.DisplayName) ? person.UserPrincipalName : person.DisplayName;
                department.Value = DbText(person.Department);
                jobTitle.Value = DbText(person.JobTitle);
                office.Value = DbText(person.OfficeLocation);
                country.Value = DbText(person.Country);
                managerId.Value = DbText(person.ManagerId);
                managerUpn.Value = DbText(person.ManagerUserPrincipalName);
                hireDate.Value = DbDate(person.HireDate);
                leaveDate.Value = DbDate(person.LeaveDate);
                userType.Value = StaffAccount.Classify(person.UserType, person.UserPrincipalName);
                enabled.Value = person.Enabled ? 1 : 0;
                lastSeen.Value = DbDate(person.LastSeen);
                var changed = upsert.ExecuteNonQuery();
                if (isNew)
                {
                    added++;
                }
                else if (changed > 0)
                {
                    updated++;
                }
            }

            return new PeopleWriteResult(added, updated);
        }

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
        public PersonDirectory LoadPersonDirectory(SqliteTransaction? transaction = null)
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

        private static Person ReadPerson(SqliteDataReader reader) => new Person
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

    /// <summary>People's store ids by user principal name and by mail, both case-insensitive.</summary>
    public sealed class PersonDirectory
    {
        private readonly Dictionary<string, long> byUpn = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, long> byMail = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<long, string> upnById = new Dictionary<long, string>();

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
