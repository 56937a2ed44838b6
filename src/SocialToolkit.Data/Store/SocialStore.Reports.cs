using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using SocialToolkit.Core.Analytics;

namespace SocialToolkit.Data.Store
{
    /// <summary>One stored activity row, as reports stream it.</summary>
    public readonly struct ActivityRow
    {
        public ActivityRow(long personId, string network, DateTime day, int posts, int replies, int reactions, int reads, int shares)
        {
            PersonId = personId;
            Network = network;
            Day = day;
            Posts = posts;
            Replies = replies;
            Reactions = reactions;
            Reads = reads;
            Shares = shares;
        }

        public long PersonId { get; }

        public string Network { get; }

        public DateTime Day { get; }

        public int Posts { get; }

        public int Replies { get; }

        public int Reactions { get; }

        public int Reads { get; }

        public int Shares { get; }
    }

    /// <summary>The attributes of a <see cref="ReportPerson"/> that only some reports read.</summary>
    [Flags]
    public enum ReportPersonDetails
    {
        None = 0,
        DisplayName = 1,
        Country = 2,
        Office = 4,
        JobTitle = 8,
        Manager = 16,
        All = DisplayName | Country | Office | JobTitle | Manager,
    }

    /// <summary>Read queries of the reports: streamed, so a large store never sits in memory whole.</summary>
    public sealed partial class SocialStore
    {
        public const string PseudonymKeyMetadata = "pseudonym_key";

        /// <summary>The largest id of a person ever erased: new people's ids start after it (<see cref="Backends.StoreBackend.NewPersonId"/>).</summary>
        public const string PersonIdHighWaterMetadata = "person_id_high_water";

        /// <summary>Records that <paramref name="personId"/> was erased, so that no newcomer is ever given it.</summary>
        internal void RecordErasedPersonId(long personId, DbTransaction transaction)
        {
            using var command = Command(@"INSERT INTO metadata (key, value) VALUES (@key, @value)
ON CONFLICT (key) DO UPDATE SET value = CASE WHEN CAST(metadata.value AS BIGINT) < CAST(excluded.value AS BIGINT) THEN excluded.value ELSE metadata.value END", transaction);
            command.Parameters.AddWithValue("@key", PersonIdHighWaterMetadata);
            command.Parameters.AddWithValue("@value", personId.ToString(CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }

        /// <summary>The largest id of a person ever erased from this store; 0 when none was. Read in <paramref name="transaction"/> when given.</summary>
        public long ErasedPersonIdHighWater(DbTransaction? transaction = null)
        {
            using var command = Command("SELECT value FROM metadata WHERE key = @key", transaction);
            command.Parameters.AddWithValue("@key", PersonIdHighWaterMetadata);
            return long.TryParse(command.ExecuteScalar() as string, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        }

        /// <summary>Everyone, with the attributes reports group by.</summary>
        public IReadOnlyList<ReportPerson> ReadReportPeople() => ReadReportPeople(long.MinValue, long.MaxValue, ReportPersonDetails.All);

        /// <summary>
        /// The people whose id is between <paramref name="firstId"/> and <paramref name="lastId"/> (inclusive), in id order.
        /// Besides what every report needs (id, account, its kind and state, hire and leave dates, department), only the
        /// <paramref name="details"/> asked for are read: on 100,000 people each text column costs a string per person.
        /// </summary>
        public IReadOnlyList<ReportPerson> ReadReportPeople(long firstId, long lastId, ReportPersonDetails details)
        {
            string Column(ReportPersonDetails detail, string name) => (details & detail) != 0 ? name : "NULL";
            var people = new List<ReportPerson>();
            // The people are read whole before the history: a server connection runs one command at a time.
            {
                using var command = Command("SELECT id, upn, " + Column(ReportPersonDetails.DisplayName, "display_name") + ", department, " + Column(ReportPersonDetails.Country, "country") + ", "
                    + Column(ReportPersonDetails.Office, "office") + ", " + Column(ReportPersonDetails.JobTitle, "job_title") + ", enabled, hire_date, leave_date, user_type, "
                    + Column(ReportPersonDetails.Manager, "manager_upn") + " FROM person WHERE id BETWEEN @first AND @last ORDER BY id");
                command.Parameters.AddWithValue("@first", firstId);
                command.Parameters.AddWithValue("@last", lastId);
                using var reader = command.ExecuteReader();
                string? Text(int ordinal, ReportPersonDetails detail) => (details & detail) != 0 && !reader.IsDBNull(ordinal) ? reader.GetString(ordinal) : null;
                while (reader.Read())
                {
                    people.Add(new ReportPerson
                    {
                        Id = reader.GetInt64(0),
                        UserPrincipalName = reader.GetString(1),
                        DisplayName = (details & ReportPersonDetails.DisplayName) != 0 ? reader.GetString(2) : string.Empty,
                        Department = reader.IsDBNull(3) ? null : reader.GetString(3),
                        Country = Text(4, ReportPersonDetails.Country),
                        Office = Text(5, ReportPersonDetails.Office),
                        JobTitle = Text(6, ReportPersonDetails.JobTitle),
                        Enabled = reader.GetInt64(7) != 0,
                        HireDate = reader.IsDBNull(8) ? (DateTime?)null : ParseDate(reader.GetString(8)),
                        LeaveDate = reader.IsDBNull(9) ? (DateTime?)null : ParseDate(reader.GetString(9)),
                        UserType = reader.GetString(10),
                        Manager = Text(11, ReportPersonDetails.Manager),
                    });
                }
            }

            ApplyAccountHistory(people, firstId, lastId);
            return people;
        }

        /// <summary>
        /// Gives each person the history of their account's kind and state (<see cref="ReportPerson.ApplyAccountHistory"/>):
        /// a guest who became a member, or a member whose account was disabled, counts as staff on the days they were one.
        /// </summary>
        private void ApplyAccountHistory(List<ReportPerson> people, long firstId, long lastId)
        {
            var userTypes = new Dictionary<long, List<(DateTime, string?)>>();
            var enabled = new Dictionary<long, List<(DateTime, bool)>>();
            using (var command = Command("SELECT person_id, field, value, seen_from FROM person_history WHERE field IN ('UserType', 'Enabled') AND person_id BETWEEN @first AND @last ORDER BY person_id, seen_from"))
            {
                command.Parameters.AddWithValue("@first", firstId);
                command.Parameters.AddWithValue("@last", lastId);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var id = reader.GetInt64(0);
                    var value = reader.IsDBNull(2) ? null : reader.GetString(2);
                    var from = ParseDate(reader.GetString(3));
                    if (reader.GetString(1) == "UserType")
                    {
                        Entries(userTypes, id).Add((from, value));
                    }
                    else
                    {
                        Entries(enabled, id).Add((from, string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)));
                    }
                }
            }

            if (userTypes.Count == 0 && enabled.Count == 0)
            {
                return;
            }

            foreach (var person in people)
            {
                var types = userTypes.TryGetValue(person.Id, out var t) ? t : new List<(DateTime, string?)>();
                var states = enabled.TryGetValue(person.Id, out var e) ? e : new List<(DateTime, bool)>();
                if (types.Count > 0 || states.Count > 0)
                {
                    person.ApplyAccountHistory(types, states);
                }
            }
        }

        private static List<T> Entries<T>(Dictionary<long, List<T>> byPerson, long id)
        {
            if (!byPerson.TryGetValue(id, out var list))
            {
                byPerson[id] = list = new List<T>();
            }

            return list;
        }

        /// <summary>The smallest and largest person id and the number of people (ids 0 when there is nobody).</summary>
        public (long First, long Last, int Count) PersonIdRange()
        {
            using var command = Command("SELECT min(id), max(id), count(*) FROM person");
            using var reader = command.ExecuteReader();
            reader.Read();
            return reader.IsDBNull(0) ? (0, 0, 0) : (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2));
        }

        /// <summary>Streams the stored rows between two days (inclusive), optionally for some networks only.</summary>
        public IEnumerable<ActivityRow> StreamActivity(DateTime from, DateTime to, IReadOnlyCollection<string>? networks = null)
        {
            var filter = networks != null && networks.Count > 0;
            // The day comes back as a day number (days since 1970-01-01): no string per row.
            using var command = Command("SELECT person_id, network, " + DayNumber("day") + ", posts, replies, reactions, reads, shares FROM activity" + ScanHint(from, to) + " WHERE day BETWEEN @from AND @to"
                + (filter ? " AND network IN (" + string.Join(", ", networks!.Select((_, i) => "@n" + i.ToString(CultureInfo.InvariantCulture))) + ")" : string.Empty));
            command.Parameters.AddWithValue("@from", FormatDate(from));
            command.Parameters.AddWithValue("@to", FormatDate(to));
            if (filter)
            {
                var i = 0;
                foreach (var network in networks!)
                {
                    command.Parameters.AddWithValue("@n" + (i++).ToString(CultureInfo.InvariantCulture), network);
                }
            }

            var epoch = new DateTime(1970, 1, 1);
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var day = epoch.AddDays(reader.GetInt64(2));
                var networkText = reader.GetString(1);
                if (!names.TryGetValue(networkText, out var network))
                {
                    names[networkText] = network = networkText;
                }

                yield return new ActivityRow(reader.GetInt64(0), network, day, reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7));
            }
        }

        /// <summary>Days with at least one post or reply on any network, per person, with that day's posts (person and day order).</summary>
        public IEnumerable<(long PersonId, DateTime Day, int Posts)> StreamContributionDays(DateTime from, DateTime to)
        {
            using var command = Command(@"SELECT person_id, day, sum(posts) FROM activity" + ScanHint(from, to) + @"
WHERE day BETWEEN @from AND @to AND posts + replies > 0 GROUP BY person_id, day ORDER BY person_id, day");
            command.Parameters.AddWithValue("@from", FormatDate(from));
            command.Parameters.AddWithValue("@to", FormatDate(to));
            var days = new Dictionary<string, DateTime>(StringComparer.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var dayText = reader.GetString(1);
                if (!days.TryGetValue(dayText, out var day))
                {
                    day = ParseDate(dayText);
                    days[dayText] = day;
                }

                yield return (reader.GetInt64(0), day, reader.GetInt32(2));
            }
        }

        /// <summary>
        /// When a period spans a good part of the stored days, reading the whole table in key order beats fetching each
        /// row of the day index from the table (measured: about twice as fast at half the days; 180 days of 100,000 people:
        /// 1.6 s instead of 5.1 s); for short periods the index wins. How to ask for the whole-table read is the backend's
        /// (<see cref="Backends.StoreBackend.FullScanHint"/>).
        /// </summary>
        private string ScanHint(DateTime from, DateTime to)
        {
            using var span = Command("SELECT min(day), max(day) FROM coverage");
            using var reader = span.ExecuteReader();
            if (!reader.Read() || reader.IsDBNull(0))
            {
                return string.Empty;
            }

            var stored = (ParseDate(reader.GetString(1)) - ParseDate(reader.GetString(0))).TotalDays + 1;
            return (to - from).TotalDays + 1 >= stored / 4 ? Backend.FullScanHint : string.Empty;
        }

        /// <summary>Completed courses with a completion date (records without one cannot be placed in time).</summary>
        public IReadOnlyList<TrainingCompletion> ReadCompletions()
        {
            var completions = new List<TrainingCompletion>();
            using var command = Command("SELECT person_id, course_id, course_title, completed_date, assigned_date FROM training WHERE status = 'Completed' AND completed_date IS NOT NULL ORDER BY person_id, completed_date, course_id");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                completions.Add(new TrainingCompletion
                {
                    PersonId = reader.GetInt64(0),
                    CourseId = reader.GetString(1),
                    CourseTitle = reader.GetString(2),
                    Completed = ParseDate(reader.GetString(3)),
                    Assigned = reader.IsDBNull(4) ? (DateTime?)null : ParseDate(reader.GetString(4)),
                });
            }

            return completions;
        }

        /// <summary>Completed records that carry no completion date.</summary>
        public int CountCompletionsWithoutDate()
        {
            using var command = Command("SELECT count(*) FROM training WHERE status = 'Completed' AND completed_date IS NULL");
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        /// <summary>Every course the store knows (id and title), for -Course validation and completion.</summary>
        public IReadOnlyList<(string Id, string Title)> ReadCourses()
        {
            var courses = new List<(string, string)>();
            using var command = Command("SELECT course_id, min(course_title) FROM training GROUP BY course_id ORDER BY course_id");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                courses.Add((reader.GetString(0), reader.GetString(1)));
            }

            return courses;
        }

        /// <summary>When data last landed in the store (the newest coverage write), if ever.</summary>
        public DateTimeOffset? LastDataRefresh()
        {
            using var command = Command("SELECT max(stored_at) FROM coverage");
            var value = command.ExecuteScalar() as string;
            return value == null ? (DateTimeOffset?)null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }

        /// <summary>
        /// The store's pseudonym key, created on first use. Kept in the store so pseudonyms stay the same from one report to
        /// the next; anyone who can read the store can read names anyway.
        /// </summary>
        public byte[] GetOrCreatePseudonymKey()
        {
            var existing = GetMetadata(PseudonymKeyMetadata);
            if (!string.IsNullOrEmpty(existing))
            {
                return Convert.FromBase64String(existing);
            }

            var key = Pseudonymiser.NewKey();
            InTransaction(transaction =>
            {
                // Another process may have created it meanwhile: keep whichever was stored first.
                using var insert = Command("INSERT INTO metadata (key, value) VALUES (@key, @value) ON CONFLICT (key) DO NOTHING", transaction);
                insert.Parameters.AddWithValue("@key", PseudonymKeyMetadata);
                insert.Parameters.AddWithValue("@value", Convert.ToBase64String(key));
                return insert.ExecuteNonQuery();
            });

            return Convert.FromBase64String(GetMetadata(PseudonymKeyMetadata)!);
        }
    }
}
